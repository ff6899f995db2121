/**
 * How a cross is read from the difference `d = a − b` of two series:
 * - `'carry'` (backtrader's `CrossOver`): a zero difference keeps the previous non-zero one, so a
 *   touch followed by a move through counts as a cross;
 * - `'strict'` (backtesting.py's `crossover`): `a` was strictly below `b` on the previous bar and is
 *   strictly above it now (or the reverse).
 */
export type CrossRule = 'carry' | 'strict';

/**
 * Detects crosses of one series over another, one bar at a time, O(1) and allocation-free.
 * `update` returns +1 when `a` crosses above `b`, −1 when it crosses below, 0 otherwise. Bars where
 * either value is not finite (indicator warm-up) are skipped; the first bar with both values only
 * seeds the previous difference, so no cross is reported before two defined bars.
 */
export class Crossover {
  readonly rule: CrossRule;
  #previous = Number.NaN;

  constructor(rule: CrossRule = 'carry') {
    this.rule = rule;
  }

  update(a: number, b: number): -1 | 0 | 1 {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return 0;
    const d = a - b;
    const previous = this.#previous;
    if (Number.isNaN(previous)) {
      this.#previous = d;
      return 0;
    }
    if (this.rule === 'strict' || d !== 0) this.#previous = d;
    if (previous < 0 && d > 0) return 1;
    if (previous > 0 && d < 0) return -1;
    return 0;
  }
}
