import { type ApiKey, NotFoundError, Page, PagePromise, SigmaxError } from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { apiKey, client, fakeFetch, json, problem, rejection } from './support/http';

const KEYS = ['key_1', 'key_2', 'key_3', 'key_4', 'key_5'].map(apiKey);

/** Serves KEYS the way the server does: `limit` per page, the cursor being the last id sent. */
function listServer() {
  return fakeFetch((request) => {
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const cursor = url.searchParams.get('cursor');
    const start = cursor === null ? 0 : KEYS.findIndex((key) => key.id === cursor) + 1;
    const data = KEYS.slice(start, start + limit);
    const last = data.at(-1);
    const nextCursor = last && start + limit < KEYS.length ? last.id : null;
    return json({ data, nextCursor });
  });
}

const queries = (calls: { request: Request }[]) => calls.map((call) => new URL(call.request.url).search);

describe('list pagination', () => {
  it('walks every item of every page with for await', async () => {
    const { fetch, calls } = listServer();
    const ids: string[] = [];
    for await (const key of client(fetch).apiKeys.list({ limit: 2, includeRevoked: true })) ids.push(key.id);
    expect(ids).toEqual(['key_1', 'key_2', 'key_3', 'key_4', 'key_5']);
    expect(queries(calls)).toEqual([
      '?limit=2&includeRevoked=true',
      '?limit=2&includeRevoked=true&cursor=key_2',
      '?limit=2&includeRevoked=true&cursor=key_4',
    ]);
  });

  it('awaits to the first page', async () => {
    const { fetch, calls } = listServer();
    const promise = client(fetch).apiKeys.list({ limit: 2 });
    expect(promise).toBeInstanceOf(PagePromise);
    const page = await promise;
    expect(page).toBeInstanceOf(Page);
    expect(page.data.map((key) => key.id)).toEqual(['key_1', 'key_2']);
    expect(page.nextCursor).toBe('key_2');
    expect(page.hasNextPage()).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('steps through pages with getNextPage() and stops at the last', async () => {
    const { fetch } = listServer();
    let page = await client(fetch).apiKeys.list({ limit: 2 });
    const sizes = [page.data.length];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(page.nextCursor).toBeNull();
    expect(await rejection(page.getNextPage())).toBeInstanceOf(SigmaxError);
  });

  it('yields whole pages with iterPages()', async () => {
    const { fetch } = listServer();
    const pages: ApiKey[][] = [];
    for await (const page of (await client(fetch).apiKeys.list({ limit: 3 })).iterPages())
      pages.push(page.data);
    expect(pages.map((data) => data.length)).toEqual([3, 2]);
  });

  it('fetches no further than the loop reads', async () => {
    const { fetch, calls } = listServer();
    for await (const key of client(fetch).apiKeys.list({ limit: 2 })) {
      if (key.id === 'key_2') break;
    }
    expect(calls).toHaveLength(1);
  });

  it('sends a single request for a list that fits one page', async () => {
    const { fetch, calls } = listServer();
    const ids: string[] = [];
    for await (const key of client(fetch).apiKeys.list()) ids.push(key.id);
    expect(ids).toHaveLength(5);
    expect(queries(calls)).toEqual(['']);
  });

  it('gives the first page and the raw response through withResponse()', async () => {
    const { fetch } = listServer();
    const { data, response, requestId } = await client(fetch).apiKeys.list({ limit: 2 }).withResponse();
    expect(data).toBeInstanceOf(Page);
    expect(data.data).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_ok');
  });

  it('reuses the per-call options for later pages', async () => {
    const { fetch, calls } = listServer();
    const sigmax = client(fetch);
    for await (const _ of sigmax.apiKeys.list({ limit: 2 }, { headers: { 'X-Trace': 't1' } })) {
      // walk every page
    }
    expect(calls.map((call) => call.request.headers.get('x-trace'))).toEqual(['t1', 't1', 't1']);
  });

  it('rejects the loop when a later page fails', async () => {
    const { fetch } = fakeFetch(
      json({ data: KEYS.slice(0, 2), nextCursor: 'key_2' }),
      problem(404, 'not_found'),
    );
    const ids: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const key of client(fetch).apiKeys.list({ limit: 2 })) ids.push(key.id);
      })(),
    );
    expect(ids).toEqual(['key_1', 'key_2']);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
