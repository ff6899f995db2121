import { describe, expect, test } from 'vitest';
import {
  type Candle,
  gridSearch,
  objective,
  runBacktest,
  serialEvaluator,
  smaCrossover,
  strategySpace,
  walkForward,
  walkForwardWindows,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

const candles = shippedCandles('btc-usd', '4h').slice(-2400);
const config = { lotSize: '0.0001' };
const space = strategySpace(smaCrossover, {
  ranges: { fast: { min: 4, max: 24, step: 4 }, slow: { min: 20, max: 80, step: 20 } },
  fixed: { cross: 'carry' },
});
const options = {
  strategy: smaCrossover,
  space,
  objective: { kind: 'sharpe' },
  train: 900,
  test: 300,
  warmup: 120,
  config,
} as const;

describe('walk-forward windows', () => {
  test.each(['rolling', 'anchored'] as const)(
    '%s: test windows back to back, never overlapping, after their train window',
    (mode) => {
      const windows = walkForwardWindows(2400, { train: 900, test: 300, mode, warmup: 120 });
      expect(windows).toHaveLength(5);
      for (const [i, w] of windows.entries()) {
        expect(w.trainEnd).toBe(w.testStart);
        expect(w.testEnd - w.testStart).toBe(300);
        expect(w.warmupStart).toBe(w.testStart - 120);
        expect(w.trainStart).toBe(mode === 'rolling' ? w.testStart - 900 : 0);
        if (i > 0) expect(w.testStart).toBe((windows[i - 1] as typeof w).testEnd);
      }
      expect(windows.at(-1)?.testEnd).toBe(2400);
    },
  );

  test('a tail shorter than a test window is left out; sizes that do not fit are refused', () => {
    expect(walkForwardWindows(1000, { train: 500, test: 200 }).map((w) => w.testStart)).toEqual([500, 700]);
    expect(() => walkForwardWindows(600, { train: 500, test: 200 })).toThrow(RangeError);
    expect(() => walkForwardWindows(600, { train: 0, test: 200 })).toThrow(RangeError);
  });
});

describe('walk-forward on real candles', () => {
  test('each window takes the train-window optimum and runs it out of sample; the equity chains', async () => {
    const result = await walkForward(candles, options);
    expect(result.windows).toHaveLength(5);
    expect(result.equity).toHaveLength(5 * 300);
    let chained = 10_000;
    for (const w of result.windows) {
      // The parameters are the grid optimum on the train candles alone.
      const train = candles.slice(w.trainStart, w.trainEnd);
      const direct = await gridSearch(
        space,
        serialEvaluator(smaCrossover, train, config),
        objective({ kind: 'sharpe' }),
      );
      expect(w.params).toEqual(direct.best.params);
      expect(w.inSample).toEqual(direct.best.metrics);
      // Out of sample: warmed up on the 120 candles before, trading from the first test candle.
      const oos = runBacktest({
        ...config,
        candles: candles.slice(w.testStart - 120, w.testEnd),
        strategy: smaCrossover.create(w.params),
        tradeFrom: (candles[w.testStart] as Candle).time,
      });
      expect(w.outOfSample).toEqual(oos.metrics);
      expect(oos.metrics.bars).toBe(300);
      expect(w.testFrom).toBe((candles[w.testStart] as Candle).time);
      chained *= 1 + oos.metrics.totalReturn;
      expect(result.equity[w.index * 300 + 299]).toBeCloseTo(chained, 6);
    }
    expect(result.metrics.totalReturn).toBeCloseTo(chained / 10_000 - 1, 9);
    expect(result.metrics.bars).toBe(1500);
    expect(result.times[0]).toBe((candles[900] as Candle).time);
    const oosTrades = result.windows.reduce((n, w) => n + w.outOfSample.trades, 0);
    expect(result.metrics.trades).toBe(oosTrades);
  });

  test('parameters never depend on test data: changing the candles after a test window starts leaves earlier choices alone', async () => {
    const cut = 1500; // the start of the third test window
    // Same times, but from the cut on the prices of a year and a half earlier.
    const altered = candles.map((c, i) => {
      if (i < cut) return c;
      const { time: _time, ...prices } = candles[i - 1400] as Candle;
      return { ...prices, time: c.time };
    });
    const original = await walkForward(candles, options);
    const changed = await walkForward(altered, options);
    for (const [i, w] of original.windows.entries()) {
      const other = changed.windows[i];
      if (w.testStart <= cut) expect(other?.params).toEqual(w.params);
      if (w.testEnd <= cut) expect(other?.outOfSample).toEqual(w.outOfSample);
    }
    // The change is real: a later window sees different data.
    expect(changed.windows.slice(2).map((w) => w.outOfSample)).not.toEqual(
      original.windows.slice(2).map((w) => w.outOfSample),
    );
  });

  test('anchored mode trains from the first candle, and a genetic search can drive it', async () => {
    const result = await walkForward(candles, {
      ...options,
      mode: 'anchored',
      method: { kind: 'genetic', seed: 2, populationSize: 8, generations: 3 },
      objective: { kind: 'returnWithDrawdownCap', maxDrawdown: 0.3 },
    });
    expect(result.windows.map((w) => w.trainStart)).toEqual([0, 0, 0, 0, 0]);
    expect(result.windows.map((w) => w.trainEnd)).toEqual([900, 1200, 1500, 1800, 2100]);
    for (const w of result.windows) expect(w.evaluated).toBeGreaterThan(0);
  });
});
