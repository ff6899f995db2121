import { describe, expect, it } from 'vitest';
import {
  BacktestConfigError,
  type Candle,
  defineStrategy,
  paramGrid,
  resolveParams,
  runBacktest,
  type Signal,
  STRATEGY_TEMPLATES,
  smaCrossover,
} from '../src';
import { shippedCandles } from './support/shipped-candles';

const BTC = shippedCandles('btc-usd', '4h');
const NO_FEES = { makerFeeRate: 0, takerFeeRate: 0 };

/** A strategy that plays back a script of signals by candle index. */
const scripted = (script: Record<number, Signal>) =>
  defineStrategy({
    name: 'scripted',
    description: 'signals by index',
    params: [],
    init: () => (ctx) => script[ctx.index],
  }).create();

const bars = (closes: number[]): Candle[] =>
  closes.map((close, i) => ({
    time: Date.UTC(2024, 0, 1) + i * 86_400_000,
    open: close - 1,
    high: close + 2,
    low: close - 3,
    close,
    volume: 10,
  }));

describe('no look-ahead', () => {
  it('the strategy sees only candles up to the current one', () => {
    const seen: number[] = [];
    const strategy = defineStrategy({
      name: 'peek',
      description: 'tries to read the future',
      params: [],
      init: () => (ctx) => {
        expect(ctx.bar(0)).toBe(ctx.candle);
        expect(ctx.bar(-1)).toBeUndefined();
        expect(ctx.bar(ctx.index + 1)).toBeUndefined();
        expect(ctx.bar(ctx.index)).toBe(BTC[0]);
        seen.push(ctx.candle.time);
        return undefined;
      },
    }).create();
    runBacktest({ candles: BTC.slice(0, 500), strategy });
    expect(seen).toEqual(BTC.slice(0, 500).map((c) => c.time));
  });

  it('changing the future does not change any decision made before it', () => {
    const cut = 5_000;
    const scrambled = BTC.map((c, i) =>
      i <= cut ? c : { ...c, open: c.open * 3, high: c.high * 3, low: c.low * 0.2, close: c.close * 0.5 },
    );
    const config = { paper: NO_FEES, allowShort: true, lotSize: '0.0001' } as const;
    const a = runBacktest({ ...config, candles: BTC, strategy: smaCrossover.create({ fast: 10, slow: 30 }) });
    const b = runBacktest({
      ...config,
      candles: scrambled,
      strategy: smaCrossover.create({ fast: 10, slow: 30 }),
    });
    // fills up to the cut (orders decided at bar ≤ cut − 1 fill at bar ≤ cut) are identical
    const before = (r: typeof a) =>
      r.fills
        .filter((f) => f.at.getTime() <= (BTC[cut] as Candle).time)
        .map((f) => `${f.side} ${f.quantity} ${f.price}`);
    expect(before(a).length).toBeGreaterThan(50);
    expect(before(b)).toEqual(before(a));
    expect(Array.from(b.equity.subarray(0, cut))).toEqual(Array.from(a.equity.subarray(0, cut)));
    expect(b.equity[cut + 10]).not.toBe(a.equity[cut + 10]);
  });
});

