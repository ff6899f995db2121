import { describe, expect, it } from 'vitest';
import {
  bbands,
  type Candle,
  computeIndicator,
  createIndicator,
  ema,
  Macd,
  macd,
  RollingVolumeProfile,
  stoch,
  volumeProfile,
  vwap,
  willr,
} from '../src';
import { SHIPPED_CANDLE_FILES, shippedCandles } from './fixtures/indicators/load';

/*
 * On the real Coinbase candles the server ships: the incremental classes give the batch values (to 1e-9
 * relative, with an absolute floor of 1e-9 for values near 0), every output is NaN exactly inside its
 * warm-up and finite after it, and the batch functions match their definitions computed the slow way.
 */

const SPECS = [
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
  'vwap',
  'vwap:24',
  'vprofile:24:100',
  'sma:1',
  'rsi:2',
  'macd:3:10:4',
];

const candlesByFile = new Map<string, Candle[]>(SHIPPED_CANDLE_FILES.map((f) => [f, shippedCandles(f)]));

function close(a: number, b: number, tolerance = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-9) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!close(actual[i] as number, expected[i] as number, tolerance)) {
      throw new Error(`${what} at ${i}: ${actual[i]} vs ${expected[i]}`);
    }
  }
}

describe.each(SHIPPED_CANDLE_FILES)('indicators on %s', (file) => {
  const candles = candlesByFile.get(file) as Candle[];
  const closes = Float64Array.from(candles, (c) => c.close);

  it('has thousands of real candles', () => {
    expect(candles.length).toBeGreaterThan(16_000);
  });

  it.each(SPECS)('%s: incremental equals batch; NaN exactly inside the warm-up', (spec) => {
    const batch = computeIndicator(spec, candles);
    const stream = createIndicator(spec);
    expect(stream.warmup).toBe(batch.warmup);
    const names = Object.keys(batch.outputs);
    for (let i = 0; i < candles.length; i++) {
      const main = stream.update(candles[i] as Candle);
      expect(stream.ready).toBe(i >= batch.warmup);
      const values = stream.values;
      expect(close(main, batch.outputs[names[0] as string]?.[i] as number)).toBe(true);
      for (const name of names) {
        const expected = batch.outputs[name]?.[i] as number;
        if (!close(values[name] as number, expected)) {
          throw new Error(`${spec} ${name} at ${i}: incremental ${values[name]}, batch ${expected}`);
        }
        if (i >= batch.warmup && !Number.isFinite(expected))
          throw new Error(`${spec} ${name} at ${i}: ${expected}`);
      }
    }
    const main = batch.outputs[names[0] as string] as Float64Array;
    expect(main.subarray(0, batch.warmup).every(Number.isNaN)).toBe(true);
  });

  it('MACD with first-value seeds: incremental equals batch', () => {
    const batch = macd(closes, 12, 26, 9, 'first');
    const m = new Macd(12, 26, 9, 'first');
    const line = closes.map((c) => m.update(c));
    expectClose(line, batch.macd, 'macd');
    expect(close(m.signal, batch.signal[closes.length - 1] as number)).toBe(true);
    expect(close(m.histogram, batch.histogram[closes.length - 1] as number)).toBe(true);
  });

  it("MACD is TA-Lib's: both EMAs start at slow − 1, the signal is the SMA-seeded EMA of the line", () => {
    const r = macd(closes, 12, 26, 9);
    // The fast EMA over the closes from index 26 − 12 = 14 has its first value at 25, as the slow one.
    const fast = ema(closes.subarray(14), 12);
    const slow = ema(closes, 26);
    const line = closes.map((_, i) => (i < 25 ? Number.NaN : (fast[i - 14] as number) - (slow[i] as number)));
    const signal = ema(line.subarray(25), 9);
    for (let i = 33; i < closes.length; i++) {
      expect(close(r.macd[i] as number, line[i] as number)).toBe(true);
      expect(close(r.signal[i] as number, signal[i - 25] as number)).toBe(true);
      expect(close(r.histogram[i] as number, (line[i] as number) - (signal[i - 25] as number))).toBe(true);
    }
    expect(r.macd.subarray(0, 33).every(Number.isNaN)).toBe(true);
  });

  it('Bollinger Bands equal the two-pass population standard deviation', () => {
    const r = bbands(closes, 20, 2);
    for (let i = 19; i < closes.length; i++) {
      let mean = 0;
      for (let j = i - 19; j <= i; j++) mean += closes[j] as number;
      mean /= 20;
      let squares = 0;
      for (let j = i - 19; j <= i; j++) squares += ((closes[j] as number) - mean) ** 2;
      const sd = Math.sqrt(squares / 20);
      expect(close(r.middle[i] as number, mean)).toBe(true);
      expect(close(r.upper[i] as number, mean + 2 * sd)).toBe(true);
      expect(close(r.lower[i] as number, mean - 2 * sd)).toBe(true);
      // The width itself, relative to itself: the running update stays accurate over 20,000 bars.
      expect(close((r.upper[i] as number) - (r.middle[i] as number), 2 * sd, 1e-6)).toBe(true);
    }
  });

  it('Williams %R and the stochastic equal their definitions over a plain scan of the window', () => {
    const period = 14;
    const w = willr(
      candles.map((c) => c.high),
      candles.map((c) => c.low),
      closes,
      period,
    );
    const fastK = stoch(
      candles.map((c) => c.high),
      candles.map((c) => c.low),
      closes,
      period,
      1,
      1,
    ).k;
    for (let i = period - 1; i < candles.length; i++) {
      let hh = Number.NEGATIVE_INFINITY;
      let ll = Number.POSITIVE_INFINITY;
      for (let j = i - period + 1; j <= i; j++) {
        hh = Math.max(hh, (candles[j] as Candle).high);
        ll = Math.min(ll, (candles[j] as Candle).low);
      }
      const c = closes[i] as number;
      expect(close(w[i] as number, hh === ll ? 0 : (-100 * (hh - c)) / (hh - ll))).toBe(true);
      expect(close(fastK[i] as number, hh === ll ? 0 : (100 * (c - ll)) / (hh - ll))).toBe(true);
    }
  });

  it('session VWAP restarts at 00:00 UTC and equals the volume-weighted typical price of the day', () => {
    const h = candles.map((c) => c.high);
    const l = candles.map((c) => c.low);
    const v = candles.map((c) => c.volume);
    const time = candles.map((c) => c.time);
    const daily = vwap(h, l, closes, v, { time, length: 86_400_000 });
    let day = Number.NaN;
    let pv = 0;
    let vol = 0;
    for (let i = 0; i < candles.length; i++) {
      const c = candles[i] as Candle;
      if (Math.floor(c.time / 86_400_000) !== day) {
        day = Math.floor(c.time / 86_400_000);
        pv = 0;
        vol = 0;
      }
      pv += ((c.high + c.low + c.close) / 3) * c.volume;
      vol += c.volume;
      expect(close(daily[i] as number, vol === 0 ? (c.high + c.low + c.close) / 3 : pv / vol)).toBe(true);
    }
  });

  it('the volume profile keeps all the volume, inside the window’s range, its POC in its fullest bin', () => {
    const window = candles.slice(-500);
    const p = volumeProfile(window, 24);
    const total = window.reduce((sum, c) => sum + c.volume, 0);
    expect(close(p.totalVolume, total)).toBe(true);
    expect(
      close(
        p.volume.reduce((a, b) => a + b, 0),
        total,
      ),
    ).toBe(true);
    expect(p.low).toBe(Math.min(...window.map((c) => c.low)));
    expect(p.high).toBe(Math.max(...window.map((c) => c.high)));
    const fullest = p.volume.indexOf(Math.max(...p.volume));
    expect(close(p.poc, p.low + (fullest + 0.5) * p.binSize)).toBe(true);
    expect(p.valueAreaLow).toBeLessThan(p.poc);
    expect(p.valueAreaHigh).toBeGreaterThan(p.poc);
    let inside = 0;
    for (let b = 0; b < 24; b++) {
      const mid = p.low + (b + 0.5) * p.binSize;
      if (mid > p.valueAreaLow && mid < p.valueAreaHigh) inside += p.volume[b] as number;
    }
    expect(inside / total).toBeGreaterThanOrEqual(0.7);
    // The rolling profile of the last 500 candles is the same profile.
    const rolling = new RollingVolumeProfile(24, 500);
    for (const c of candles) rolling.update(c);
    expect(rolling.profile?.poc).toBe(p.poc);
    expectClose(rolling.profile?.volume ?? [], p.volume, 'profile');
  });
});
