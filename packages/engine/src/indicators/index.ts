export { Bbands, type BbandsOutput, bbands, bbandsLookback } from './bollinger';
export { Adx, type AdxOutput, adx, adxLookback, diLookback } from './directional';
export { Macd, type MacdOutput, macd, macdLookback } from './macd';
export { Ema, type EmaSeed, ema, emaLookback, Sma, sma, smaLookback } from './moving-averages';
export { MAX_PERIOD } from './params';
export {
  Stoch,
  type StochOutput,
  stoch,
  stochLookback,
  Willr,
  willr,
  willrLookback,
} from './range-oscillators';
export {
  computeIndicator,
  createIndicator,
  INDICATOR_NAMES,
  INDICATORS,
  type IndicatorDefinition,
  type IndicatorName,
  type IndicatorParam,
  type IndicatorSeries,
  type IndicatorSpec,
  IndicatorSpecError,
  type IndicatorSpecErrorCode,
  type IndicatorStream,
  indicatorWarmup,
  parseIndicatorSpec,
} from './registry';
export { RollingExtreme } from './rolling-extremes';
export { Rsi, rsi, rsiLookback } from './rsi';
export { Atr, atr, atrLookback, trueRange } from './true-range';
export type { IncrementalIndicator, PriceBar, VolumeBar } from './types';
export { Obv, obv, obvLookback, Vwap, type VwapSession, vwap, vwapLookback } from './volume';
export {
  RollingVolumeProfile,
  rollingVolumeProfile,
  VALUE_AREA,
  type VolumeProfile,
  type VolumeProfileSeries,
  volumeProfile,
  volumeProfileLookback,
} from './volume-profile';
