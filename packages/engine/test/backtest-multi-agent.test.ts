import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYSIS_MIN_CANDLES,
  analyze,
  BacktestConfigError,
  type Candle,
  defaultAnalysisParameters,
  gridSearch,
  loadStrategy,
  type Market,
  MULTI_AGENT_MARKET,
  multiAgent,
  multiAgentStrategy,
  objective,
  ParameterPool,
  runBacktest,
  type Signal,
  STRATEGY_TEMPLATES,
  type StrategyContext,
  StreamingAnalysis,
  serialEvaluator,
  strategySpace,
} from '../src';
import { BTC_USD, shippedCandles } from './support/shipped-candles';

const BTC = shippedCandles('btc-usd', '4h');
const ETH = shippedCandles('eth-usd', '4h');

/** A strategy context for candle `i` of `candles`, as the backtester builds it (flat, all cash). */
function contextAt(candles: readonly Candle[], i: number, capital = 10_000): StrategyContext {
  return {
    index: i,
    candle: candles[i] as Candle,
    bar: (back: number) => (back >= 0 && back <= i ? candles[i - back] : undefined),
    position: 0,
    pending: false,
    cash: capital,
    equity: capital,
  };
}

/**
 * Feeds the candles one at a time to the streaming analysis and, at every `step`-th candle after the
 * warm-up, runs `analyze()` on the candles up to that one (one timeframe, no news): same action, same
 * confidence. The streaming analysis never sees a later candle than the one it decides on, and
 * `analyze()` gets only `candles[0..i]`: equal decisions are also the proof that nothing looks ahead.
 */
function compareWithAnalyze(
  candles: readonly Candle[],
  market: Market,
  step: number,
  debateRounds = 2,
  capital = 10_000,
) {
  const parameters = { ...defaultAnalysisParameters, debateRounds };
  const stream = new StreamingAnalysis({ parameters, market });
  const strategy = multiAgentStrategy({ market }).create({ debateRounds, onHold: 'close' });
  const first = ANALYSIS_MIN_CANDLES - 1;
  const seen = { buy: 0, sell: 0, hold: 0 };
  let compared = 0;
  let largestGap = 0;
  for (let i = 0; i < candles.length; i++) {
    stream.update(candles[i] as Candle);
    const decided = stream.decide(capital);
    const signal = strategy.onCandle(contextAt(candles, i, capital));
    expect(decided).toBe(i >= first);
    if (!decided) {
      expect(signal).toBeUndefined();
      continue;
    }
    // The strategy maps the same decision (minConfidence 0, hold → close).
    const expected: Signal = stream.action === 'buy' ? 'long' : stream.action === 'sell' ? 'short' : 'close';
    expect(signal).toBe(expected);
    if ((i - first) % step !== 0 && i !== candles.length - 1) continue;
    const result = analyze({
      symbol: market.symbol,
      market,
      candles: { '4h': candles.slice(0, i + 1) },
      news: null,
      capital: String(capital),
      parameters,
    });
    if (result.decision.action !== stream.action) {
      throw new Error(`candle ${i}: analyze() ${result.decision.action}, streaming ${stream.action}`);
    }
    const gap = Math.abs(result.decision.confidence - stream.confidence);
    largestGap = Math.max(largestGap, gap);
    expect(gap).toBeLessThanOrEqual(1e-9);
    seen[stream.action]++;
    compared++;
  }
  return { compared, seen, largestGap };
}

describe('the multi-agent strategy decides as analyze() does', () => {
  it('on every 97th shipped BTC-USD 4h candle after the warm-up (and the last)', () => {
    const { compared, seen, largestGap } = compareWithAnalyze(BTC, MULTI_AGENT_MARKET, 97);
    expect(BTC.length).toBeGreaterThan(20_000);
    expect(compared).toBeGreaterThan(200);
    // Every kind of decision is among those compared.
    expect(seen.buy).toBeGreaterThan(20);
    expect(seen.sell).toBeGreaterThan(20);
    expect(seen.hold).toBeGreaterThan(20);
    expect(largestGap).toBe(0);
  }, 120_000);

  it('on ETH-USD 4h with the BTC/USD market rules and 3 debate rounds', () => {
    const { compared, seen } = compareWithAnalyze(ETH, BTC_USD, 193, 3);
    expect(compared).toBeGreaterThan(50);
    expect(seen.buy + seen.sell).toBeGreaterThan(10);
  }, 120_000);

  it('with so little capital that the optimizer often finds the order below the market minimum', () => {
    // 60 USD: a suggested buy or sell is worth from under 1 USD (BTC/USD's minimum notional) to a
    // few dollars, so the exact decimal check decides many of them.
    const { compared, seen } = compareWithAnalyze(BTC, BTC_USD, 61, 2, 60);
    expect(compared).toBeGreaterThan(300);
    expect(seen.hold).toBeGreaterThan(seen.buy + seen.sell);
    expect(seen.buy + seen.sell).toBeGreaterThan(10);
  }, 120_000);

  it('gives no signal before the warm-up, then one decision per candle', () => {
    const strategy = multiAgent.create();
    for (let i = 0; i < ANALYSIS_MIN_CANDLES - 1; i++) {
      expect(strategy.onCandle(contextAt(BTC, i))).toBeUndefined();
    }
  });

  it('refuses candles whose spacing is no timeframe', () => {
    const odd = BTC.slice(0, ANALYSIS_MIN_CANDLES).map((c, i) => ({ ...c, time: i * 7_000_000 }));
    const strategy = multiAgent.create();
    expect(() => {
      for (let i = 0; i < odd.length; i++) strategy.onCandle(contextAt(odd, i));
    }).toThrow(BacktestConfigError);
  });
});

