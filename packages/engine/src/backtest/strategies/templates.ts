import { Bbands } from '../../indicators/bollinger';
import { Macd } from '../../indicators/macd';
import { Sma } from '../../indicators/moving-averages';
import { Rsi } from '../../indicators/rsi';
import { Crossover, type CrossRule } from '../crossover';
import type { StrategyDefinition } from '../types';
import { defineStrategy } from './define';
import { multiAgent } from './multi-agent';

const CROSS_PARAM = {
  name: 'cross',
  type: 'choice',
  choices: ['carry', 'strict'],
  default: 'carry',
  description: "How a cross is read: 'carry' (backtrader) or 'strict' (backtesting.py), see Crossover",
} as const;

/**
 * SMA crossover: `'long'` when SMA(fast) of the close crosses above SMA(slow), `'short'` when it
 * crosses below (long-only backtests close instead). `fast: 1` is the close itself.
 */
export const smaCrossover: StrategyDefinition = defineStrategy({
  name: 'sma-crossover',
  description: 'Long when SMA(fast) crosses above SMA(slow), short (or flat) when it crosses below',
  params: [
    { name: 'fast', type: 'int', min: 1, max: 200, default: 10, description: 'Fast SMA period (1 = close)' },
    { name: 'slow', type: 'int', min: 2, max: 400, default: 30, description: 'Slow SMA period' },
    CROSS_PARAM,
  ],
  check: (p) => ((p.fast as number) < (p.slow as number) ? undefined : 'fast must be below slow'),
  init(p) {
    const fast = new Sma(p.fast as number);
    const slow = new Sma(p.slow as number);
    const cross = new Crossover(p.cross as CrossRule);
    return (ctx) => {
      const close = ctx.candle.close;
      const c = cross.update(fast.update(close), slow.update(close));
      return c > 0 ? 'long' : c < 0 ? 'short' : undefined;
    };
  },
});

/**
 * RSI mean reversion: `'long'` when RSI(period) crosses below `lower` (oversold), `'short'` when it
 * crosses above `upper` (overbought); `'close'` when it crosses back over 50 against the position,
 * if `exitAtMid` is on.
 */
export const rsiReversion: StrategyDefinition = defineStrategy({
  name: 'rsi-reversion',
  description: 'Long when RSI turns oversold, short (or flat) when it turns overbought',
  params: [
    { name: 'period', type: 'int', min: 2, max: 100, default: 14, description: 'RSI period' },
    { name: 'lower', type: 'float', min: 5, max: 45, step: 1, default: 30, description: 'Oversold level' },
    { name: 'upper', type: 'float', min: 55, max: 95, step: 1, default: 70, description: 'Overbought level' },
    {
      name: 'exitAtMid',
      type: 'choice',
      choices: ['yes', 'no'],
      default: 'no',
      description: 'Flat at RSI 50',
    },
  ],
  init(p) {
    const rsi = new Rsi(p.period as number);
    const lower = p.lower as number;
    const upper = p.upper as number;
    const exitAtMid = p.exitAtMid === 'yes';
    let previous = Number.NaN;
    return (ctx) => {
      const value = rsi.update(ctx.candle.close);
      const before = previous;
      previous = value;
      if (Number.isNaN(value) || Number.isNaN(before)) return undefined;
      if (before >= lower && value < lower) return 'long';
      if (before <= upper && value > upper) return 'short';
      if (exitAtMid) {
        if (ctx.position > 0 && before < 50 && value >= 50) return 'close';
        if (ctx.position < 0 && before > 50 && value <= 50) return 'close';
      }
      return undefined;
    };
  },
});

/**
 * Time-series momentum: the return over `lookback` bars, `close / close[lookback] − 1`; `'long'`
 * above `threshold`, `'short'` below `−threshold`, `'close'` in between when `flatInBand` is on.
 */
