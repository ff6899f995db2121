import { type Fill, NotFoundError } from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { fill, requests } from './support/trading';

describe('fills.list()', () => {
  it('GETs /v1/fills with its filters and resolves to a page', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [fill('fil_1')], nextCursor: null }));
    const page = await client(fetch).fills.list({
      symbol: 'BTC/USDT',
      orderId: 'ord_1',
      since: '2025-01-01T00:00:00Z',
      until: '2025-01-02T00:00:00Z',
      limit: 100,
    });
    expect(page.data).toEqual([fill('fil_1')]);
    expect(page.data[0]?.fee).toBe('-0.65000100');
    expect(page.hasNextPage()).toBe(false);
    const url = new URL(calls[0]?.request.url ?? '');
    expect(url.pathname).toBe('/v1/fills');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      symbol: 'BTC/USDT',
      orderId: 'ord_1',
      since: '2025-01-01T00:00:00Z',
      until: '2025-01-02T00:00:00Z',
      limit: '100',
    });
  });

  it('walks every page with for await', async () => {
    const { fetch, calls } = fakeFetch(
      json({ data: [fill('fil_3'), fill('fil_2')], nextCursor: 'fil_2' }),
      json({ data: [fill('fil_1')], nextCursor: null }),
    );
    const ids: string[] = [];
    for await (const f of client(fetch).fills.list({ orderId: 'ord_1' })) ids.push((f as Fill).id);
    expect(ids).toEqual(['fil_3', 'fil_2', 'fil_1']);
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/fills?orderId=ord_1`,
      `GET ${BASE_URL}/v1/fills?orderId=ord_1&cursor=fil_2`,
    ]);
  });

  it('rejects the loop when a later page fails', async () => {
    const { fetch } = fakeFetch(
      json({ data: [fill('fil_2')], nextCursor: 'fil_2' }),
      problem(404, 'not_found'),
    );
    const ids: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const f of client(fetch).fills.list()) ids.push(f.id);
      })(),
    );
    expect(ids).toEqual(['fil_2']);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