describe('fill models', () => {
  const candles = bars([100, 101, 102, 103, 104, 105]);
  const strategy = () => scripted({ 1: 'long', 3: 'close' });
  const base = { candles, paper: NO_FEES, sizing: { kind: 'units', units: 2 } } as const;

  it('next-open fills at the next bar’s open', () => {
    const r = runBacktest({ ...base, strategy: strategy() });
    expect(r.fills.map((f) => f.price.toString())).toEqual(['101', '103']);
    expect(r.fills[0]?.at.getTime()).toBe(candles[2]?.time);
  });

  it('close fills at the signal bar’s close', () => {
    const r = runBacktest({ ...base, fill: 'close', strategy: strategy() });
    expect(r.fills.map((f) => f.price.toString())).toEqual(['101', '103']);
    expect(r.trades[0]?.entryIndex).toBe(1);
  });

  it('intrabar moves the fill against the order inside the next bar', () => {
    const r = runBacktest({ ...base, fill: 'intrabar', intrabarSlippage: 0.5, strategy: strategy() });
    // buy at open 101 + 0.5 × (104 − 101); sell at open 103 − 0.5 × (103 − 101)
    expect(r.fills.map((f) => f.price.toString())).toEqual(['102.5', '102']);
  });

  it('paper slippage and taker fees apply on top', () => {
    const r = runBacktest({
      ...base,
      paper: { takerFeeRate: '0.001', makerFeeRate: '0.0005', slippageBps: '10' },
      strategy: strategy(),
    });
    expect(r.fills.map((f) => f.price.toString())).toEqual(['101.101', '102.897']);
    expect(r.fills.map((f) => f.liquidity)).toEqual(['taker', 'taker']);
    expect(r.feesPaid.toString()).toBe(r.fills[0]?.fee.add(r.fills[1]?.fee ?? 0).toString());
    // exact ledger: 10,000 − 2 × 101.101 − fee + 2 × 102.897 − fee
    const expected = 10_000 - 2 * 101.101 + 2 * 102.897 - (0.202202 + 0.205794);
    expect(r.finalCash.toNumber()).toBeCloseTo(expected, 9);
    expect(r.trades[0]?.pnl.toNumber()).toBeCloseTo(2 * (102.897 - 101.101) - 0.407996, 9);
  });
});

describe('sizing, shorts, opposite signals and the end', () => {
  const candles = bars([100, 110, 120, 90, 80, 85, 95]);

  it('all-in buys whole lots the cash pays for, fees included', () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'long' }),
      initialCash: '1000',
      paper: { takerFeeRate: '0.01', makerFeeRate: 0 },
    });
    // open of bar 1 = 109: floor(1000 / (109 × 1.01)) = 9
    expect(r.fills[0]?.quantity.toString()).toBe('9');
  });

  it('fraction of equity, rounded down to the lot', () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'long' }),
      paper: NO_FEES,
      sizing: { kind: 'fraction', fraction: 0.5 },
      lotSize: '0.01',
    });
    expect(r.fills[0]?.quantity.toString()).toBe('45.87'); // 5,000 / 109
  });

  it('a custom function decides the size', () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'long' }),
      paper: NO_FEES,
      sizing: { kind: 'custom', size: ({ price }) => 1000 / price },
    });
    expect(r.fills[0]?.quantity.toString()).toBe('9');
  });

  it('reverse closes and opens the other way at the same fill; shorts profit on a fall', () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'long', 2: 'short', 4: 'long' }),
      paper: NO_FEES,
      sizing: { kind: 'units', units: 1 },
      allowShort: true,
    });
    expect(
      r.trades.map((t) => [t.side, t.entryPrice.toString(), t.exitPrice.toString(), t.pnl.toString()]),
    ).toEqual([
      ['long', '109', '89', '-20'],
      ['short', '89', '84', '5'],
      ['long', '84', '95', '11'], // closed at the last close
    ]);
    expect(r.finalCash.toString()).toBe('9996');
    expect(r.ledger.position('BTC/USDT')?.realizedPnl.toString()).toBe('-4');
  });

  it("onOpposite 'close' only closes; long-only ignores shorts when flat", () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'short', 1: 'long', 3: 'short', 4: 'long' }),
      paper: NO_FEES,
      sizing: { kind: 'units', units: 1 },
      onOpposite: 'close',
    });
    expect(r.trades.map((t) => [t.side, t.entryPrice.toString(), t.exitPrice.toString()])).toEqual([
      ['long', '119', '79'],
      ['long', '84', '95'],
    ]);
  });

  it("atEnd 'mark' keeps the position and values it at the last close", () => {
    const r = runBacktest({
      candles,
      strategy: scripted({ 3: 'short' }),
      paper: NO_FEES,
      sizing: { kind: 'units', units: 2 },
      allowShort: true,
      atEnd: 'mark',
    });
    expect(r.finalPosition.toString()).toBe('-2');
    expect(r.finalCash.toString()).toBe('10158'); // + 2 × 79
    expect(r.finalEquity.toString()).toBe('9968'); // 10,158 − 2 × 95
    expect(r.trades[0]?.open).toBe(true);
    expect(r.metrics.trades).toBe(0);
    expect(r.ledger.valuation({ 'BTC/USDT': '95' }).equity.toString()).toBe('9968');
  });
});

