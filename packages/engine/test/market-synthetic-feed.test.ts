import { describe, expect, it } from 'vitest';
import { findGaps, ManualClock, resampleCandles, SyntheticFeed } from '../src';

const ORIGIN = Date.parse('2024-01-01T00:00:00Z');

function feed(seed: number | string, at = '2024-01-02T00:00:00Z') {
  const clock = new ManualClock(at);
  return { clock, feed: new SyntheticFeed({ clock, seed, origin: ORIGIN }) };
}

describe('the synthetic feed', () => {
  it('gives the same candles for the same seed, whenever and in whatever order they are read', async () => {
    const a = feed(42).feed;
    const { clock, feed: b } = feed(42, '2024-01-01T06:00:00Z');
    // b reads ETH first and in small steps; a reads BTC first, all at once.
    await b.getCandles('ETH/USDT', '1m', { limit: 10 });
    clock.set(Date.parse('2024-01-01T12:00:00Z'));
    await b.getCandles('BTC/USDT', '1h');
    clock.set(Date.parse('2024-01-02T00:00:00Z'));
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      expect(await b.getCandles(symbol, '1m', { limit: 1440 })).toEqual(
        await a.getCandles(symbol, '1m', { limit: 1440 }),
      );
    }
    expect(await b.getTicker('BTC/USDT')).toEqual(await a.getTicker('BTC/USDT'));
  });

  it('gives different candles for a different seed', async () => {
    const one = await feed(1).feed.getCandles('BTC/USDT', '1h');
    const two = await feed(2).feed.getCandles('BTC/USDT', '1h');
    expect(one.map((c) => c.close)).not.toEqual(two.map((c) => c.close));
  });

  it('makes well-formed, gap-free bars on the tick grid, starting at the given price', async () => {
    const { feed: f } = feed('demo');
    const minutes = await f.getCandles('BTC/USDT', '1m', { limit: 10_000 });
    expect(minutes).toHaveLength(1440);
    expect(minutes[0]?.time).toBe(ORIGIN);
    expect(minutes[0]?.open).toBe(60_000);
    expect(findGaps(minutes, '1m')).toEqual([]);
    for (let i = 0; i < minutes.length; i++) {
      const c = minutes[i];
      if (!c) continue;
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.volume).toBeGreaterThan(0);
      expect(Math.round(c.close * 100) / 100).toBe(c.close);
      if (i > 0) expect(c.open).toBe(minutes[i - 1]?.close);
    }
    // A day of 60 % annual volatility: the price stays within a few percent of where it started.
    expect(Math.abs((minutes.at(-1)?.close as number) / 60_000 - 1)).toBeLessThan(0.2);
    expect(await f.getCandles('BTC/USDT', '4h')).toEqual(resampleCandles(minutes, '4h'));
  });

  it('only has bars that have closed, and emits them as the clock moves', () => {
    const { clock, feed: f } = feed(7, '2024-01-01T00:10:30Z');
    expect(f.closedCandles('BTC/USDT', '1m', {}).length).toBe(10);
    const closes: string[] = [];
    f.onCandle((e) => closes.push(`${e.timeframe} ${new Date(e.candle.time).toISOString().slice(11, 16)}`), {
      symbol: 'BTC/USDT',
    });
    clock.set(Date.parse('2024-01-01T00:15:00Z'));
    f.poll();
    expect(closes).toEqual([
      '1m 00:10',
      '1m 00:11',
      '1m 00:12',
      '1m 00:13',
      '1m 00:14',
      '5m 00:10',
      '15m 00:00',
    ]);
  });
});
