import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  geneticSearch,
  gridSearch,
  objective,
  ParallelError,
  ParameterPool,
  serialEvaluator,
  smaCrossover,
  strategySpace,
  walkForward,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

const candles = shippedCandles('btc-usd', '4h').slice(-1500);
const config = { lotSize: '0.0001' };
const space = strategySpace(smaCrossover, {
  ranges: { fast: { min: 2, max: 20, step: 2 }, slow: { min: 10, max: 60, step: 10 } },
});
const sharpe = objective({ kind: 'sharpe' });

describe('parameter search on worker threads', () => {
  let pool: ParameterPool;
  beforeAll(async () => {
    pool = await ParameterPool.start({
      candles,
      strategy: { template: 'sma-crossover' },
      config,
      threads: 2,
    });
  });
  afterAll(() => pool.close());

  test('a grid search gives exactly the serial results, point by point', async () => {
    const serial = await gridSearch(space, serialEvaluator(smaCrossover, candles, config), sharpe);
    const parallel = await gridSearch(space, pool.evaluator(), sharpe);
    expect(pool.threads).toBe(2);
    expect(parallel.evaluations.length).toBeGreaterThan(80);
    expect(parallel.evaluations).toEqual(serial.evaluations);
    expect(parallel.best).toEqual(serial.best);
  });

  test('a genetic search and a ranged evaluation match too', async () => {
    const range = { start: 200, end: 1200, tradeFrom: 300 };
    const options = { seed: 4, populationSize: 10, generations: 4 };
    const serial = await geneticSearch(
      space,
      serialEvaluator(smaCrossover, candles, config, range),
      sharpe,
      options,
    );
    const parallel = await geneticSearch(space, pool.evaluator(range), sharpe, options);
    expect(parallel).toEqual(serial);
  });

  test('a walk-forward with the pool equals the serial one', async () => {
    const options = {
      strategy: smaCrossover,
      space,
      objective: { kind: 'calmar' },
      train: 600,
      test: 300,
      warmup: 100,
      config,
    } as const;
    const serial = await walkForward(candles, options);
    const parallel = await walkForward(candles, { ...options, pool });
    expect(parallel).toEqual(serial);
  });

  test('a point the strategy refuses fails with a typed error naming the cause', async () => {
    const failure = pool.evaluate([{ fast: 30, slow: 20, cross: 'carry' }]);
    await expect(failure).rejects.toBeInstanceOf(ParallelError);
    await expect(failure).rejects.toMatchObject({
      code: 'evaluation_failed',
      causeName: 'BacktestConfigError',
    });
    // The pool still works afterwards.
    expect(await pool.evaluate([{ fast: 4, slow: 20, cross: 'carry' }])).toHaveLength(1);
  });
});

describe('starting a pool', () => {
  test('a configuration holding a function is refused before any worker starts', async () => {
    await expect(
      ParameterPool.start({
        candles,
        strategy: { template: 'sma-crossover' },
        config: { sizing: { kind: 'custom', size: () => 1 } },
        threads: 1,
      }),
    ).rejects.toMatchObject({ code: 'not_transferable' });
  });

  test('an unknown template fails the start', async () => {
    await expect(
      ParameterPool.start({ candles, strategy: { template: 'no-such-strategy' }, threads: 1 }),
    ).rejects.toMatchObject({ code: 'worker_failed' });
  });
});
