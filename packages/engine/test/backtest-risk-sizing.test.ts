import { describe, expect, it } from 'vitest';
import {
  BacktestConfigError,
  halfKellyFraction,
  runBacktest,
  smaCrossover,
  volatilityTargetFraction,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

const candles = shippedCandles('btc-usd', '4h').slice(-3000);
const base = {
  candles,
  symbol: 'BTC/USD',
  lotSize: '0.00001',
  paper: { takerFeeRate: '0', makerFeeRate: '0' },
};

describe('sizing by the risk manager', () => {
  it('volatility target: each entry is the fraction of equity the realised volatility before it allows', () => {
    const lookback = 30;
    const result = runBacktest({
      ...base,
      strategy: smaCrossover.create({ fast: 10, slow: 30 }),
      sizing: {
        kind: 'risk',
        method: 'volatility-target',
        targetVolatility: 0.2,
        lookback,
        maxFraction: 0.8,
      },
    });
    expect(result.trades.length).toBeGreaterThan(10);
    let equity = 10_000;
    for (const trade of result.trades) {
      // The signal candle is the one before the entry (next-open fills): its close and the 30 before it.
      const signal = trade.entryIndex - 1;
      const returns = [];
      for (let i = signal - lookback + 1; i <= signal; i++) {
        returns.push(Math.log((candles[i]?.close as number) / (candles[i - 1]?.close as number)));
      }
      const mean = returns.reduce((a, b) => a + b, 0) / lookback;
      const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (lookback - 1));
      const fraction = volatilityTargetFraction(
        '0.2',
        (sd * Math.sqrt(365 * 6)).toPrecision(12),
        '0.8',
      ).toNumber();
      const expected = (fraction * equity) / trade.entryPrice.toNumber();
      expect(trade.quantity.toNumber()).toBeCloseTo(expected, 4);
      equity += trade.pnl.toNumber();
    }
  });

  it('half-Kelly: the start fraction until enough trades closed, then half the Kelly fraction of those trades', () => {
    const minTrades = 5;
    const result = runBacktest({
      ...base,
      strategy: smaCrossover.create({ fast: 10, slow: 30 }),
      sizing: { kind: 'risk', method: 'half-kelly', minTrades, startFraction: 0.25, maxFraction: 1 },
    });
    expect(result.trades.length).toBeGreaterThan(minTrades + 20);
    let equity = 10_000;
    result.trades.forEach((trade, n) => {
      const before = result.trades.slice(0, n);
      let fraction = 0.25;
      if (before.length >= minTrades) {
        const pnls = before.map((t) => t.pnl.toNumber());
        const wins = pnls.filter((p) => p > 0);
        const losses = pnls.filter((p) => p <= 0);
        const payoff =
          wins.reduce((a, b) => a + b, 0) /
          wins.length /
          (-losses.reduce((a, b) => a + b, 0) / losses.length);
        fraction =
          wins.length === 0
            ? 0
            : halfKellyFraction(
                (wins.length / pnls.length).toPrecision(12),
                payoff.toPrecision(12),
              ).toNumber();
      }
      const expected = (fraction * equity) / trade.entryPrice.toNumber();
      expect(trade.quantity.toNumber()).toBeCloseTo(expected, 4);
      equity += trade.pnl.toNumber();
    });
  });

  it('refuses out-of-range settings', () => {
    const strategy = smaCrossover.create();
    expect(() =>
      runBacktest({
        ...base,
        strategy,
        sizing: { kind: 'risk', method: 'volatility-target', targetVolatility: 0 },
      }),
    ).toThrow(BacktestConfigError);
    expect(() =>
      runBacktest({ ...base, strategy, sizing: { kind: 'risk', method: 'half-kelly', maxFraction: 1.5 } }),
    ).toThrow(/maxFraction/);
  });
});
