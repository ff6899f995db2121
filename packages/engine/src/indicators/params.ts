/** The largest period any indicator accepts (TA-Lib's limit). */
export const MAX_PERIOD = 100_000;

/**
 * Checks that `value` is a whole number in `[min, MAX_PERIOD]`.
 *
 * @throws RangeError naming the parameter when it is not.
 */
export function assertPeriod(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min || value > MAX_PERIOD) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${MAX_PERIOD}, got ${value}`);
  }
}

/**
 * Checks that `value` is a finite number `>= 0`.
 *
 * @throws RangeError naming the parameter when it is not.
 */
export function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * Checks that every input series has the length of the first one; returns that length.
 *
 * @throws RangeError when they differ.
 */
export function sameLength(...series: ArrayLike<number>[]): number {
  const n = (series[0] as ArrayLike<number>).length;
  for (const s of series) {
    if (s.length !== n) throw new RangeError(`input series differ in length (${n} and ${s.length})`);
  }
  return n;
}

/** A `Float64Array` of length `n` filled with NaN up to (not including) index `until`. */
export function output(n: number, until: number): Float64Array {
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(n, until));
  return out;
}
