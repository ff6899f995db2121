import {
  type CandleList,
  type IndicatorSeriesList,
  NotFoundError,
  SigmaxError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { MARKET, requests } from './support/trading';

describe('markets', () => {
  it('list() GETs /v1/markets and resolves with the body, decimals untouched', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [MARKET] }));
    const { data } = await client(fetch).markets.list();
    expect(data).toEqual([MARKET]);
    expect(data[0]?.lotSize).toBe('0.00000001');
    expect(requests(calls)).toEqual([`GET ${BASE_URL}/v1/markets`]);
    expect(calls[0]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_test');
  });

  it('sends BTC/USDT as BTC-USDT in every market path', async () => {
    const { fetch, calls } = fakeFetch(json(MARKET));
    const markets = client(fetch).markets;
    await markets.get('BTC/USDT');
    await markets.ticker('BTC/USDT');
    await markets.candles('BTC/USDT', { timeframe: '4h' });
    await markets.orderBook('BTC/USDT');
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/markets/BTC-USDT`,
      `GET ${BASE_URL}/v1/markets/BTC-USDT/ticker`,
      `GET ${BASE_URL}/v1/markets/BTC-USDT/candles?timeframe=4h`,
      `GET ${BASE_URL}/v1/markets/BTC-USDT/orderbook`,
    ]);
  });

  it('passes a symbol already in wire form through, and percent-encodes one it cannot dash', async () => {
    const { fetch, calls } = fakeFetch(json(MARKET));
    const markets = client(fetch).markets;
    await markets.get('ETH-USDT');
    await markets.get('BTC-PERP/USD');
    await markets.get('a?b#c d');
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/markets/ETH-USDT`,
      `GET ${BASE_URL}/v1/markets/BTC-PERP%2FUSD`,
      `GET ${BASE_URL}/v1/markets/a%3Fb%23c%20d`,
    ]);
  });

  it('candles() sends its query and resolves with the candles as strings', async () => {
    const body: CandleList = {
      symbol: 'BTC/USDT',
      timeframe: '1h',
      data: [
        {
          time: '2025-01-01T00:00:00.000Z',
          open: '65000.10',
          high: '65100.00',
          low: '64900.5',
          close: '65050.123456789012345678',
          volume: '12.00000001',
        },
      ],
    };
    const { fetch, calls } = fakeFetch(json(body));
    const candles = await client(fetch).markets.candles('BTC/USDT', {
      timeframe: '1h',
      since: '2025-01-01T00:00:00Z',
      limit: 10,
    });
    expect(candles).toEqual(body);
    expect(candles.data[0]?.close).toBe('65050.123456789012345678');
    const url = new URL(calls[0]?.request.url ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      timeframe: '1h',
      since: '2025-01-01T00:00:00Z',
      limit: '10',
    });
  });

  it('orderBook() sends depth and keeps [price, quantity] pairs as strings', async () => {
    const book = {
      symbol: 'BTC/USDT',
      time: '2025-01-01T00:00:00.000Z',
      bids: [['64999.99', '1.5']],
      asks: [['65000.01', '0.25']],
      synthetic: true,
      stale: false,
    };
    const { fetch, calls } = fakeFetch(json(book));
    await expect(client(fetch).markets.orderBook('BTC/USDT', { depth: 5 })).resolves.toEqual(book);
    expect(calls[0]?.request.url).toBe(`${BASE_URL}/v1/markets/BTC-USDT/orderbook?depth=5`);
  });

  it('indicators() sends its query, a list of names joined by commas, and keeps the warm-up nulls', async () => {
    const body: IndicatorSeriesList = {
      symbol: 'BTC/USDT',
      timeframe: '4h',
      time: ['2025-01-01T00:00:00.000Z', '2025-01-01T04:00:00.000Z'],
      series: [
        { name: 'rsi:14', indicator: 'rsi', params: [14], warmup: 14, outputs: { value: [null, 55.5] } },
      ],
    };
    const { fetch, calls } = fakeFetch(json(body));
    const markets = client(fetch).markets;
    await expect(
      markets.indicators('BTC/USDT', {
        timeframe: '4h',
        names: ['rsi:14', 'macd:12:26:9'],
        limit: 2,
        until: '2025-01-02T00:00:00Z',
      }),
    ).resolves.toEqual(body);
    await markets.indicators('ETH/USDT', { timeframe: '1d', names: 'ema:20,bbands:20:2' });
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/markets/BTC-USDT/indicators?timeframe=4h&names=rsi%3A14%2Cmacd%3A12%3A26%3A9&limit=2&until=2025-01-02T00%3A00%3A00Z`,
      `GET ${BASE_URL}/v1/markets/ETH-USDT/indicators?timeframe=1d&names=ema%3A20%2Cbbands%3A20%3A2`,
    ]);
    const url = new URL(calls[0]?.request.url ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      timeframe: '4h',
      names: 'rsi:14,macd:12:26:9',
      limit: '2',
      until: '2025-01-02T00:00:00Z',
    });
  });

  it('indicators() maps insufficient_history to UnprocessableEntityError with its code', async () => {
    const { fetch } = fakeFetch(
      problem(422, 'insufficient_history', { detail: 'sma:200 needs 200 candles; BTC/USDT has 30' }),
    );
    const error = await rejection(
      client(fetch).markets.indicators('BTC/USDT', { timeframe: '4h', names: 'sma:200' }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).code).toBe('insufficient_history');
  });

  it('sends no Idempotency-Key on reads', async () => {
    const { fetch, calls } = fakeFetch(json(MARKET));
    await client(fetch).markets.ticker('BTC/USDT');
    expect(calls[0]?.request.headers.has('idempotency-key')).toBe(false);
  });

  it('maps an unknown market to NotFoundError', async () => {
    const { fetch } = fakeFetch(problem(404, 'not_found', { detail: 'no market DOGE/USDT' }));
    const error = await rejection(client(fetch).markets.get('DOGE/USDT'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe('404 not_found: no market DOGE/USDT');
  });

  it.each(['', '.', '..'])('rejects the symbol %j without sending anything', async (symbol) => {
    const { fetch, calls } = fakeFetch(json(MARKET));
    const error = await rejection(client(fetch).markets.ticker(symbol));
    expect(error).toBeInstanceOf(SigmaxError);
    expect(calls).toHaveLength(0);
  });
});
