import { assertPeriod, output } from './params';
import type { IncrementalIndicator, VolumeBar } from './types';

/** Share of the volume the value area holds (the usual 70 %). */
export const VALUE_AREA = 0.7;

/** The volume traded at each price band of a window of candles. */
export interface VolumeProfile {
  /** Lowest low of the window: the bottom of bin 0. */
  low: number;
  /** Highest high of the window: the top of the last bin. */
  high: number;
  /** `(high − low) / bins`; 0 when every price of the window is the same (all volume is then in bin 0). */
  binSize: number;
  /** Volume per bin; bin `i` covers `[low + i · binSize, low + (i + 1) · binSize)`, the last one closed. */
  volume: Float64Array;
  /** Total volume of the window (the sum of {@link volume}). */
  totalVolume: number;
  /** Point of control: the middle of the bin with the most volume (the lowest such bin on a tie). */
  poc: number;
  /** Top of the value area: the bins around the point of control holding {@link VALUE_AREA} of the volume. */
  valueAreaHigh: number;
  /** Bottom of the value area. */
  valueAreaLow: number;
}

/** The per-candle series of a rolling volume profile, aligned with the input. */
export interface VolumeProfileSeries {
  poc: Float64Array;
  valueAreaHigh: Float64Array;
  valueAreaLow: Float64Array;
}

/** Bars of a window, oldest first, read as `bars[(start + j) % capacity]` for `j < count`. */
interface Window {
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  volume: ArrayLike<number>;
  start: number;
  count: number;
  capacity: number;
}

/** Index of the first rolling volume-profile value: `window − 1`. */
export function volumeProfileLookback(bins: number, window: number): number {
  assertPeriod('bins', bins);
  assertPeriod('window', window);
  return window - 1;
}

/**
 * The volume profile of `candles` (the whole array is the window): each candle's volume is spread evenly
 * over its `[low, high]` range (all of it in one bin when `low = high`), into `bins` equal price bins
 * between the window's lowest low and highest high. The value area grows from the point of control one bin
 * at a time towards the side whose next bin traded more (both sides on a tie) until it holds
 * {@link VALUE_AREA} of the volume.
 *
 * @throws RangeError when `bins` is not a whole number ≥ 1 or there are no candles.
 * @example
 * const profile = volumeProfile(lastDay, 24); // profile.poc, profile.valueAreaLow … valueAreaHigh
 */
export function volumeProfile(candles: readonly VolumeBar[], bins = 24): VolumeProfile {
  assertPeriod('bins', bins);
  const n = candles.length;
  if (n === 0) throw new RangeError('a volume profile needs at least one candle');
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candles[i] as VolumeBar;
    high[i] = c.high;
    low[i] = c.low;
    volume[i] = c.volume;
  }
  const profile = emptyProfile(bins);
  profileOf({ high, low, volume, start: 0, count: n, capacity: n }, profile);
  return profile;
}

/**
 * The rolling volume profile's point of control and value area over the last `window` candles, for each
 * candle from index `window − 1` on. O(window) per candle.
 *
 * @throws RangeError when `bins` or `window` is not a whole number ≥ 1, or the series differ in length.
 */
export function rollingVolumeProfile(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  volume: ArrayLike<number>,
  bins: number,
  window: number,
): VolumeProfileSeries {
  const lookback = volumeProfileLookback(bins, window);
  const n = high.length;
  if (low.length !== n || volume.length !== n) throw new RangeError('input series differ in length');
  const out: VolumeProfileSeries = {
    poc: output(n, lookback),
    valueAreaHigh: output(n, lookback),
    valueAreaLow: output(n, lookback),
  };
  const profile = emptyProfile(bins);
  for (let i = lookback; i < n; i++) {
    profileOf({ high, low, volume, start: i - lookback, count: window, capacity: n }, profile);
    out.poc[i] = profile.poc;
    out.valueAreaHigh[i] = profile.valueAreaHigh;
    out.valueAreaLow[i] = profile.valueAreaLow;
  }
  return out;
}

