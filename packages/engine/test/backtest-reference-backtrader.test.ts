import { describe, expect, it } from 'vitest';
import { runBacktest, smaCrossover } from '../src';
import { loadDailyCandles } from './fixtures/backtests/load';

// backtrader's published case (see fixtures/backtests/README.md): SMA(15) of the close, buy 1 unit
// when flat and the close crosses above it, close when long and it crosses below, next-open fills.
const BUYS = [
  '3643.35',
  '3801.03',
  '3872.37',
  '3863.57',
  '3845.32',
  '3656.43',
  '3542.65',
  '3639.65',
  '3799.86',
  '3840.2',
  '4047.63',
  '4052.55',
];
const SELLS = [
  '3763.95',
  '3811.85',
  '3822.35',
  '3822.57',
  '3829.82',
  '3598.58',
  '3545.92',
  '3766.8',
  '3782.15',
  '3979.73',
  '4045.05',
];

describe('backtrader reference: SMA(15) crossover on index-2006-1d', () => {
  const candles = loadDailyCandles('index-2006-1d.csv');
  const result = runBacktest({
    candles,
    // fast 1 = the close itself; 'carry' = backtrader's CrossOver (zero differences carry the last sign)
    strategy: smaCrossover.create({ fast: 1, slow: 15, cross: 'carry' }),
    symbol: 'INDEX/USD',
    initialCash: '10000',
    paper: { makerFeeRate: 0, takerFeeRate: 0 },
    sizing: { kind: 'units', units: 1 },
    fill: 'next-open',
    allowShort: false,
    atEnd: 'mark',
  });

  it('reads all 255 bars', () => {
    expect(candles).toHaveLength(255);
    expect(result.bars).toBe(255);
  });

  it('fills every buy and sell at the published prices, in order', () => {
    const buys = result.fills.filter((f) => f.side === 'buy').map((f) => f.price.toString());
    const sells = result.fills.filter((f) => f.side === 'sell').map((f) => f.price.toString());
    expect(buys).toEqual(BUYS);
    expect(sells).toEqual(SELLS);
    // Alternating, starting with a buy, one unit each.
    result.fills.forEach((fill, i) => {
      expect(fill.side).toBe(i % 2 === 0 ? 'buy' : 'sell');
      expect(fill.quantity.toString()).toBe('1');
      expect(fill.fee.isZero()).toBe(true);
    });
  });

  it('ends with cash 6,164.16 and value 10,284.10 (open unit marked at the last close)', () => {
    expect(result.finalCash.toFixed(2)).toBe('6164.16');
    expect(result.finalEquity.toFixed(2)).toBe('10284.10');
    expect(result.finalPosition.toString()).toBe('1');
    expect(result.ledger.balance('USD').free.toFixed(2)).toBe('6164.16');
    // the equity series ends at the same value
    expect(result.equity[result.equity.length - 1]).toBeCloseTo(10284.1, 6);
  });

  it('reports 11 closed round trips and the open one', () => {
    expect(result.trades.filter((t) => !t.open)).toHaveLength(11);
    const last = result.trades.at(-1);
    expect(last?.open).toBe(true);
    expect(last?.entryPrice.toString()).toBe('4052.55');
    expect(result.metrics.trades).toBe(11);
    // realized + unrealized = value − cash start
    const pnl = result.trades.reduce((sum, t) => sum + t.pnl.toNumber(), 0);
    expect(pnl).toBeCloseTo(284.1, 6);
  });

  it('fills each order at the open of the bar after the signal', () => {
    const byTime = new Map(candles.map((c, i) => [c.time, i]));
    for (const trade of result.trades.filter((t) => !t.open)) {
      const entryBar = byTime.get(trade.entryTime) as number;
      expect(candles[entryBar]?.open.toString()).toBe(trade.entryPrice.toString());
      expect(entryBar).toBeGreaterThanOrEqual(16); // the first cross can come at bar 15 (SMA at 14 + 1)
    }
  });
});
