import { describe, expect, test } from 'vitest';
import { monteCarlo, monteCarloTrades, percentile, percentiles, runBacktest, smaCrossover } from '../src';
import { shippedCandles } from './support/shipped-candles';

/** The round trips of an SMA(10/30) crossover on the shipped BTC/USD 4h candles, long and short. */
const trades = runBacktest({
  candles: shippedCandles('btc-usd', '4h').slice(-6000),
  strategy: smaCrossover.create({ fast: 10, slow: 30 }),
  lotSize: '0.0001',
  allowShort: true,
}).trades;

const ordered = (p: { p5: number; p25: number; p50: number; p75: number; p95: number }) =>
  p.p5 <= p.p25 && p.p25 <= p.p50 && p.p50 <= p.p75 && p.p75 <= p.p95;

describe('percentiles', () => {
  test('interpolate linearly between the closest ranks (NumPy default)', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 5)).toBeCloseTo(1.2, 12);
    expect(percentile(sorted, 25)).toBe(2);
    expect(percentile(sorted, 50)).toBe(3);
    expect(percentile(sorted, 95)).toBeCloseTo(4.8, 12);
    expect(percentile([7], 75)).toBe(7);
    expect(percentiles([10, 0, 30, 20])).toEqual({ p5: 1.5, p25: 7.5, p50: 15, p75: 22.5, p95: 28.5 });
  });
});

describe('Monte Carlo on a tiny case', () => {
  test('shuffle of two trades: each run is one of the two orders; figures match a direct computation', () => {
    // +100 then −300 from 1,000: 1,100 then 800, drawdown 300/1,100; −300 then +100: 700, drawdown 0.3.
    const result = monteCarlo([100, -300], {
      method: 'shuffle',
      initialEquity: 1000,
      runs: 2000,
      seed: 11,
      ruinThreshold: 0.75,
      keepSamples: true,
    });
    const samples = result.samples as { finalReturn: Float64Array; maxDrawdown: Float64Array };
    let losingFirst = 0;
    for (let i = 0; i < result.runs; i++) {
      expect(samples.finalReturn[i]).toBeCloseTo(-0.2, 12);
      const dd = samples.maxDrawdown[i] as number;
      expect([300 / 1100, 0.3].some((x) => Math.abs(dd - x) < 1e-12)).toBe(true);
      if (Math.abs(dd - 0.3) < 1e-12) losingFirst++;
    }
    // Only the order that loses first dips to 700 ≤ 750.
    expect(result.probabilityOfRuin).toBe(losingFirst / result.runs);
    expect(losingFirst / result.runs).toBeGreaterThan(0.45);
    expect(losingFirst / result.runs).toBeLessThan(0.55);
    expect(result.maxDrawdown).toEqual(percentiles(samples.maxDrawdown));
    expect(result.finalReturn).toEqual(percentiles(samples.finalReturn));
    expect(result.original.finalReturn).toBeCloseTo(-0.2, 12);
    expect(result.original.maxDrawdown).toBeCloseTo(300 / 1100, 12);
    expect(result.original.ruined).toBe(false);
  });

  test('bootstrap draws with replacement: all four sequences of two trades, about equally often', () => {
    const result = monteCarlo([50, -50], {
      method: 'bootstrap',
      initialEquity: 1000,
      runs: 4000,
      seed: 5,
      keepSamples: true,
    });
    const samples = result.samples as { finalReturn: Float64Array; maxDrawdown: Float64Array };
    const outcomes = new Map<string, number>();
    for (let i = 0; i < result.runs; i++) {
      const k = `${(samples.finalReturn[i] as number).toFixed(6)}/${(samples.maxDrawdown[i] as number).toFixed(6)}`;
      outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    }
    // [+,+] → +10 %, no drawdown; [+,−] → 0, 50/1,050; [−,+] → 0, 5 %; [−,−] → −10 %, 10 %.
    const expected = [
      '0.100000/0.000000',
      `0.000000/${(50 / 1050).toFixed(6)}`,
      '0.000000/0.050000',
      '-0.100000/0.100000',
    ];
    expect([...outcomes.keys()].sort()).toEqual([...expected].sort());
    for (const count of outcomes.values()) expect(Math.abs(count / result.runs - 0.25)).toBeLessThan(0.03);
    expect(result.finalReturn).toEqual(percentiles(samples.finalReturn));
  });
});

describe('Monte Carlo on real trades', () => {
  test('the backtest traded enough to resample', () => {
    expect(trades.length).toBeGreaterThan(50);
  });

  test('shuffling preserves the final return of additive P&L, not the drawdown', () => {
    const result = monteCarloTrades(trades, {
      method: 'shuffle',
      initialEquity: 10_000,
      runs: 500,
      seed: 1,
      keepSamples: true,
    });
    const total = trades.reduce((sum, t) => sum + t.pnl.toNumber(), 0);
    for (const r of (result.samples as { finalReturn: Float64Array }).finalReturn) {
      expect(r).toBeCloseTo(total / 10_000, 9);
    }
    expect(result.maxDrawdown.p95).toBeGreaterThan(result.maxDrawdown.p5);
    expect(ordered(result.maxDrawdown)).toBe(true);
  });

  test('bootstrap percentiles are ordered, spread, and the same for the same seed', () => {
    const options = { method: 'bootstrap', initialEquity: 10_000, runs: 1000, seed: 42 } as const;
    const a = monteCarloTrades(trades, options);
    const b = monteCarloTrades(trades, options);
    const c = monteCarloTrades(trades, { ...options, seed: 43 });
    expect(a).toEqual(b);
    expect(c.finalReturn).not.toEqual(a.finalReturn);
    expect(ordered(a.finalReturn)).toBe(true);
    expect(ordered(a.maxDrawdown)).toBe(true);
    expect(a.finalReturn.p95).toBeGreaterThan(a.finalReturn.p5);
    expect(a.probabilityOfRuin).toBeGreaterThanOrEqual(0);
    expect(a.probabilityOfRuin).toBeLessThanOrEqual(1);
  });

  test('compound mode replays the original order to the same final equity as additive', () => {
    const options = { method: 'shuffle', initialEquity: 10_000, runs: 10 } as const;
    const additive = monteCarloTrades(trades, options);
    const compound = monteCarloTrades(trades, { ...options, mode: 'compound' });
    expect(compound.original.finalReturn).toBeCloseTo(additive.original.finalReturn, 9);
  });

  test('a stricter ruin threshold is never less likely', () => {
    const options = { method: 'bootstrap', initialEquity: 10_000, runs: 1000, seed: 9 } as const;
    const loose = monteCarloTrades(trades, { ...options, ruinThreshold: 0.5 });
    const strict = monteCarloTrades(trades, { ...options, ruinThreshold: 0.9 });
    expect(strict.probabilityOfRuin).toBeGreaterThanOrEqual(loose.probabilityOfRuin);
    expect(strict.probabilityOfRuin).toBeGreaterThan(0);
  });
});