export const momentum: StrategyDefinition = defineStrategy({
  name: 'momentum',
  description: 'Long when the return over the lookback beats the threshold, short when it is below minus it',
  params: [
    { name: 'lookback', type: 'int', min: 2, max: 500, default: 20, description: 'Bars to measure over' },
    {
      name: 'threshold',
      type: 'float',
      min: 0,
      max: 0.5,
      step: 0.005,
      default: 0.02,
      description: 'Return band',
    },
    {
      name: 'flatInBand',
      type: 'choice',
      choices: ['yes', 'no'],
      default: 'no',
      description: 'Flat inside the band',
    },
  ],
  init(p) {
    const lookback = p.lookback as number;
    const threshold = p.threshold as number;
    const flatInBand = p.flatInBand === 'yes';
    return (ctx) => {
      const past = ctx.bar(lookback);
      if (!past) return undefined;
      const change = ctx.candle.close / past.close - 1;
      if (change > threshold) return 'long';
      if (change < -threshold) return 'short';
      return flatInBand ? 'close' : undefined;
    };
  },
});

/**
 * Bollinger breakout: `'long'` when the close breaks above the upper band, `'short'` below the lower
 * band; with `exit: 'middle'`, `'close'` when the close crosses back over the middle band.
 */
export const bollingerBreakout: StrategyDefinition = defineStrategy({
  name: 'bollinger-breakout',
  description: 'Long on a close above the upper band, short (or flat) on a close below the lower band',
  params: [
    { name: 'period', type: 'int', min: 2, max: 200, default: 20, description: 'Band period' },
    { name: 'k', type: 'float', min: 0.5, max: 4, step: 0.25, default: 2, description: 'Band width in σ' },
    {
      name: 'exit',
      type: 'choice',
      choices: ['middle', 'opposite'],
      default: 'middle',
      description: 'Exit rule',
    },
  ],
  init(p) {
    const bands = new Bbands(p.period as number, p.k as number);
    const exitAtMiddle = p.exit === 'middle';
    return (ctx) => {
      const close = ctx.candle.close;
      const middle = bands.update(close);
      if (Number.isNaN(middle)) return undefined;
      if (close > bands.upper) return 'long';
      if (close < bands.lower) return 'short';
      if (exitAtMiddle && ((ctx.position > 0 && close < middle) || (ctx.position < 0 && close > middle)))
        return 'close';
      return undefined;
    };
  },
});

/** MACD: `'long'` when the MACD line crosses above its signal line, `'short'` when below. */
export const macdCrossover: StrategyDefinition = defineStrategy({
  name: 'macd-crossover',
  description: 'Long when MACD crosses above its signal line, short (or flat) when it crosses below',
  params: [
    { name: 'fast', type: 'int', min: 2, max: 100, default: 12, description: 'Fast EMA period' },
    { name: 'slow', type: 'int', min: 3, max: 300, default: 26, description: 'Slow EMA period' },
    { name: 'signal', type: 'int', min: 2, max: 100, default: 9, description: 'Signal EMA period' },
    CROSS_PARAM,
  ],
  check: (p) => ((p.fast as number) < (p.slow as number) ? undefined : 'fast must be below slow'),
  init(p) {
    const macd = new Macd(p.fast as number, p.slow as number, p.signal as number);
    const cross = new Crossover(p.cross as CrossRule);
    return (ctx) => {
      const line = macd.update(ctx.candle.close);
      const c = cross.update(line, macd.signal);
      return c > 0 ? 'long' : c < 0 ? 'short' : undefined;
    };
  },
});

/** The template strategies by name. */
export const STRATEGY_TEMPLATES: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  [smaCrossover.name]: smaCrossover,
  [rsiReversion.name]: rsiReversion,
  [momentum.name]: momentum,
  [bollingerBreakout.name]: bollingerBreakout,
  [macdCrossover.name]: macdCrossover,
  [multiAgent.name]: multiAgent,
});
