/**
 * The maximum (or minimum) of the last `period` values pushed, in O(1) amortised per push: a monotonic
 * deque of the positions that can still become the extreme, in a ring buffer of `period` slots.
 */
export class RollingExtreme {
  readonly #period: number;
  readonly #values: Float64Array;
  readonly #positions: Float64Array;
  readonly #sign: number;
  #head = 0;
  #size = 0;
  #count = 0;

  /** @param kind `'max'` for the highest value of the window, `'min'` for the lowest. */
  constructor(period: number, kind: 'max' | 'min') {
    this.#period = period;
    this.#values = new Float64Array(period);
    this.#positions = new Float64Array(period);
    this.#sign = kind === 'max' ? 1 : -1;
  }

  /** Pushes the next value and returns the extreme of the last `period` values (fewer at the start). */
  push(value: number): number {
    const p = this.#period;
    const v = value * this.#sign;
    const position = this.#count++;
    // Drop the front when it has left the window.
    if (this.#size > 0 && (this.#positions[this.#head] as number) <= position - p) {
      this.#head = (this.#head + 1) % p;
      this.#size--;
    }
    // Drop from the back every value the new one dominates (ties: the newer one lives longer).
    while (this.#size > 0) {
      const back = (this.#head + this.#size - 1) % p;
      if ((this.#values[back] as number) > v) break;
      this.#size--;
    }
    const slot = (this.#head + this.#size) % p;
    this.#values[slot] = v;
    this.#positions[slot] = position;
    this.#size++;
    return (this.#values[this.#head] as number) * this.#sign;
  }
}
