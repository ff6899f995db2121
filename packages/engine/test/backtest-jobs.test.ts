import { describe, expect, test } from 'vitest';
import {
  checkJob,
  gridSearch,
  JobError,
  type JobSpec,
  monteCarloTrades,
  objective,
  ParallelError,
  runBacktest,
  runJob,
  serialEvaluator,
  smaCrossover,
  startJobThread,
  strategySpace,
  walkForward,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

const candles = shippedCandles('btc-usd', '4h').slice(-2000);
const settings = { lotSize: '0.0001', initialCash: '10000' };
const base: JobSpec = {
  kind: 'run',
  strategy: { name: 'sma-crossover', params: { fast: 10, slow: 30 } },
  symbol: 'BTC/USDT',
  settings,
};
const ranges = { fast: { min: 4, max: 20, step: 4 }, slow: { min: 20, max: 60, step: 20 } };
/** The parameters without a range stay at their defaults. */
const heldDefaults = Object.fromEntries(
  smaCrossover.params.filter((p) => !(p.name in ranges)).map((p) => [p.name, p.default]),
);

describe('backtest jobs', () => {
  test('a run job reports exactly what runBacktest computes, decimals as strings', async () => {
    const progress: number[] = [];
    const report = await runJob(base, candles, { onProgress: (f) => progress.push(f) });
    const direct = runBacktest({
      ...settings,
      symbol: 'BTC/USDT',
      candles,
      strategy: smaCrossover.create({ fast: 10, slow: 30 }),
    });
    expect(report.run.finalEquity).toBe(direct.finalEquity.toString());
    expect(report.run.finalCash).toBe(direct.finalCash.toString());
    expect(report.run.trades.map((t) => t.pnl)).toEqual(direct.trades.map((t) => t.pnl.toString()));
    expect(report.run.metrics.sharpe).toBe(direct.metrics.sharpe);
    expect(report.series.times).toHaveLength(candles.length);
    expect(Number(report.series.equity.at(-1))).toBeCloseTo(direct.finalEquity.toNumber(), 6);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(10);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  test('a search job finds the grid search best and runs it on the whole series', async () => {
    const spec: JobSpec = {
      ...base,
      kind: 'search',
      search: { ranges, objective: { kind: 'sharpe' }, top: 5 },
    };
    const report = await runJob(spec, candles);
    const space = strategySpace(smaCrossover, { ranges, fixed: heldDefaults });
    const expected = await gridSearch(
      space,
      serialEvaluator(smaCrossover, candles, { ...settings, symbol: 'BTC/USDT' }),
      objective({ kind: 'sharpe' }),
    );
    expect(report.search?.best.params).toEqual(expected.best.params);
    expect(report.search?.evaluated).toBe(expected.evaluations.length);
    expect(report.search?.top).toHaveLength(5);
    expect(report.run.params).toMatchObject(expected.best.params);
  });

  test('a walk-forward job chains the out-of-sample windows of walkForward', async () => {
    const spec: JobSpec = {
      ...base,
      kind: 'walk-forward',
      search: { ranges, objective: { kind: 'sharpe' } },
      walkForward: { train: 800, test: 400 },
    };
    const steps: number[] = [];
    const report = await runJob(spec, candles, { onProgress: (f) => steps.push(f) });
    const expected = await walkForward(candles, {
      strategy: smaCrossover,
      space: strategySpace(smaCrossover, { ranges, fixed: heldDefaults }),
      objective: { kind: 'sharpe' },
      train: 800,
      test: 400,
      config: { ...settings, symbol: 'BTC/USDT' },
    });
    expect(report.walkForward?.windows).toHaveLength(expected.windows.length);
    expect(report.walkForward?.windows.map((w) => w.params)).toEqual(expected.windows.map((w) => w.params));
    expect(report.run.metrics.totalReturn).toBe(expected.metrics.totalReturn);
    expect(report.run.finalCash).toBeNull();
    expect(report.series.times).toHaveLength(expected.equity.length);
    expect(steps.at(-1)).toBe(1);
  });

  test('a monte-carlo job resamples the trades of its run', async () => {
    const spec: JobSpec = {
      ...base,
      kind: 'monte-carlo',
      monteCarlo: { method: 'shuffle', runs: 200, seed: 3 },
    };
    const report = await runJob(spec, candles);
    const direct = runBacktest({
      ...settings,
      symbol: 'BTC/USDT',
      candles,
      strategy: smaCrossover.create({ fast: 10, slow: 30 }),
    });
    const expected = monteCarloTrades(direct.trades, {
      method: 'shuffle',
      runs: 200,
      seed: 3,
      initialEquity: 10_000,
    });
    expect(report.monteCarlo).toEqual(expected);
  });

  test('checkJob names the field of every problem', () => {
    const paths = (spec: JobSpec, n = candles.length) => checkJob(spec, n).map((p) => p.path);
    expect(paths({ ...base, strategy: { name: 'nope' } })).toEqual(['strategy.name']);
    expect(paths({ ...base, strategy: { name: 'sma-crossover', params: { fast: 0 } } })).toEqual([
      'strategy.params.fast',
    ]);
    expect(paths({ ...base, strategy: { name: 'sma-crossover', params: { bogus: 1 } } })).toEqual([
      'strategy.params.bogus',
    ]);
    expect(paths({ ...base, strategy: { name: 'sma-crossover', params: { fast: 40, slow: 20 } } })).toEqual([
      'strategy.params',
    ]);
    expect(paths({ ...base, kind: 'search' })).toEqual(['search.ranges']);
    expect(
      paths({
        ...base,
        kind: 'search',
        search: { ranges: { fast: { min: 30, max: 20 } }, objective: { kind: 'sharpe' } },
      }),
    ).toEqual(['search.ranges.fast']);
    expect(
      paths({
        ...base,
        kind: 'search',
        search: {
          ranges: { fast: { min: 40, max: 50 }, slow: { min: 10, max: 20 } },
          objective: { kind: 'sharpe' },
        },
      }),
    ).toEqual(['search.ranges']);
    expect(
      paths({
        ...base,
        kind: 'walk-forward',
        search: { ranges, objective: { kind: 'sharpe' } },
        walkForward: { train: 5000, test: 100 },
      }),
    ).toEqual(['walkForward']);
    expect(paths({ ...base, settings: { initialCash: '0' } })).toEqual(['settings.initialCash']);
    expect(checkJob(base, candles.length)).toEqual([]);
  });

  test('a job thread reports progress and the same report as runJob', async () => {
    const progress: number[] = [];
    const job = startJobThread(base, candles, { onProgress: (f) => progress.push(f) });
    const report = await job.done;
    expect(report).toEqual(await runJob(base, candles));
    expect(progress.at(-1)).toBe(1);
  }, 30_000);

  test('a job thread reports the job error by name and code', async () => {
    const job = startJobThread({ ...base, strategy: { name: 'nope' } }, candles);
    const error = await job.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).code).toBe('invalid_config');
  }, 30_000);

  test('cancelling a job thread stops it within a second', async () => {
    const huge: JobSpec = {
      ...base,
      kind: 'search',
      search: {
        ranges: { fast: { min: 2, max: 100, step: 1 }, slow: { min: 10, max: 300, step: 1 } },
        objective: { kind: 'sharpe' },
      },
    };
    const progress: number[] = [];
    const job = startJobThread(huge, candles, { onProgress: (f) => progress.push(f) });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (progress.length > 0) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    const started = performance.now();
    await job.cancel();
    const error = await job.done.catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ParallelError);
    expect((error as ParallelError).code).toBe('closed');
  }, 60_000);
});
