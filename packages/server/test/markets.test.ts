import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Decimal } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

// The replay clock stands at 2018-08-10 16:30 UTC for the whole file (0.001 ms of market per ms of wall
// time). BTC/USDT is then inside the Coinbase outage that the shipped files lack (4h bars 04:00, 08:00,
// 12:00 and 1h bars 01:00–15:00 are missing), so its price is stale; ETH/USDT has every bar of that day.
const REPLAY_TIME = '2018-08-10T16:30:00Z';
const HOUR = 3_600_000;

type Row = { time: string; open: string; high: string; low: string; close: string; volume: string };

/** The shipped candle file, read on its own (not through the server's reader): open time (ms) → bar. */
function csv(file: string): Map<number, Row> {
  const text = gunzipSync(readFileSync(new URL(`../data/candles/${file}`, import.meta.url))).toString('utf8');
  const rows = new Map<number, Row>();
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [time, open, high, low, close, volume] = line.split(',') as [string, ...string[]];
    const canonical = (value: string | undefined) => Decimal.from(value as string).toString();
    rows.set(Number(time) * 1000, {
      time: new Date(Number(time) * 1000).toISOString(),
      open: canonical(open),
      high: canonical(high),
      low: canonical(low),
      close: canonical(close),
      volume: canonical(volume),
    });
  }
  return rows;
}

const btc4h = csv('coinbase-btc-usd-4h.csv.gz');
const btc1h = csv('coinbase-btc-usd-1h.csv.gz');
const eth4h = csv('coinbase-eth-usd-4h.csv.gz');
const row = (rows: Map<number, Row>, iso: string) => {
  const found = rows.get(Date.parse(iso));
  if (!found) throw new Error(`no row at ${iso} in the shipped file`);
  return found;
};

const highest = (values: string[]) => values.reduce((a, b) => (Decimal.from(b).gt(a) ? b : a));
const lowest = (values: string[]) => values.reduce((a, b) => (Decimal.from(b).lt(a) ? b : a));