describe('metrics', () => {
  it('match hand-computed values on a small run', () => {
    const candles = bars([100, 110, 120, 90, 80, 85, 95]);
    const r = runBacktest({
      candles,
      strategy: scripted({ 0: 'long', 2: 'short', 4: 'long' }),
      paper: NO_FEES,
      sizing: { kind: 'units', units: 1 },
      allowShort: true,
      periodsPerYear: 365,
    });
    const e = Array.from(r.equity);
    expect(e).toEqual([10000, 10001, 10011, 9979, 9989, 9986, 9996]);
    const returns = e.map((x, i) => x / (i === 0 ? 10000 : (e[i - 1] as number)) - 1);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1));
    const m = r.metrics;
    expect(m.totalReturn).toBeCloseTo(-0.0004, 12);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    expect(m.maxDrawdown).toBeCloseTo(1 - 9979 / 10011, 12);
    expect(m.maxDrawdownBars).toBe(4);
    expect(m.trades).toBe(3);
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.profitFactor).toBeCloseTo(16 / 20, 12);
    expect(m.expectancy).toBeCloseTo(-4 / 3, 12);
    expect(m.bestTrade).toBe(11);
    expect(m.worstTrade).toBe(-20);
    expect(m.exposure).toBeCloseTo(6 / 7, 12);
    expect(Array.from(r.drawdown).at(-1)).toBeCloseTo(9996 / 10011 - 1, 12);
  });
});

describe('strategies and parameters', () => {
  it('every template runs on real candles with its defaults and trades', () => {
    for (const definition of Object.values(STRATEGY_TEMPLATES)) {
      const r = runBacktest({
        candles: BTC,
        strategy: definition.create(),
        lotSize: '0.0001',
        allowShort: true,
      });
      expect(r.metrics.trades, definition.name).toBeGreaterThan(10);
      expect(r.finalEquity.toNumber()).toBeCloseTo(r.metrics.endEquity, 6);
      for (const spec of definition.params) expect(paramGrid(spec).length).toBeGreaterThan(0);
    }
  });

  it('refuses unknown or out-of-range parameters', () => {
    expect(() => smaCrossover.create({ fast: 0 })).toThrow(BacktestConfigError);
    expect(() => smaCrossover.create({ fast: 30, slow: 10 })).toThrow(/fast must be below slow/);
    expect(() => smaCrossover.create({ fats: 3 })).toThrow(/unknown parameter/);
    expect(() => smaCrossover.create({ cross: 'maybe' })).toThrow(BacktestConfigError);
    expect(resolveParams(smaCrossover.params, { fast: 5 })).toEqual({ fast: 5, slow: 30, cross: 'carry' });
  });

  it('refuses bad candles and configuration', () => {
    const strategy = smaCrossover.create();
    expect(() => runBacktest({ candles: [], strategy })).toThrow(BacktestConfigError);
    expect(() => runBacktest({ candles: [BTC[1] as Candle, BTC[0] as Candle], strategy })).toThrow(
      /increase/,
    );
    expect(() => runBacktest({ candles: BTC.slice(0, 10), strategy, lotSize: '0' })).toThrow(/lotSize/);
  });
});
