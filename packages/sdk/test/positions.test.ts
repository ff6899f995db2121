import { ConflictError, NotFoundError } from '@sigmax/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { order, POSITION, requests } from './support/trading';

beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => vi.restoreAllMocks());

describe('positions', () => {
  it('list() GETs /v1/positions and keeps every amount a string', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [POSITION] }));
    const { data } = await client(fetch).positions.list();
    expect(data).toEqual([POSITION]);
    expect(data[0]?.realizedPnl).toBe('-0.00000001');
    expect(requests(calls)).toEqual([`GET ${BASE_URL}/v1/positions`]);
  });

  it('close() POSTs to /v1/positions/BTC-USDT/close with no body and an Idempotency-Key', async () => {
    const closing = order('ord_9', { side: 'sell', type: 'market', price: null, status: 'filled' });
    const { fetch, calls } = fakeFetch(json(closing, 201));
    await expect(client(fetch).positions.close('BTC/USDT')).resolves.toEqual(closing);
    expect(requests(calls)).toEqual([`POST ${BASE_URL}/v1/positions/BTC-USDT/close`]);
    expect(calls[0]?.body).toBe('');
    expect(calls[0]?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('close() retries with the same Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch(problem(502, 'exchange_error'), json(order('ord_9'), 201));
    await client(fetch).positions.close('ETH/USDT', { idempotencyKey: 'close-eth' });
    expect(calls.map((call) => call.request.headers.get('idempotency-key'))).toEqual([
      'close-eth',
      'close-eth',
    ]);
  });

  it('close() without a position maps by status', async () => {
    const { fetch } = fakeFetch(problem(404, 'no_position'), problem(409, 'conflict'));
    const positions = client(fetch).positions;
    expect(await rejection(positions.close('BTC/USDT'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(positions.close('BTC/USDT'))).toBeInstanceOf(ConflictError);
  });
});