describe('market data API on the replay of the shipped candles', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { replayStart: REPLAY_TIME, replaySpeed: 0.001 } });
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  async function ok(path: string, key?: string) {
    const res = await t.request(path, key ? { key } : {});
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return res.json();
  }

  async function problem(path: string, status: number, code: string) {
    const res = await t.request(path);
    expect(res.status, path).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body, path).toMatchObject({ status, code });
    return body as { detail: string; errors?: { path: string; message: string }[] };
  }

  it('lists BTC/USDT and ETH/USDT with their trading rules as decimal strings', async () => {
    const body = await ok('/v1/markets');
    expect(body.data.map((m: { symbol: string }) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    const [btc, eth] = body.data;
    expect(btc).toMatchObject({
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      tickSize: '0.01',
      lotSize: '0.00000001',
      minQuantity: '0.00001',
      minNotional: '1',
      pricePrecision: 2,
      amountPrecision: 8,
      timeframes: ['1h', '4h', '1d'],
    });
    expect(btc.source).toContain('Coinbase BTC-USD 4h 2016-05-18..2025-10-28 (ta4j/ta4j, MIT)');
    expect(btc.source).toContain('served as BTC/USDT');
    expect(eth).toMatchObject({ tickSize: '0.01', minQuantity: '0.0001', timeframes: ['4h', '1d'] });
  });

  it('names a market as BTC-USDT or as BTC%2FUSDT, with the same answer', async () => {
    const dash = await ok('/v1/markets/BTC-USDT');
    const encoded = await ok('/v1/markets/BTC%2FUSDT');
    const lowerHex = await ok('/v1/markets/BTC%2fUSDT');
    expect(dash.symbol).toBe('BTC/USDT');
    expect(encoded).toEqual(dash);
    expect(lowerHex).toEqual(dash);
    const query = '?timeframe=4h&since=2018-01-01T00:00:00Z&limit=3';
    expect(await ok(`/v1/markets/BTC%2FUSDT/candles${query}`)).toEqual(
      await ok(`/v1/markets/BTC-USDT/candles${query}`),
    );
    expect(await ok('/v1/markets/ETH%2FUSDT/ticker')).toEqual(await ok('/v1/markets/ETH-USDT/ticker'));
    const book = await ok('/v1/markets/ETH%2FUSDT/orderbook?depth=3');
    const dashBook = await ok('/v1/markets/ETH-USDT/orderbook?depth=3');
    expect({ ...book, time: '' }).toEqual({ ...dashBook, time: '' });
  });

  it('returns candles equal to the rows of the shipped files', async () => {
    // Bars from before the replay time (2018-08-10): later ones have not closed yet.
    const body = await ok('/v1/markets/BTC-USDT/candles?timeframe=4h&since=2018-01-01T00:00:00Z&limit=3');
    expect(body).toEqual({
      symbol: 'BTC/USDT',
      timeframe: '4h',
      data: [
        row(btc4h, '2018-01-01T00:00:00Z'),
        row(btc4h, '2018-01-01T04:00:00Z'),
        row(btc4h, '2018-01-01T08:00:00Z'),
      ],
    });
    const hourly = await ok('/v1/markets/BTC-USDT/candles?timeframe=1h&since=2018-03-15T10:00:00Z&limit=2');
    expect(hourly.data).toEqual([row(btc1h, '2018-03-15T10:00:00Z'), row(btc1h, '2018-03-15T11:00:00Z')]);
    const eth = await ok('/v1/markets/ETH-USDT/candles?timeframe=4h&since=2017-06-12T20:00:00Z&limit=1');
    expect(eth.data).toEqual([row(eth4h, '2017-06-12T20:00:00Z')]);
  });

  it('aggregates 1d bars from the 4h rows without float noise', async () => {
    const body = await ok('/v1/markets/ETH-USDT/candles?timeframe=1d&since=2018-08-09T00:00:00Z&limit=1');
    const day = [0, 4, 8, 12, 16, 20].map((h) =>
      row(eth4h, `2018-08-09T${String(h).padStart(2, '0')}:00:00Z`),
    );
    expect(body.data).toEqual([
      {
        time: '2018-08-09T00:00:00.000Z',
        open: day[0]?.open,
        high: highest(day.map((r) => r.high)),
        low: lowest(day.map((r) => r.low)),
        close: day[5]?.close,
        // Summed as floats by the feed; the API shows the exact decimal sum.
        volume: Decimal.sum(day.map((r) => r.volume)).toString(),
      },
    ]);
  });

  it('shows only bars closed at the replay time, the newest last', async () => {
    const body = await ok('/v1/markets/ETH-USDT/candles?timeframe=4h&limit=2');
    // 16:00 is still open at 16:30.
    expect(body.data).toEqual([row(eth4h, '2018-08-10T08:00:00Z'), row(eth4h, '2018-08-10T12:00:00Z')]);
    const future = await ok('/v1/markets/ETH-USDT/candles?timeframe=4h&since=2019-01-01T00:00:00Z');
    expect(future.data).toEqual([]);
  });

  it('keeps gaps as gaps: missing bars are skipped, never filled in', async () => {
    // BTC 4h misses 2017-02-28 20:00 (README of data/candles).
    expect(btc4h.has(Date.parse('2017-02-28T20:00:00Z'))).toBe(false);
    const since = await ok('/v1/markets/BTC-USDT/candles?timeframe=4h&since=2017-02-28T12:00:00Z&limit=3');
    expect(since.data).toEqual([
      row(btc4h, '2017-02-28T12:00:00Z'),
      row(btc4h, '2017-02-28T16:00:00Z'),
      row(btc4h, '2017-03-01T00:00:00Z'),
    ]);
    // Without `since`: the last bars before `until`, the gap still skipped.
    const until = await ok('/v1/markets/BTC-USDT/candles?timeframe=4h&until=2017-03-01T04:00:00Z&limit=2');
    expect(until.data.map((c: Row) => c.time)).toEqual([
      '2017-02-28T16:00:00.000Z',
      '2017-03-01T00:00:00.000Z',
    ]);
    // BTC 1h misses 2018-05-10 04:00.
    const hourly = await ok('/v1/markets/BTC-USDT/candles?timeframe=1h&since=2018-05-10T02:00:00Z&limit=3');
    expect(hourly.data).toEqual([
      row(btc1h, '2018-05-10T02:00:00Z'),
      row(btc1h, '2018-05-10T03:00:00Z'),
      row(btc1h, '2018-05-10T05:00:00Z'),
    ]);
    // The outage in progress at the replay time: the newest BTC 4h bar is 00:00, nothing after it.
    const latest = await ok('/v1/markets/BTC-USDT/candles?timeframe=4h&limit=2');
    expect(latest.data).toEqual([row(btc4h, '2018-08-09T20:00:00Z'), row(btc4h, '2018-08-10T00:00:00Z')]);
  });

  it('gives a ticker from the last closed bar, with its 24h range, consistent with the book', async () => {
    const ticker = await ok('/v1/markets/ETH-USDT/ticker');
    const last = row(eth4h, '2018-08-10T12:00:00Z');
    // The bars that closed in the 24 hours before the replay time.
    const day = [16, 20].map((h) => row(eth4h, `2018-08-09T${h}:00:00Z`));
    for (const h of ['00', '04', '08', '12']) day.push(row(eth4h, `2018-08-10T${h}:00:00Z`));
    expect(ticker).toMatchObject({
      symbol: 'ETH/USDT',
      time: '2018-08-10T16:00:00.000Z',
      last: last.close,
      high24h: highest(day.map((r) => r.high)),
      low24h: lowest(day.map((r) => r.low)),
      volume24h: Decimal.sum(day.map((r) => r.volume)).toString(),
      stale: false,
    });
    const bid = Decimal.from(ticker.bid);
    const ask = Decimal.from(ticker.ask);
    expect(bid.lt(last.close) && Decimal.from(last.close).lt(ask)).toBe(true);
    expect(bid.isMultipleOf('0.01') && ask.isMultipleOf('0.01')).toBe(true);

    const book = await ok('/v1/markets/ETH-USDT/orderbook?depth=1');
    expect(book.bids[0][0]).toBe(ticker.bid);
    expect(book.asks[0][0]).toBe(ticker.ask);
  });

  it('says stale while the latest bars are missing (BTC in the 2018-08-10 outage)', async () => {
    const ticker = await ok('/v1/markets/BTC-USDT/ticker');
    expect(ticker).toMatchObject({
      symbol: 'BTC/USDT',
      time: '2018-08-10T04:00:00.000Z',
      last: row(btc4h, '2018-08-10T00:00:00Z').close,
      stale: true,
    });
    const book = await ok('/v1/markets/BTC-USDT/orderbook');
    expect(book).toMatchObject({ synthetic: true, stale: true });
  });

  it('models an order book on the tick and lot grid, sorted best first', async () => {
    for (const symbol of ['BTC-USDT', 'ETH-USDT']) {
      const book = await ok(`/v1/markets/${symbol}/orderbook?depth=7`);
      expect(book.symbol).toBe(symbol.replace('-', '/'));
      expect(book.synthetic).toBe(true);
      expect(Math.abs(Date.parse(book.time) - Date.parse(REPLAY_TIME))).toBeLessThan(HOUR);
      expect(book.bids).toHaveLength(7);
      expect(book.asks).toHaveLength(7);
      const levels = [...book.bids, ...book.asks] as [string, string][];
      for (const [price, quantity] of levels) {
        expect(Decimal.from(price).isMultipleOf('0.01'), price).toBe(true);
        expect(Decimal.from(quantity).isMultipleOf('0.00000001'), quantity).toBe(true);
        expect(Decimal.from(quantity).isPositive()).toBe(true);
      }
      const bids = book.bids.map(([p]: string[]) => Decimal.from(p as string));
      const asks = book.asks.map(([p]: string[]) => Decimal.from(p as string));
      for (let i = 1; i < 7; i++) {
        expect(bids[i].lt(bids[i - 1])).toBe(true);
        expect(asks[i].gt(asks[i - 1])).toBe(true);
      }
      expect(bids[0].lt(asks[0])).toBe(true);
    }
    const deflt = await ok('/v1/markets/ETH-USDT/orderbook');
    expect(deflt.bids).toHaveLength(20);
  });

  it('needs a key with the read scope, and counts requests against the rate limit', async () => {
    expect((await t.request('/v1/markets', { key: null })).status).toBe(401);
    expect((await t.request('/v1/markets/BTC-USDT/ticker', { key: null })).status).toBe(401);
    const created = await t.request('/v1/api-keys', { json: { name: 'reader', scopes: ['read'] } });
    const reader = (await created.json()) as { key: string };
    const res = await t.request('/v1/markets/BTC-USDT/candles?timeframe=1d&limit=1', { key: reader.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600');
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThan(600);
  });

  describe('bad input gets a 4xx problem', () => {
    it.each([
      ['/v1/markets/BTCUSDT', 'no separator'],
      ['/v1/markets/btc-usdt', 'lower case'],
      ['/v1/markets/BTC_USDT', 'another separator'],
      ['/v1/markets/BTC%252FUSDT', 'encoded twice'],
      ['/v1/markets/BTC-USDT-PERP', 'three parts'],
      ['/v1/markets/%E0%A4%A', 'broken percent-encoding'],
      ['/v1/markets/DOGE-USDT', 'unknown market'],
      ['/v1/markets/DOGE%2FUSDT/candles?timeframe=4h', 'unknown market'],
      ['/v1/markets/DOGE-USDT/ticker', 'unknown market'],
      ['/v1/markets/DOGE-USDT/orderbook', 'unknown market'],
      ['/v1/markets/BTCUSDT/ticker', 'no separator'],
    ])('%s (%s) → 404 not_found', async (path) => {
      await problem(path, 404, 'not_found');
    });

    it('a slash left unencoded names no route: 404', async () => {
      await problem('/v1/markets/BTC/USDT', 404, 'not_found');
    });

    const candles = '/v1/markets/BTC-USDT/candles';
    it.each([
      ['', 'query.timeframe'],
      ['?timeframe=2h', 'query.timeframe'],
      ['?timeframe=4H', 'query.timeframe'],
      ['?timeframe=4h&since=yesterday', 'query.since'],
      ['?timeframe=4h&since=2018-01-01', 'query.since'],
      ['?timeframe=4h&since=2018-02-30T00:00:00Z', 'query.since'],
      ['?timeframe=4h&until=1533859200', 'query.until'],
      ['?timeframe=4h&since=2018-01-02T00:00:00Z&until=2018-01-01T00:00:00Z', 'query.until'],
      ['?timeframe=4h&since=2018-01-01T00:00:00Z&until=2018-01-01T00:00:00Z', 'query.until'],
      ['?timeframe=4h&limit=0', 'query.limit'],
      ['?timeframe=4h&limit=1001', 'query.limit'],
      ['?timeframe=4h&limit=1.5', 'query.limit'],
      ['?timeframe=4h&limit=ten', 'query.limit'],
      ['?timeframe=4h&symbol=ETH-USDT', 'query.symbol'],
    ])('candles%s → 422 naming %s', async (query, field) => {
      const body = await problem(`${candles}${query}`, 422, 'validation_failed');
      expect(body.errors?.map((e) => e.path)).toEqual([field]);
    });

    it.each([
      ['BTC-USDT', '5m'],
      ['BTC-USDT', '30m'],
      ['ETH-USDT', '1h'],
    ])('a timeframe %s does not serve (%s) → 422 naming query.timeframe', async (symbol, timeframe) => {
      const body = await problem(
        `/v1/markets/${symbol}/candles?timeframe=${timeframe}`,
        422,
        'validation_failed',
      );
      expect(body.errors).toEqual([{ path: 'query.timeframe', message: expect.stringContaining('only') }]);
      expect(body.detail).toContain(symbol.replace('-', '/'));
    });

    it.each([['0'], ['101'], ['-1'], ['deep'], ['2.5']])(
      'orderbook?depth=%s → 422 naming query.depth',
      async (depth) => {
        const body = await problem(`/v1/markets/BTC-USDT/orderbook?depth=${depth}`, 422, 'validation_failed');
        expect(body.errors?.map((e) => e.path)).toEqual(['query.depth']);
      },
    );

    it('accepts the limits at their bounds', async () => {
      expect((await ok(`${candles}?timeframe=4h&limit=1000`)).data).toHaveLength(1000);
      expect((await ok(`${candles}?timeframe=4h&limit=1`)).data).toHaveLength(1);
      expect((await ok('/v1/markets/BTC-USDT/orderbook?depth=100')).bids).toHaveLength(100);
      expect((await ok('/v1/markets/BTC-USDT/orderbook?depth=1')).asks).toHaveLength(1);
    });
  });
});
