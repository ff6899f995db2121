import { describe, expect, test } from 'vitest';
import {
  type BacktestMetrics,
  expandSpace,
  geneticSearch,
  gridPoints,
  gridSearch,
  objective,
  type ParamSet,
  randomSearch,
  rangeValues,
  type SearchSpace,
  SearchSpaceError,
  searchParameters,
  serialEvaluator,
  smaCrossover,
  strategySpace,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

/** The last 1,500 BTC/USD 4h candles Coinbase published (about 250 days). */
const candles = shippedCandles('btc-usd', '4h').slice(-1500);
/** 10,000 USD, all in, in lots of 0.0001 BTC (the default lot of 1 BTC is more than the cash buys). */
const config = { lotSize: '0.0001' };
const key = (p: ParamSet) => JSON.stringify(p);

describe('search spaces', () => {
  test('ints, floats with a step and choices expand to their grids', () => {
    expect(rangeValues({ name: 'n', type: 'int', min: 3, max: 11, step: 4 })).toEqual([3, 7, 11]);
    expect(rangeValues({ name: 'x', type: 'float', min: 0.1, max: 0.5, step: 0.1 })).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5,
    ]);
    expect(rangeValues({ name: 'c', type: 'choice', choices: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  test('an empty range is a typed error naming the parameter', () => {
    const space: SearchSpace = {
      params: [
        { name: 'fast', type: 'int', min: 2, max: 5 },
        { name: 'slow', type: 'int', min: 30, max: 20 },
      ],
    };
    expect(() => gridPoints(space)).toThrow(SearchSpaceError);
    try {
      gridPoints(space);
    } catch (error) {
      expect(error).toMatchObject({ code: 'empty_range', parameter: 'slow' });
    }
    expect(() => rangeValues({ name: 'mode', type: 'choice', choices: [] })).toThrow(
      expect.objectContaining({ code: 'empty_range', parameter: 'mode' }),
    );
    expect(() => rangeValues({ name: 'x', type: 'float', min: 0, max: 1, step: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_range', parameter: 'x' }),
    );
  });

  test('a constraint that rejects everything is a typed error, for every search', async () => {
    const space: SearchSpace = {
      params: [
        { name: 'fast', type: 'int', min: 20, max: 30 },
        { name: 'slow', type: 'int', min: 5, max: 10 },
      ],
      constraint: (p) => (p.fast as number) < (p.slow as number),
    };
    const never = () => {
      throw new Error('must not evaluate');
    };
    const sharpe = objective({ kind: 'sharpe' });
    await expect(gridSearch(space, never, sharpe)).rejects.toMatchObject({
      code: 'empty_space',
      parameter: 'fast, slow',
    });
    await expect(randomSearch(space, never, sharpe, { samples: 5 })).rejects.toBeInstanceOf(SearchSpaceError);
    await expect(geneticSearch(space, never, sharpe)).rejects.toBeInstanceOf(SearchSpaceError);
  });

  test('the grid is exactly the product of the ranges minus the constrained-out points', () => {
    const space = strategySpace(smaCrossover, {
      ranges: { fast: { min: 2, max: 40, step: 2 }, slow: { min: 10, max: 60, step: 5 } },
    });
    const points = gridPoints(space);
    const expected: ParamSet[] = [];
    for (let fast = 2; fast <= 40; fast += 2) {
      for (let slow = 10; slow <= 60; slow += 5) {
        for (const cross of ['carry', 'strict']) if (fast < slow) expected.push({ fast, slow, cross });
      }
    }
    expect(expandSpace(space).size).toBe(20 * 11 * 2);
    expect(expected.length).toBeLessThan(20 * 11 * 2);
    expect(new Set(points.map(key))).toEqual(new Set(expected.map(key)));
    expect(points).toHaveLength(expected.length);
  });

  test('strategySpace refuses a parameter the strategy does not declare', () => {
    expect(() => strategySpace(smaCrossover, { fixed: { fastest: 3 } })).toThrow(
      expect.objectContaining({ code: 'invalid_range', parameter: 'fastest' }),
    );
  });
});

describe('objectives', () => {
  const metrics = { sharpe: 1.2, calmar: null, totalReturn: 0.3, maxDrawdown: 0.25 };
  test('read their metric; null and NaN score -Infinity; over the drawdown cap is infeasible', () => {
    expect(objective({ kind: 'sharpe' })(metrics)).toBe(1.2);
    expect(objective({ kind: 'calmar' })(metrics)).toBe(Number.NEGATIVE_INFINITY);
    expect(objective({ kind: 'totalReturn' })({ ...metrics, totalReturn: Number.NaN })).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(objective({ kind: 'returnWithDrawdownCap', maxDrawdown: 0.3 })(metrics)).toBe(0.3);
    expect(objective({ kind: 'returnWithDrawdownCap', maxDrawdown: 0.2 })(metrics)).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe('searches over real candles', () => {
  const space = strategySpace(smaCrossover, {
    ranges: { fast: { min: 2, max: 20, step: 2 }, slow: { min: 10, max: 60, step: 10 } },
    fixed: { cross: 'carry' },
  });
  const evaluate = serialEvaluator(smaCrossover, candles, config);
  const sharpe = objective({ kind: 'sharpe' });

  test('grid search picks the highest score of all valid points', async () => {
    const result = await gridSearch(space, evaluate, sharpe);
    expect(result.evaluations).toHaveLength(gridPoints(space).length);
    const scores = result.evaluations.map((e) => e.score);
    expect(result.best.score).toBe(Math.max(...scores));
    expect(Number.isFinite(result.best.score)).toBe(true);
    // Different parameters really give different results.
    expect(new Set(scores).size).toBeGreaterThan(10);
  });

  test('random search is seeded: same seed, same points; all distinct and valid', async () => {
    const a = await randomSearch(space, evaluate, sharpe, { samples: 12, seed: 7 });
    const b = await randomSearch(space, evaluate, sharpe, { samples: 12, seed: 7 });
    const c = await randomSearch(space, evaluate, sharpe, { samples: 12, seed: 8 });
    const params = (r: typeof a) => r.evaluations.map((e) => key(e.params));
    expect(params(a)).toEqual(params(b));
    expect(params(a)).not.toEqual(params(c));
    expect(new Set(params(a)).size).toBe(12);
    for (const e of a.evaluations) expect((e.params.fast as number) < (e.params.slow as number)).toBe(true);
  });

  test('genetic search finds the grid optimum with a fixed seed, evaluating fewer points', async () => {
    const wide = strategySpace(smaCrossover, {
      ranges: { fast: { min: 2, max: 40, step: 2 }, slow: { min: 10, max: 200, step: 10 } },
      fixed: { cross: 'carry' },
    });
    const grid = await gridSearch(wide, evaluate, sharpe);
    const options = { seed: 3, populationSize: 20, generations: 12 };
    const ga = await geneticSearch(wide, evaluate, sharpe, options);
    expect(ga.best.params).toEqual(grid.best.params);
    expect(ga.best.score).toBe(grid.best.score);
    expect(ga.evaluations.length).toBeLessThan(grid.evaluations.length * 0.7);
    const again = await geneticSearch(wide, evaluate, sharpe, options);
    expect(again.evaluations.map((e) => key(e.params))).toEqual(ga.evaluations.map((e) => key(e.params)));
  });

  test('the drawdown-capped objective never picks an infeasible point', async () => {
    const capped = objective({ kind: 'returnWithDrawdownCap', maxDrawdown: 0.15 });
    const result = await searchParameters<BacktestMetrics>(space, evaluate, capped, { kind: 'grid' });
    const feasible = result.evaluations.filter((e) => e.metrics.maxDrawdown <= 0.15);
    if (feasible.length > 0) {
      expect(result.best.metrics.maxDrawdown).toBeLessThanOrEqual(0.15);
      expect(result.best.metrics.totalReturn).toBe(Math.max(...feasible.map((e) => e.metrics.totalReturn)));
    } else {
      expect(result.best.score).toBe(Number.NEGATIVE_INFINITY);
    }
  });
});