describe('a multi-agent backtest', () => {
  const config = {
    symbol: 'BTC/USD',
    initialCash: '10000',
    paper: { takerFeeRate: '0.001', makerFeeRate: '0.001' },
    lotSize: '0.00001',
  };

  it('trades on real candles, pays fees and is deterministic', () => {
    const run = () =>
      runBacktest({ ...config, candles: BTC, strategy: multiAgent.create({ minConfidence: 0.2 }) });
    const a = run();
    const b = run();
    expect(a.strategy).toBe('multi-agent');
    expect(a.params).toEqual({ minConfidence: 0.2, debateRounds: 2, onHold: 'keep' });
    expect(a.trades.length).toBeGreaterThan(20);
    expect(a.fills.length).toBeGreaterThanOrEqual(a.trades.length * 2 - 1);
    expect(a.feesPaid.toNumber()).toBeGreaterThan(0);
    const tradeFees = a.trades.reduce((sum, t) => sum + t.fees.toNumber(), 0);
    expect(a.metrics.feesPaid).toBeCloseTo(tradeFees, 6);
    // No trade before the analysis can decide.
    expect(a.trades[0]?.entryIndex).toBeGreaterThanOrEqual(ANALYSIS_MIN_CANDLES);
    expect(b.finalEquity.toString()).toBe(a.finalEquity.toString());
    expect(b.fills).toEqual(a.fills);
    expect(b.metrics).toEqual(a.metrics);
  }, 60_000);

  it('a higher confidence bar trades less; shorting and flat-on-hold change the trades', () => {
    const candles = BTC.slice(-4000);
    const trades = (params: Record<string, number | string>, allowShort = false) =>
      runBacktest({ ...config, candles, allowShort, strategy: multiAgent.create(params) }).trades.length;
    const loose = trades({ minConfidence: 0 });
    const strict = trades({ minConfidence: 0.6 });
    expect(strict).toBeLessThan(loose);
    expect(trades({ minConfidence: 0.2, onHold: 'close' })).toBeGreaterThan(trades({ minConfidence: 0.2 }));
    expect(trades({ minConfidence: 0.2 }, true)).toBeGreaterThan(0);
  }, 60_000);
});

describe('multi-agent parameters', () => {
  it('declares typed parameters and is a template', async () => {
    expect(multiAgent.name).toBe('multi-agent');
    expect(multiAgent.params.map((p) => `${p.name}:${p.type}`)).toEqual([
      'minConfidence:float',
      'debateRounds:int',
      'onHold:choice',
    ]);
    expect(STRATEGY_TEMPLATES['multi-agent']).toBe(multiAgent);
    expect(await loadStrategy({ template: 'multi-agent' })).toBe(multiAgent);
  });

  it.each([
    [{ minConfidence: 1.5 }],
    [{ minConfidence: -0.1 }],
    [{ debateRounds: 0 }],
    [{ debateRounds: 11 }],
    [{ debateRounds: 2.5 }],
    [{ onHold: 'sell' }],
    [{ noSuchParam: 1 }],
  ])('refuses %j with invalid_param', (params) => {
    let error: unknown;
    try {
      multiAgent.create(params);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BacktestConfigError);
    expect((error as BacktestConfigError).code).toBe('invalid_param');
  });
});

describe('the multi-agent strategy in a worker pool', () => {
  const candles = BTC.slice(-1500);
  const config = { lotSize: '0.0001' };
  const space = strategySpace(multiAgent, {
    ranges: {
      minConfidence: { min: 0, max: 0.4, step: 0.2 },
      debateRounds: { min: 1, max: 3, step: 2 },
    },
    fixed: { onHold: 'keep' },
  });
  const sharpe = objective({ kind: 'sharpe' });
  let pool: ParameterPool;
  beforeAll(async () => {
    pool = await ParameterPool.start({ candles, strategy: { template: 'multi-agent' }, config, threads: 2 });
  }, 60_000);
  afterAll(() => pool?.close());

  it('a small grid gives exactly the serial results', async () => {
    const serial = await gridSearch(space, serialEvaluator(multiAgent, candles, config), sharpe);
    const parallel = await gridSearch(space, pool.evaluator(), sharpe);
    expect(parallel.evaluations.length).toBe(6);
    expect(parallel.evaluations).toEqual(serial.evaluations);
    expect(parallel.best).toEqual(serial.best);
    expect(parallel.evaluations.some((e) => (e.metrics?.trades ?? 0) > 0)).toBe(true);
  }, 60_000);
});
