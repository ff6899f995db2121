import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { bbands, ema, macd, rsi, sma } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

// GET /v1/markets/{symbol}/indicators on the replay of the shipped Coinbase candles. The replay clock
// stands at 2025-01-01 for the whole file (0.001 ms of market per ms of wall time); every query pins its
// window with `until`, and the expected series are recomputed here from the shipped CSV with the engine's
// batch functions.
const REPLAY_TIME = '2025-01-01T00:00:00Z';
const BASE = '/v1/markets/BTC-USDT/indicators';

interface Bar {
  time: number;
  close: number;
}

/** The shipped BTC 4h file, read on its own (not through the server's reader), oldest first. */
const btc4h: Bar[] = gunzipSync(
  readFileSync(new URL('../data/candles/coinbase-btc-usd-4h.csv.gz', import.meta.url)),
)
  .toString('utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => {
    const [time, , , , close] = line.split(',');
    return { time: Number(time) * 1000, close: Number(close) };
  });

/** The last `count` bars opened before `until`. */
function barsBefore(until: string, count: number): Bar[] {
  const end = btc4h.findIndex((bar) => bar.time >= Date.parse(until));
  return btc4h.slice(Math.max(0, end - count), end);
}

/** A batch series as the API sends it: `null` for NaN. */
const json = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

interface Series {
  name: string;
  indicator: string;
  params: number[];
  warmup: number;
  outputs: Record<string, (number | null)[]>;
}
interface Body {
  symbol: string;
  timeframe: string;
  time: string[];
  series: Series[];
}

