import type { Candle } from '../market/types';

/** The prices of one bar that range-based indicators (ATR, ADX, %R, stochastic) read. */
export type PriceBar = Pick<Candle, 'high' | 'low' | 'close'>;

/** A bar with its volume, for OBV, VWAP and the volume profile. */
export type VolumeBar = Pick<Candle, 'high' | 'low' | 'close' | 'volume'>;

/**
 * An indicator fed one input at a time, O(1) per update (amortised for the rolling extremes of %R and
 * the stochastic). After the same inputs it gives the same values as its batch function.
 */
export interface IncrementalIndicator<Input> {
  /** Feeds the next input (oldest first) and returns the main output: NaN while warming up. */
  update(input: Input): number;
  /** The main output after the last update; NaN while warming up. */
  readonly value: number;
  /** True once the main output is defined. */
  readonly ready: boolean;
  /** How many inputs went in before the first value (the batch function's lookback). */
  readonly lookback: number;
}
