import { Ema, type EmaSeed, emaInto } from './moving-averages';
import { assertPeriod } from './params';
import type { IncrementalIndicator } from './types';

/** The three MACD series, aligned with the input. */
export interface MacdOutput {
  /** Fast EMA − slow EMA. */
  macd: Float64Array;
  /** EMA of `macd` over the signal period. */
  signal: Float64Array;
  /** `macd − signal`. */
  histogram: Float64Array;
}

function checkMacd(fast: number, slow: number, signal: number): void {
  assertPeriod('fast', fast);
  assertPeriod('slow', slow);
  assertPeriod('signal', signal);
  if (fast >= slow) throw new RangeError(`fast (${fast}) must be shorter than slow (${slow})`);
}

/**
 * Index of the first MACD values: `(slow − 1) + (signal − 1)` with TA-Lib's seeding, `slow − 1` when the
 * EMAs are seeded with the first value (the book's convention).
 */
export function macdLookback(fast: number, slow: number, signal: number, seed: EmaSeed = 'sma'): number {
  checkMacd(fast, slow, signal);
  return seed === 'first' ? slow - 1 : slow - 1 + signal - 1;
}

/**
 * Moving average convergence/divergence, aligned as TA-Lib aligns it: both EMAs get their first value at
 * index `slow − 1` (the fast one seeded with the mean of the `fast` values ending there, the slow one with
 * the mean of the first `slow`), the signal EMA is seeded with the mean of the first `signal` MACD values,
 * and all three outputs start together at {@link macdLookback}. With `seed: 'first'` every EMA starts from
 * its first input instead (Achelis's book) and the outputs start at `slow − 1`.
 *
 * @throws RangeError when a period is not a whole number ≥ 1 or `fast ≥ slow`.
 * @example
 * const { macd: line, signal, histogram } = macd(closes, 12, 26, 9); // first values at index 33
 */
export function macd(
  values: ArrayLike<number>,
  fast: number,
  slow: number,
  signal: number,
  seed: EmaSeed = 'sma',
): MacdOutput {
  const lookback = macdLookback(fast, slow, signal, seed);
  const n = values.length;
  const line = new Float64Array(n);
  const sig = new Float64Array(n);
  const hist = new Float64Array(n);
  if (n > lookback) {
    // The slow EMA goes into `line`, the fast one into `hist`; both are defined from slow − 1 on.
    const start = slow - 1;
    if (seed === 'first') {
      emaInto(values, 0, n, slow, seed, line);
      emaInto(values, 0, n, fast, seed, hist);
    } else {
      emaInto(values, 0, n, slow, seed, line);
      emaInto(values, slow - fast, n, fast, seed, hist);
    }
    for (let i = start; i < n; i++) line[i] = (hist[i] as number) - (line[i] as number);
    emaInto(line, start, n, signal, seed, sig);
    for (let i = lookback; i < n; i++) hist[i] = (line[i] as number) - (sig[i] as number);
  }
  const end = Math.min(n, lookback);
  line.fill(Number.NaN, 0, end);
  sig.fill(Number.NaN, 0, end);
  hist.fill(Number.NaN, 0, end);
  return { macd: line, signal: sig, histogram: hist };
}

/** Incremental {@link macd}; {@link update} returns the MACD line. */
export class Macd implements IncrementalIndicator<number> {
  readonly fast: number;
  readonly slow: number;
  readonly signalPeriod: number;
  readonly seed: EmaSeed;
  readonly lookback: number;
  readonly #fastEma: Ema;
  readonly #slowEma: Ema;
  readonly #signalEma: Ema;
  readonly #skip: number;
  #count = 0;
  #macd = Number.NaN;
  #signal = Number.NaN;

  constructor(fast = 12, slow = 26, signal = 9, seed: EmaSeed = 'sma') {
    this.lookback = macdLookback(fast, slow, signal, seed);
    this.fast = fast;
    this.slow = slow;
    this.signalPeriod = signal;
    this.seed = seed;
    this.#fastEma = new Ema(fast, seed);
    this.#slowEma = new Ema(slow, seed);
    this.#signalEma = new Ema(signal, seed);
    // TA-Lib's alignment: the fast EMA sees only the `fast` values ending where the slow one starts.
    this.#skip = seed === 'first' ? 0 : slow - fast;
  }

  update(value: number): number {
    const count = this.#count++;
    const slowValue = this.#slowEma.update(value);
    const fastValue = count >= this.#skip ? this.#fastEma.update(value) : Number.NaN;
    if (count >= this.slow - 1) {
      const line = fastValue - slowValue;
      const signal = this.#signalEma.update(line);
      if (this.#signalEma.ready) {
        this.#macd = line;
        this.#signal = signal;
      }
    }
    return this.#macd;
  }

  get value(): number {
    return this.#macd;
  }

  get signal(): number {
    return this.#signal;
  }

  get histogram(): number {
    return this.#macd - this.#signal;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}