describe('indicator series on the replay of the shipped candles', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { replayStart: REPLAY_TIME, replaySpeed: 0.001 } });
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  async function ok(query: string, path = BASE): Promise<Body> {
    const res = await t.request(`${path}${query}`);
    expect(res.status, `${query}: ${res.status} ${res.status === 200 ? '' : await res.clone().text()}`).toBe(
      200,
    );
    return res.json();
  }

  async function problem(query: string, status: number, code: string, path = BASE) {
    const res = await t.request(`${path}${query}`);
    expect(res.status, query).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body, query).toMatchObject({ status, code });
    return body as {
      detail: string;
      errors?: { path: string; message: string }[];
      required?: number;
      available?: number;
    };
  }

  it('returns RSI, EMA and MACD equal to the batch functions over limit + warm-up candles', async () => {
    const until = '2024-06-01T00:00:00Z';
    const limit = 50;
    const body = await ok(`?timeframe=4h&names=rsi:14,ema:20,macd:12:26:9&limit=${limit}&until=${until}`);
    // MACD(12,26,9) has the longest warm-up, 33 candles: the server reads 83.
    const bars = barsBefore(until, limit + 33);
    expect(bars).toHaveLength(83);
    const closes = bars.map((bar) => bar.close);
    const window = (values: Float64Array) => json(values).slice(-limit);

    expect(body.symbol).toBe('BTC/USDT');
    expect(body.timeframe).toBe('4h');
    expect(body.time).toEqual(bars.slice(-limit).map((bar) => new Date(bar.time).toISOString()));
    expect(body.time.at(-1)).toBe('2024-05-31T20:00:00.000Z');

    const [r, e, m] = body.series;
    expect(body.series.map((s) => [s.name, s.indicator, s.params, s.warmup])).toEqual([
      ['rsi:14', 'rsi', [14], 14],
      ['ema:20', 'ema', [20], 19],
      ['macd:12:26:9', 'macd', [12, 26, 9], 33],
    ]);
    expect(r?.outputs).toEqual({ value: window(rsi(closes, 14)) });
    expect(e?.outputs).toEqual({ value: window(ema(closes, 20)) });
    const expected = macd(closes, 12, 26, 9);
    expect(m?.outputs).toEqual({
      macd: window(expected.macd),
      signal: window(expected.signal),
      histogram: window(expected.histogram),
    });
    // With enough history read, no returned value is inside a warm-up.
    for (const series of body.series) {
      for (const values of Object.values(series.outputs)) {
        expect(values).toHaveLength(limit);
        expect(values.every((v) => typeof v === 'number')).toBe(true);
      }
    }
  });

  it('aligns window indicators with the candles: SMA and the Bollinger middle are the means of the last 20 closes', async () => {
    const until = '2023-03-15T12:00:00Z';
    const body = await ok(`?timeframe=4h&names=sma:20,bbands:20:2&limit=5&until=${until}`);
    const bars = barsBefore(until, 24);
    expect(body.time).toEqual(bars.slice(-5).map((bar) => new Date(bar.time).toISOString()));
    const [smaSeries, bands] = body.series;
    for (let i = 0; i < 5; i++) {
      const last20 = bars.slice(i, i + 20).map((bar) => bar.close);
      const mean = last20.reduce((a, b) => a + b, 0) / 20;
      const sd = Math.sqrt(last20.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
      expect(smaSeries?.outputs.value?.[i]).toBeCloseTo(mean, 6);
      expect(bands?.outputs.middle?.[i]).toBeCloseTo(mean, 6);
      expect(bands?.outputs.upper?.[i]).toBeCloseTo(mean + 2 * sd, 4);
      expect(bands?.outputs.lower?.[i]).toBeCloseTo(mean - 2 * sd, 4);
    }
    const closes = bars.map((bar) => bar.close);
    expect(smaSeries?.outputs.value).toEqual(json(sma(closes, 20)).slice(-5));
    expect(bands?.outputs.upper).toEqual(json(bbands(closes, 20, 2).upper).slice(-5));
  });

  it('is null exactly inside the warm-up when the history is short (the start of the data)', async () => {
    // The file starts 2016-05-18 04:00; 40 bars open before this `until`.
    const until = new Date((btc4h[40] as Bar).time).toISOString();
    const body = await ok(`?timeframe=4h&names=rsi:14,macd:12:26:9,ema:20&until=${until}`);
    const closes = btc4h.slice(0, 40).map((bar) => bar.close);
    expect(body.time).toHaveLength(40);
    expect(body.time[0]).toBe('2016-05-18T04:00:00.000Z');
    const [r, m, e] = body.series;
    const nulls = (values: (number | null)[] | undefined) => values?.findIndex((v) => v !== null);
    expect(nulls(r?.outputs.value)).toBe(14);
    expect(r?.outputs.value?.slice(14).every((v) => typeof v === 'number')).toBe(true);
    expect(r?.outputs.value).toEqual(json(rsi(closes, 14)));
    expect(nulls(e?.outputs.value)).toBe(19);
    expect(e?.outputs.value).toEqual(json(ema(closes, 20)));
    for (const output of ['macd', 'signal', 'histogram']) {
      expect(nulls(m?.outputs[output]), output).toBe(33);
      expect(m?.outputs[output]?.slice(33)).toHaveLength(7);
      expect(m?.outputs[output]?.slice(33).every((v) => typeof v === 'number')).toBe(true);
    }
    expect(m?.outputs.signal).toEqual(json(macd(closes, 12, 26, 9).signal));
  });

  it('computes every registered indicator, each output a number from its warm-up on', async () => {
    const names = 'sma,ema,rsi,macd,bbands,atr,adx,willr,stoch,obv';
    const body = await ok(`?timeframe=1d&names=${names}&limit=30&until=2021-01-01T00:00:00Z`);
    const more = await ok('?timeframe=1h&names=vwap:24,vprofile:24:50&limit=30&until=2019-01-01T00:00:00Z');
    expect(body.time).toHaveLength(30);
    expect(body.time.at(-1)).toBe('2020-12-31T00:00:00.000Z');
    expect([...body.series, ...more.series].map((s) => s.name)).toEqual([
      'sma:20',
      'ema:20',
      'rsi:14',
      'macd:12:26:9',
      'bbands:20:2',
      'atr:14',
      'adx:14',
      'willr:14',
      'stoch:14:3:3',
      'obv',
      'vwap:24',
      'vprofile:24:50',
    ]);
    for (const series of [...body.series, ...more.series]) {
      for (const [output, values] of Object.entries(series.outputs)) {
        expect(values, `${series.name}.${output}`).toHaveLength(30);
        expect(
          values.every((v) => typeof v === 'number' && Number.isFinite(v)),
          `${series.name}.${output}`,
        ).toBe(true);
      }
    }
    expect(Object.keys(body.series[8]?.outputs ?? {})).toEqual(['k', 'd']);
  });

  it('computes duplicate entries once, in the order first named, names normalised', async () => {
    const body = await ok(
      '?timeframe=4h&names=ema:5,rsi,RSI:14,%20rsi:14%20,ema:5&limit=3&until=2024-01-01T00:00:00Z',
    );
    expect(body.series.map((s) => s.name)).toEqual(['ema:5', 'rsi:14']);
    // Eleven entries, ten different indicators: allowed.
    const ten = 'sma:1,sma:2,sma:3,sma:4,sma:5,sma:6,sma:7,sma:8,sma:9,sma:10,sma:10';
    expect((await ok(`?timeframe=4h&names=${ten}&limit=1`)).series).toHaveLength(10);
  });

  it('reads the latest closed candles without `until`, 200 by default', async () => {
    const body = await ok('?timeframe=4h&names=rsi');
    expect(body.time).toHaveLength(200);
    // 2024-12-31 20:00 is the last bar closed at the replay time.
    expect(body.time.at(-1)).toBe('2024-12-31T20:00:00.000Z');
    const eth = await ok('?timeframe=1d&names=ema:10&limit=1', '/v1/markets/ETH%2FUSDT/indicators');
    expect(eth).toMatchObject({ symbol: 'ETH/USDT', timeframe: '1d', time: ['2024-12-31T00:00:00.000Z'] });
  });

  it('needs a key with the read scope', async () => {
    expect((await t.request(`${BASE}?timeframe=4h&names=rsi`, { key: null })).status).toBe(401);
    const created = await t.request('/v1/api-keys', { json: { name: 'reader', scopes: ['read'] } });
    const reader = (await created.json()) as { key: string };
    const res = await t.request(`${BASE}?timeframe=4h&names=rsi&limit=1`, { key: reader.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600');
  });

  describe('bad input gets a 4xx problem', () => {
    it.each([
      ['/v1/markets/DOGE-USDT/indicators', 'unknown market'],
      ['/v1/markets/BTCUSDT/indicators', 'no separator'],
      ['/v1/markets/btc-usdt/indicators', 'lower case'],
    ])('%s (%s) → 404 not_found', async (path) => {
      await problem('?timeframe=4h&names=rsi', 404, 'not_found', path);
    });

    it.each([
      ['foo', "'foo'", 'unknown indicator'],
      ['rsi:14,foo:3', "'foo:3'", 'unknown indicator'],
      ['rsi:0', "'rsi:0'", 'period'],
      ['rsi:abc', "'rsi:abc'", 'number'],
      ['rsi:1.5', "'rsi:1.5'", 'whole'],
      ['rsi:14:3', "'rsi:14:3'", 'at most 1'],
      ['macd:26:12:9', "'macd:26:12:9'", 'shorter'],
      ['bbands:20:-1', "'bbands:20:-1'", 'k of bbands'],
      ['obv:5', "'obv:5'", 'at most 0'],
      ['sma:100001', "'sma:100001'", 'period'],
    ])('names=%s → 422 naming query.names and %s', async (names, entry, words) => {
      const body = await problem(
        `?timeframe=4h&names=${encodeURIComponent(names)}`,
        422,
        'validation_failed',
      );
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.path).toBe('query.names');
      expect(body.errors?.[0]?.message).toContain(entry);
      expect(body.errors?.[0]?.message).toContain(words);
    });

    it('names every bad entry, once each', async () => {
      const body = await problem('?timeframe=4h&names=foo,rsi,bar:1,,', 422, 'validation_failed');
      expect(body.errors?.map((e) => e.path)).toEqual(['query.names', 'query.names', 'query.names']);
      expect(body.errors?.[0]?.message).toContain("'foo'");
      expect(body.errors?.[1]?.message).toContain("'bar:1'");
      expect(body.errors?.[2]?.message).toContain('empty');
    });

    it('refuses more than 10 different indicators', async () => {
      const names = Array.from({ length: 11 }, (_, i) => `ema:${i + 2}`).join(',');
      const body = await problem(`?timeframe=4h&names=${names}`, 422, 'validation_failed');
      expect(body.errors).toEqual([{ path: 'query.names', message: expect.stringContaining('at most 10') }]);
    });

    it.each([
      ['?names=rsi', 'query.timeframe'],
      ['?timeframe=2h&names=rsi', 'query.timeframe'],
      ['?timeframe=4h', 'query.names'],
      ['?timeframe=4h&names=', 'query.names'],
      ['?timeframe=4h&names=,', 'query.names'],
      [`?timeframe=4h&names=${'rsi,'.repeat(130)}rsi`, 'query.names'],
      ['?timeframe=4h&names=rsi&limit=0', 'query.limit'],
      ['?timeframe=4h&names=rsi&limit=1001', 'query.limit'],
      ['?timeframe=4h&names=rsi&limit=ten', 'query.limit'],
      ['?timeframe=4h&names=rsi&until=yesterday', 'query.until'],
      ['?timeframe=4h&names=rsi&since=2024-01-01T00:00:00Z', 'query.since'],
    ])('%s → 422 naming %s', async (query, field) => {
      const body = await problem(query, 422, 'validation_failed');
      expect(body.errors?.map((e) => e.path)).toEqual([field]);
    });

    it('a timeframe the market does not serve → 422 naming query.timeframe', async () => {
      const body = await problem(
        '?timeframe=1h&names=rsi',
        422,
        'validation_failed',
        '/v1/markets/ETH-USDT/indicators',
      );
      expect(body.errors).toEqual([{ path: 'query.timeframe', message: expect.stringContaining('only') }]);
    });

    it('too little history for a single value → 422 insufficient_history saying how many are needed', async () => {
      // 10 bars open before this time; MACD(12,26,9) needs 34.
      const until = new Date((btc4h[10] as Bar).time).toISOString();
      const body = await problem(
        `?timeframe=4h&names=rsi:5,macd&until=${until}`,
        422,
        'insufficient_history',
      );
      expect(body).toMatchObject({ required: 34, available: 10 });
      expect(body.detail).toContain('macd:12:26:9 needs 34');
      expect(body.detail).toContain('BTC/USDT has 10 4h candles');
      expect(body.detail).not.toContain('rsi:5');
      // Before the first bar: no candles at all.
      const none = await problem(
        '?timeframe=4h&names=rsi&until=2016-01-01T00:00:00Z',
        422,
        'insufficient_history',
      );
      expect(none).toMatchObject({ required: 15, available: 0 });
      // More than a feed gives in one call.
      const huge = await problem('?timeframe=4h&names=sma:20000', 422, 'insufficient_history');
      expect(huge).toMatchObject({ required: 20000, available: 10000 });
      expect(huge.detail).toContain('at most 10000 candles');
    });
  });
});
