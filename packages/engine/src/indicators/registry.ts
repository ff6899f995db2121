import type { Candle } from '../market/types';
import { Bbands, bbands, bbandsLookback } from './bollinger';
import { Adx, adx, adxLookback } from './directional';
import { Macd, macd, macdLookback } from './macd';
import { Ema, ema, emaLookback, Sma, sma, smaLookback } from './moving-averages';
import { MAX_PERIOD } from './params';
import { Stoch, stoch, stochLookback, Willr, willr, willrLookback } from './range-oscillators';
import { Rsi, rsi, rsiLookback } from './rsi';
import { Atr, atr, atrLookback } from './true-range';
import { Obv, obv, Vwap, vwap } from './volume';
import { RollingVolumeProfile, rollingVolumeProfile, volumeProfileLookback } from './volume-profile';

/** The indicators a spec can name. */
export const INDICATOR_NAMES = [
  'sma',
  'ema',
  'rsi',
  'macd',
  'bbands',
  'atr',
  'adx',
  'willr',
  'stoch',
  'obv',
  'vwap',
  'vprofile',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Why a spec was refused. */
export type IndicatorSpecErrorCode =
  /** The name is not one of {@link INDICATOR_NAMES}. */
  | 'unknown_indicator'
  /** Too many parameters, or one that is not a number or out of its range. */
  | 'invalid_params';

/** A spec that cannot be computed, with a stable machine {@link code}. A `RangeError`, like bad periods. */
export class IndicatorSpecError extends RangeError {
  override name = 'IndicatorSpecError';

  constructor(
    readonly code: IndicatorSpecErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One parameter of an indicator. */
export interface IndicatorParam {
  name: string;
  default: number;
  /** Smallest accepted value. */
  min: number;
  /** Whole numbers only (periods, bins). */
  integer: boolean;
  description: string;
}

/** What the registry knows about one indicator. */
export interface IndicatorDefinition {
  name: IndicatorName;
  description: string;
  params: readonly IndicatorParam[];
  /** Output names, the main one first (`value` for single-output indicators). */
  outputs: readonly string[];
}

/** A parsed spec: the indicator and every parameter, defaults filled in. */
export interface IndicatorSpec {
  /** Normalised spec, all parameters written out: `macd:12:26:9`. */
  name: string;
  indicator: IndicatorName;
  params: number[];
}

/** Indicator series over candles, aligned with them (NaN inside the warm-up). */
export interface IndicatorSeries extends IndicatorSpec {
  /** How many candles come before the first index at which every output is defined. */
  warmup: number;
  outputs: Record<string, Float64Array>;
}

/** An indicator built from a spec and fed one closed candle at a time. */
export interface IndicatorStream extends IndicatorSpec {
  warmup: number;
  /** Feeds the next closed candle; returns the main output (NaN while warming up). */
  update(candle: Candle): number;
  /** Every output after the last update, NaN while warming up. */
  readonly values: Record<string, number>;
  /** True once every output is defined. */
  readonly ready: boolean;
}

const period = (name: string, fallback: number, description: string): IndicatorParam => ({
  name,
  default: fallback,
  min: 1,
  integer: true,
  description,
});

/** Every indicator with its parameters (in spec order), defaults and outputs. */
export const INDICATORS: Readonly<Record<IndicatorName, IndicatorDefinition>> = {
  sma: {
    name: 'sma',
    description: 'Simple moving average of the close',
    params: [period('period', 20, 'bars averaged')],
    outputs: ['value'],
  },
  ema: {
    name: 'ema',
    description: 'Exponential moving average of the close, seeded with the SMA of the first period',
    params: [period('period', 20, 'bars; k = 2 / (period + 1)')],
    outputs: ['value'],
  },
  rsi: {
    name: 'rsi',
    description: "Wilder's relative strength index of the close",
    params: [period('period', 14, 'changes averaged')],
    outputs: ['value'],
  },
  macd: {
    name: 'macd',
    description: 'MACD of the close: fast EMA − slow EMA, its signal EMA and the histogram',
    params: [
      period('fast', 12, 'fast EMA'),
      period('slow', 26, 'slow EMA'),
      period('signal', 9, 'signal EMA'),
    ],
    outputs: ['macd', 'signal', 'histogram'],
  },
  bbands: {
    name: 'bbands',
    description: 'Bollinger Bands of the close: SMA ± k population standard deviations',
    params: [
      period('period', 20, 'bars'),
      { name: 'k', default: 2, min: 0, integer: false, description: 'standard deviations' },
    ],
    outputs: ['middle', 'upper', 'lower'],
  },
  atr: {
    name: 'atr',
    description: "Wilder's average true range",
    params: [period('period', 14, 'bars')],
    outputs: ['value'],
  },
  adx: {
    name: 'adx',
    description: "Wilder's average directional index with +DI and −DI",
    params: [period('period', 14, 'bars')],
    outputs: ['adx', 'plusDi', 'minusDi'],
  },
  willr: {
    name: 'willr',
    description: 'Williams %R, −100 … 0',
    params: [period('period', 14, 'bars')],
    outputs: ['value'],
  },
  stoch: {
    name: 'stoch',
    description: 'Slow stochastic oscillator: %K smoothed, %D',
    params: [
      period('k', 14, 'bars of the range'),
      period('smoothK', 3, 'SMA of the fast %K'),
      period('d', 3, 'SMA of the slow %K'),
    ],
    outputs: ['k', 'd'],
  },
  obv: {
    name: 'obv',
    description: 'On-balance volume, starting at the first volume',
    params: [],
    outputs: ['value'],
  },
  vwap: {
    name: 'vwap',
    description: 'Volume-weighted average of the typical price, cumulative or restarted every session',
    params: [
      {
        name: 'sessionHours',
        default: 0,
        min: 0,
        integer: false,
        description: 'session length in hours from 00:00 UTC; 0 = cumulative over the candles given',
      },
    ],
    outputs: ['value'],
  },
  vprofile: {
    name: 'vprofile',
    description:
      'Rolling volume profile: point of control and 70 % value area over the last `window` candles',
    params: [period('bins', 24, 'price bins'), period('window', 100, 'candles in the profile')],
    outputs: ['poc', 'valueAreaHigh', 'valueAreaLow'],
  },
};

function isIndicatorName(name: string): name is IndicatorName {
  return (INDICATOR_NAMES as readonly string[]).includes(name);
}

/**
 * Parses `name[:param[:param…]]`, e.g. `rsi:14`, `macd:12:26:9`, `bbands:20:2`, `stoch:14:3:3`,
 * `vprofile:24`. Parameters left out (from the right) take their defaults; names are case-insensitive.
 *
 * @throws IndicatorSpecError (a RangeError) on an unknown name, too many parameters, or a parameter that is
 *   not a number, not whole where it must be, or out of range.
 * @example
 * parseIndicatorSpec('macd'); // { name: 'macd:12:26:9', indicator: 'macd', params: [12, 26, 9] }
 */
export function parseIndicatorSpec(spec: string): IndicatorSpec {
  const parts = spec.trim().split(':');
  const indicator = (parts[0] as string).trim().toLowerCase();
  if (!isIndicatorName(indicator)) {
    throw new IndicatorSpecError(
      'unknown_indicator',
      `unknown indicator '${indicator}' in '${spec}'; known: ${INDICATOR_NAMES.join(', ')}`,
    );
  }
  const definition = INDICATORS[indicator];
  const given = parts.slice(1);
  if (given.length > definition.params.length) {
    throw new IndicatorSpecError(
      'invalid_params',
      `${indicator} takes at most ${definition.params.length} parameter(s) (${signature(definition)}), got '${spec}'`,
    );
  }
  const params = definition.params.map((param, i) => {
    const text = given[i];
    if (text === undefined) return param.default;
    const value = text.trim() === '' ? Number.NaN : Number(text);
    checkParam(definition, param, value, text);
    return value;
  });
  validateCombination(indicator, params);
  return { name: [indicator, ...params].join(':'), indicator, params };
}

function signature(definition: IndicatorDefinition): string {
  return [definition.name, ...definition.params.map((p) => p.name)].join(':');
}

function checkParam(
  definition: IndicatorDefinition,
  param: IndicatorParam,
  value: number,
  text: string,
): void {
  const where = `${param.name} of ${definition.name} (${signature(definition)})`;
  if (!Number.isFinite(value))
    throw new IndicatorSpecError('invalid_params', `${where} must be a number, got '${text}'`);
  if (param.integer && !Number.isInteger(value)) {
    throw new IndicatorSpecError('invalid_params', `${where} must be a whole number, got ${text}`);
  }
  const max = param.integer ? MAX_PERIOD : Number.MAX_VALUE;
  if (value < param.min || value > max) {
    throw new IndicatorSpecError(
      'invalid_params',
      `${where} must be from ${param.min} to ${max}, got ${text}`,
    );
  }
}

function validateCombination(indicator: IndicatorName, params: number[]): void {
  if (indicator === 'macd' && (params[0] as number) >= (params[1] as number)) {
    throw new IndicatorSpecError(
      'invalid_params',
      `macd's fast period (${params[0]}) must be shorter than its slow period (${params[1]})`,
    );
  }
}

function toSpec(spec: string | IndicatorSpec): IndicatorSpec {
  return typeof spec === 'string' ? parseIndicatorSpec(spec) : parseIndicatorSpec(spec.name);
}

/**
 * How many candles come before the first index at which every output of `spec` is defined.
 *
 * @throws IndicatorSpecError on a bad spec.
 */
export function indicatorWarmup(spec: string | IndicatorSpec): number {
  const { indicator, params: p } = toSpec(spec);
  const [a = 0, b = 0, c = 0] = p;
  switch (indicator) {
    case 'sma':
      return smaLookback(a);
    case 'ema':
      return emaLookback(a);
    case 'rsi':
      return rsiLookback(a);
    case 'macd':
      return macdLookback(a, b, c);
    case 'bbands':
      return bbandsLookback(a, b);
    case 'atr':
      return atrLookback(a);
    case 'adx':
      return adxLookback(a);
    case 'willr':
      return willrLookback(a);
    case 'stoch':
      return stochLookback(a, b, c);
    case 'obv':
    case 'vwap':
      return 0;
    case 'vprofile':
      return volumeProfileLookback(a, b);
  }
}

/** Candles as columns, checked to be finite numbers. */
interface Columns {
  time: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

function columns(candles: readonly Candle[]): Columns {
  const n = candles.length;
  const cols: Columns = {
    time: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i] as Candle;
    if (
      !Number.isFinite(c.time) ||
      !Number.isFinite(c.high) ||
      !Number.isFinite(c.low) ||
      !Number.isFinite(c.close) ||
      !Number.isFinite(c.volume)
    ) {
      throw new RangeError(`candle ${i} has a price, volume or time that is not a finite number`);
    }
    cols.time[i] = c.time;
    cols.high[i] = c.high;
    cols.low[i] = c.low;
    cols.close[i] = c.close;
    cols.volume[i] = c.volume;
  }
  return cols;
}

/**
 * Computes `spec` over `candles` (oldest first; the engine's `Candle`): one `Float64Array` per output,
 * aligned with the candles, NaN inside the warm-up. Close-based indicators read `close`.
 *
 * @throws IndicatorSpecError on a bad spec; RangeError when a candle holds a non-finite number.
 * @example
 * computeIndicator('bbands:20:2', candles).outputs.upper;
 */
export function computeIndicator(spec: string | IndicatorSpec, candles: readonly Candle[]): IndicatorSeries {
  const parsed = toSpec(spec);
  const { indicator, params: p } = parsed;
  const [a = 0, b = 0, c = 0] = p;
  const warmup = indicatorWarmup(parsed);
  const { time, high, low, close, volume } = columns(candles);
  let outputs: Record<string, Float64Array>;
  switch (indicator) {
    case 'sma':
      outputs = { value: sma(close, a) };
      break;
    case 'ema':
      outputs = { value: ema(close, a) };
      break;
    case 'rsi':
      outputs = { value: rsi(close, a) };
      break;
    case 'macd': {
      const r = macd(close, a, b, c);
      outputs = { macd: r.macd, signal: r.signal, histogram: r.histogram };
      break;
    }
    case 'bbands': {
      const r = bbands(close, a, b);
      outputs = { middle: r.middle, upper: r.upper, lower: r.lower };
      break;
    }
    case 'atr':
      outputs = { value: atr(high, low, close, a) };
      break;
    case 'adx': {
      const r = adx(high, low, close, a);
      outputs = { adx: r.adx, plusDi: r.plusDi, minusDi: r.minusDi };
      break;
    }
    case 'willr':
      outputs = { value: willr(high, low, close, a) };
      break;
    case 'stoch': {
      const r = stoch(high, low, close, a, b, c);
      outputs = { k: r.k, d: r.d };
      break;
    }
    case 'obv':
      outputs = { value: obv(close, volume) };
      break;
    case 'vwap':
      outputs = {
        value:
          a > 0
            ? vwap(high, low, close, volume, { time, length: a * 3_600_000 })
            : vwap(high, low, close, volume),
      };
      break;
    case 'vprofile': {
      const r = rollingVolumeProfile(high, low, volume, a, b);
      outputs = { poc: r.poc, valueAreaHigh: r.valueAreaHigh, valueAreaLow: r.valueAreaLow };
      break;
    }
  }
  return { ...parsed, warmup, outputs };
}

/**
 * The incremental form of `spec`: feed it closed candles one at a time; after the same candles its
 * {@link IndicatorStream.values} equal the last values of {@link computeIndicator}.
 *
 * @throws IndicatorSpecError on a bad spec.
 * @example
 * const rsi14 = createIndicator('rsi:14');
 * for (const candle of candles) rsi14.update(candle);
 * rsi14.values.value;
 */
export function createIndicator(spec: string | IndicatorSpec): IndicatorStream {
  const parsed = toSpec(spec);
  const { indicator, params: p } = parsed;
  const [a = 0, b = 0, c = 0] = p;
  const warmup = indicatorWarmup(parsed);
  let update: (candle: Candle) => number;
  let values: () => Record<string, number>;
  let ready: () => boolean;
  switch (indicator) {
    case 'sma':
    case 'ema':
    case 'rsi': {
      const x = indicator === 'sma' ? new Sma(a) : indicator === 'ema' ? new Ema(a) : new Rsi(a);
      update = (candle) => x.update(candle.close);
      values = () => ({ value: x.value });
      ready = () => x.ready;
      break;
    }
    case 'macd': {
      const x = new Macd(a, b, c);
      update = (candle) => x.update(candle.close);
      values = () => ({ macd: x.value, signal: x.signal, histogram: x.histogram });
      ready = () => x.ready;
      break;
    }
    case 'bbands': {
      const x = new Bbands(a, b);
      update = (candle) => x.update(candle.close);
      values = () => ({ middle: x.value, upper: x.upper, lower: x.lower });
      ready = () => x.ready;
      break;
    }
    case 'adx': {
      const x = new Adx(a);
      update = (candle) => x.update(candle);
      values = () => ({ adx: x.value, plusDi: x.plusDi, minusDi: x.minusDi });
      ready = () => x.ready;
      break;
    }
    case 'stoch': {
      const x = new Stoch(a, b, c);
      update = (candle) => x.update(candle);
      values = () => ({ k: x.value, d: x.d });
      ready = () => x.ready;
      break;
    }
    case 'vprofile': {
      const x = new RollingVolumeProfile(a, b);
      update = (candle) => x.update(candle);
      values = () => {
        const profile = x.profile;
        return {
          poc: x.value,
          valueAreaHigh: profile ? profile.valueAreaHigh : Number.NaN,
          valueAreaLow: profile ? profile.valueAreaLow : Number.NaN,
        };
      };
      ready = () => x.ready;
      break;
    }
    default: {
      const x =
        indicator === 'atr'
          ? new Atr(a)
          : indicator === 'willr'
            ? new Willr(a)
            : indicator === 'obv'
              ? new Obv()
              : new Vwap(a * 3_600_000);
      update = (candle) => x.update(candle);
      values = () => ({ value: x.value });
      ready = () => x.ready;
    }
  }
  return {
    ...parsed,
    warmup,
    update,
    get values() {
      return values();
    },
    get ready() {
      return ready();
    },
  };
}
