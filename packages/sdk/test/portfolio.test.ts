import { EquityHistoryPage, Page, PagePromise } from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json } from './support/http';
import { equityPoint, POSITION, requests } from './support/trading';

const PORTFOLIO = {
  time: '2025-01-01T00:00:00.000Z',
  quoteAsset: 'USDT',
  cash: '93493.49',
  positionsValue: '6600',
  equity: '100093.49',
  unrealizedPnl: '93.49',
  realizedPnl: '0',
  fees: '6.5',
  balances: [
    { asset: 'USDT', free: '93000.00000001', locked: '493.48999999', total: '93493.49' },
    { asset: 'BTC', free: '0.1', locked: '0', total: '0.1' },
  ],
  positions: [POSITION],
};

const POINTS = ['2025-01-01T00:00:00.000Z', '2025-01-01T00:01:00.000Z', '2025-01-01T00:02:00.000Z'].map(
  (time, i) => equityPoint(time, `10000${i}.000000001`),
);

describe('portfolio', () => {
  it('get() GETs /v1/portfolio and keeps every amount a string', async () => {
    const { fetch, calls } = fakeFetch(json(PORTFOLIO));
    const portfolio = await client(fetch).portfolio.get();
    expect(portfolio).toEqual(PORTFOLIO);
    expect(portfolio.balances[0]?.free).toBe('93000.00000001');
    expect(requests(calls)).toEqual([`GET ${BASE_URL}/v1/portfolio`]);
  });

  it('history() resolves to a page that carries the quote asset', async () => {
    const { fetch, calls } = fakeFetch(
      json({ quoteAsset: 'USDT', data: POINTS.slice(0, 2), nextCursor: 'p2' }),
      json({ quoteAsset: 'USDT', data: POINTS.slice(2), nextCursor: null }),
    );
    const promise = client(fetch).portfolio.history({ since: '2025-01-01T00:00:00Z', limit: 2 });
    expect(promise).toBeInstanceOf(PagePromise);
    const page = await promise;
    expect(page).toBeInstanceOf(EquityHistoryPage);
    expect(page).toBeInstanceOf(Page);
    expect(page.quoteAsset).toBe('USDT');
    expect(page.data.map((point) => point.equity)).toEqual(['100000.000000001', '100001.000000001']);

    const next = await page.getNextPage();
    expect(next).toBeInstanceOf(EquityHistoryPage);
    expect(next.quoteAsset).toBe('USDT');
    expect(next.hasNextPage()).toBe(false);
    expect(calls.map((call) => new URL(call.request.url).search)).toEqual([
      '?since=2025-01-01T00%3A00%3A00Z&limit=2',
      '?since=2025-01-01T00%3A00%3A00Z&limit=2&cursor=p2',
    ]);
  });

  it('history() walks every point with for await, and every page with iterPages()', async () => {
    const pages = () =>
      fakeFetch(
        json({ quoteAsset: 'USDT', data: POINTS.slice(0, 2), nextCursor: 'p2' }),
        json({ quoteAsset: 'USDT', data: POINTS.slice(2), nextCursor: null }),
      );
    const times: string[] = [];
    for await (const point of client(pages().fetch).portfolio.history()) times.push(point.time);
    expect(times).toEqual(POINTS.map((point) => point.time));

    const quoteAssets: string[] = [];
    for await (const page of (await client(pages().fetch).portfolio.history()).iterPages())
      quoteAssets.push(`${page.quoteAsset}:${page.data.length}`);
    expect(quoteAssets).toEqual(['USDT:2', 'USDT:1']);
  });
});