/** Incremental {@link rollingVolumeProfile}, fed candles; {@link update} returns the point of control. */
export class RollingVolumeProfile implements IncrementalIndicator<VolumeBar> {
  readonly bins: number;
  readonly window: number;
  readonly lookback: number;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #volume: Float64Array;
  readonly #profile: VolumeProfile;
  #count = 0;

  constructor(bins = 24, window = 100) {
    this.lookback = volumeProfileLookback(bins, window);
    this.bins = bins;
    this.window = window;
    this.#high = new Float64Array(window);
    this.#low = new Float64Array(window);
    this.#volume = new Float64Array(window);
    this.#profile = emptyProfile(bins);
  }

  update(bar: VolumeBar): number {
    const slot = this.#count++ % this.window;
    this.#high[slot] = bar.high;
    this.#low[slot] = bar.low;
    this.#volume[slot] = bar.volume;
    if (this.ready) {
      const start = this.#count % this.window;
      profileOf(
        {
          high: this.#high,
          low: this.#low,
          volume: this.#volume,
          start,
          count: this.window,
          capacity: this.window,
        },
        this.#profile,
      );
    }
    return this.value;
  }

  get value(): number {
    return this.ready ? this.#profile.poc : Number.NaN;
  }

  /** The profile of the current window (reused between updates: copy what you keep); null while warming. */
  get profile(): Readonly<VolumeProfile> | null {
    return this.ready ? this.#profile : null;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}

function emptyProfile(bins: number): VolumeProfile {
  return {
    low: Number.NaN,
    high: Number.NaN,
    binSize: 0,
    volume: new Float64Array(bins),
    totalVolume: 0,
    poc: Number.NaN,
    valueAreaHigh: Number.NaN,
    valueAreaLow: Number.NaN,
  };
}

/** Fills `profile` (its `volume` array is reused) with the profile of `w`. */
function profileOf(w: Window, profile: VolumeProfile): void {
  const bins = profile.volume.length;
  const volume = profile.volume;
  volume.fill(0);
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < w.count; j++) {
    const i = (w.start + j) % w.capacity;
    const l = w.low[i] as number;
    const h = w.high[i] as number;
    if (l < lowest) lowest = l;
    if (h > highest) highest = h;
  }
  const size = (highest - lowest) / bins;
  let total = 0;
  for (let j = 0; j < w.count; j++) {
    const i = (w.start + j) % w.capacity;
    const l = w.low[i] as number;
    const h = w.high[i] as number;
    const v = w.volume[i] as number;
    total += v;
    if (size === 0) {
      volume[0] = (volume[0] as number) + v;
      continue;
    }
    const first = binOf(l, lowest, size, bins);
    const last = binOf(h, lowest, size, bins);
    if (first === last || h === l) {
      volume[first] = (volume[first] as number) + v;
      continue;
    }
    const perPrice = v / (h - l);
    for (let b = first; b <= last; b++) {
      const bottom = b === first ? l : lowest + b * size;
      const top = b === last ? h : lowest + (b + 1) * size;
      volume[b] = (volume[b] as number) + perPrice * (top - bottom);
    }
  }
  let poc = 0;
  for (let b = 1; b < bins; b++) if ((volume[b] as number) > (volume[poc] as number)) poc = b;
  // Grow the value area from the point of control.
  let below = poc;
  let above = poc;
  let inside = volume[poc] as number;
  const target = VALUE_AREA * total;
  while (inside < target && (below > 0 || above < bins - 1)) {
    const down = below > 0 ? (volume[below - 1] as number) : -1;
    const up = above < bins - 1 ? (volume[above + 1] as number) : -1;
    if (up >= down) inside += volume[++above] as number;
    if (down >= up) inside += volume[--below] as number;
  }
  profile.low = lowest;
  profile.high = highest;
  profile.binSize = size;
  profile.totalVolume = total;
  profile.poc = lowest + (poc + 0.5) * size;
  profile.valueAreaLow = lowest + below * size;
  profile.valueAreaHigh = size === 0 ? highest : lowest + (above + 1) * size;
}

function binOf(price: number, lowest: number, size: number, bins: number): number {
  const b = Math.floor((price - lowest) / size);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}
