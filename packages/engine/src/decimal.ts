/**
 * Exact decimal arithmetic for money, prices and quantities.
 *
 * A {@link Decimal} is `mantissa × 10^-scale` with at most 18 fractional digits. Addition,
 * subtraction, comparison and quantizing are exact; multiplication is exact whenever the result
 * needs at most 18 fractional digits (a price with 8 decimals times a quantity with 8 decimals needs
 * 16) and is otherwise rounded; division always takes an explicit scale.
 *
 * Two internal forms, one behaviour. Most trading values are small (65010.5 is 650105 × 10^-1), so a
 * value whose mantissa fits a float exactly (|mantissa| < 2^53) is kept as a number and its scale,
 * and arithmetic on such values is plain float arithmetic on integers — exact, because every
 * intermediate is checked to stay below 2^53. Anything larger is kept as a `bigint` count of 10^-18
 * units and computed with bigint. Results are identical either way (property-tested against a
 * bigint reference); the fast form is about 8× quicker for a multiply-and-add, which is what lets
 * the paper matcher run well above 100,000 orders per second. Each value has exactly one form (the
 * fast one whenever it fits, without trailing zeros), so deep equality works as well as
 * {@link Decimal.eq}.
 *
 * Precision limits:
 * - at most {@link Decimal.MAX_SCALE} (18) fractional digits: enough for ETH's wei; more digits are
 *   rejected when parsing (`decimal_precision_exceeded`) and rounded by `mul`/`div`;
 * - the integer part is unbounded (bigint), so sums never overflow;
 * - the default rounding mode is `half-even` (banker's rounding: no bias over many roundings).
 *
 * @example
 * const notional = Decimal.from('65000.5').mul('0.25'); // '16250.125'
 * notional.mul('0.001', 8, 'half-up').toString();          // '16.250125'
 */

/** The number of fractional digits a {@link Decimal} can carry. */
const SCALE = 18;

/** Integers strictly inside ±2^53 are exact as floats, and so is any sum or product that stays inside. */
const LIMIT = 2 ** 53;
/** 10^0 … 10^22 are exact as floats. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const POW10N: readonly bigint[] = Array.from({ length: 2 * SCALE + 1 }, (_, i) => 10n ** BigInt(i));
const ONE_UNITS = 10n ** 18n;
const ZEROS = '0'.repeat(SCALE);
/** Powers of ten tried, largest first, when looking for the fewest digits that hold a value. */
const STRIP_STEPS: readonly number[] = [16, 8, 4, 2, 1];
/** No value at or beyond this many units (2^53 × 10^18) has a fast form. */
const FAST_UNITS_LIMIT = 2n ** 53n * 10n ** 18n;
/** The fast form marks a wide value with this scale. */
const WIDE = -1;

/**
 * How to round a result that does not fit the requested scale.
 * - `down`: toward zero (truncate); `up`: away from zero;
 * - `floor`: toward −∞; `ceil`: toward +∞;
 * - `half-up`: to nearest, ties away from zero; `half-even`: to nearest, ties to the even digit.
 */
export type RoundingMode = 'down' | 'up' | 'floor' | 'ceil' | 'half-up' | 'half-even';

/** Anything a {@link Decimal} can be made from. Strings are exact; numbers go through their shortest form. */
export type DecimalInput = Decimal | string | number | bigint;

/** Stable machine codes of {@link DecimalError}. */
export type DecimalErrorCode =
  | 'invalid_decimal'
  | 'decimal_precision_exceeded'
  | 'division_by_zero'
  | 'invalid_scale'
  | 'invalid_step';

/** A value could not be parsed or an operation is undefined (division by zero, a step of zero). */
export class DecimalError extends Error {
  override readonly name = 'DecimalError';
  constructor(
    readonly code: DecimalErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > SCALE) {
    throw new DecimalError('invalid_scale', `scale must be an integer from 0 to ${SCALE}, got ${scale}`);
  }
}

const fits = (x: number) => x < LIMIT && x > -LIMIT;

/**
 * `n / d` rounded with `mode`. bigint division truncates toward zero; the remainder decides the rest.
 * Exported for the engine's own hot paths; prefer the {@link Decimal} methods.
 * @internal
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const negative = n < 0n !== d < 0n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return negative ? q - 1n : q + 1n;
    case 'floor':
      return negative ? q - 1n : q;
    case 'ceil':
      return negative ? q : q + 1n;
    default: {
      const twice = (r < 0n ? -r : r) * 2n;
      const divisor = d < 0n ? -d : d;
      if (twice < divisor) return q;
      if (twice > divisor || mode === 'half-up' || q % 2n !== 0n) return negative ? q - 1n : q + 1n;
      return q;
    }
  }
}

/**
 * {@link divideRounded} on integers held in floats (|n|, |d| < 2^53). Exact: the remainder (`%` is
 * exact on floats) is taken off first, so the division itself has no remainder to round.
 */
function divideRoundedNumber(n: number, d: number, mode: RoundingMode): number {
  const r = n % d;
  const q = (n - r) / d;
  if (r === 0) return q;
  const negative = n < 0 !== d < 0;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return negative ? q - 1 : q + 1;
    case 'floor':
      return negative ? q - 1 : q;
    case 'ceil':
      return negative ? q : q + 1;
    default: {
      const twice = Math.abs(r) * 2;
      const divisor = Math.abs(d);
      if (twice < divisor) return q;
      if (twice > divisor || mode === 'half-up' || q % 2 !== 0) return negative ? q - 1 : q + 1;
      return q;
    }
  }
}

/**
 * An immutable exact decimal number (at most 18 fractional digits).
 *
 * @example
 * const price = Decimal.from('65000.10');
 * price.toString();                        // '65000.1'
 * price.mul('0.5').toString();             // '32500.05'
 * price.div('3', 2).toString();            // '21666.7' (2 decimals, half-even)
 * price.quantize('0.5').toString();        // '65000' (down to a multiple of the tick)
 */
export class Decimal {
  /** The most fractional digits a value can carry. */
  static readonly MAX_SCALE = SCALE;
  static readonly ZERO = new Decimal(0, 0, 0n);
  static readonly ONE = new Decimal(1, 0, 0n);

  /** Fast form: the mantissa, an integer with |m| < 2^53. */
  private readonly m: number;
  /** Fast form: fractional digits (0–18); {@link WIDE} for the wide form. */
  private readonly s: number;
  /** Wide form: the value × 10^18. */
  private readonly w: bigint;

  private constructor(m: number, s: number, w: bigint) {
    this.m = m;
    this.s = s;
    this.w = w;
  }

  /** The canonical fast form: no trailing fractional zeros, no negative zero. */
  private static fast(m: number, s: number): Decimal {
    if (m === 0) return Decimal.ZERO;
    let mantissa = m;
    let scale = s;
    // m / 10 is exact when m ends in 0, and never lands on an integer otherwise (below 2^53 the
    // nearest float to k + d/10 is at least 1/8 away from k); cheaper than a float `%`.
    while (scale > 0) {
      const tenth = mantissa / 10;
      if (tenth !== Math.trunc(tenth)) break;
      mantissa = tenth;
      scale--;
    }
    return new Decimal(mantissa, scale, 0n);
  }

  /** A wide value known not to fit the fast form. */
  private static wide(units: bigint): Decimal {
    return new Decimal(0, WIDE, units);
  }

  /**
   * Makes a decimal from a canonical string (`'0.5'`, `'-12'`, `'100.250'`), another decimal, a
   * bigint integer, or a number (through its shortest round-trip form, rounded half-even to 18
   * digits: `0.1` becomes exactly `'0.1'`). Strings are the exact way in; use them for money.
   * @throws {DecimalError} `invalid_decimal` for anything else (exponents, spaces, `'.5'`, `'1.'`,
   * `'+1'`, NaN, Infinity) and `decimal_precision_exceeded` for a string with non-zero digits past
   * the 18th decimal.
   */
  static from(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'string') return Decimal.parse(value);
    if (typeof value === 'number') return Decimal.fromNumber(value);
    if (typeof value === 'bigint') return Decimal.fromUnits(value * ONE_UNITS);
    throw new DecimalError('invalid_decimal', `not a decimal: ${String(value)}`);
  }

  /**
   * Parses a decimal string: an optional `-`, digits, and optionally `.` and more digits.
   * @throws {DecimalError} see {@link Decimal.from}.
   */
  static parse(text: string): Decimal {
    // A hand-written scan: parsing sits on every API request, and it beats a regex by about 2×.
    const length = text.length;
    const negative = length > 0 && text.charCodeAt(0) === 45; // '-'
    const start = negative ? 1 : 0;
    let dot = -1;
    for (let i = start; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === 46 && dot === -1)
        dot = i; // '.'
      else if (code < 48 || code > 57) {
        dot = -2;
        break;
      }
    }
    if (dot === -2 || length === start || dot === start || dot === length - 1) {
      throw new DecimalError('invalid_decimal', `not a decimal: ${JSON.stringify(text)}`);
    }
    let whole = text;
    let fraction = '';
    if (dot === -1) {
      if (negative) whole = text.slice(1);
    } else {
      whole = text.slice(start, dot);
      let end = length;
      while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--; // trailing zeros say nothing
      fraction = text.slice(dot + 1, end);
      if (fraction.length > SCALE) {
        throw new DecimalError(
          'decimal_precision_exceeded',
          `${text} has more than ${SCALE} fractional digits`,
        );
      }
    }
    const digits = fraction === '' ? whole : whole + fraction;
    if (digits.length <= 15) {
      const m = Number(digits);
      return Decimal.fast(negative ? -m : m, fraction.length);
    }
    const units = BigInt(digits + ZEROS.slice(fraction.length));
    return Decimal.fromUnits(negative ? -units : units);
  }

  /** Like {@link Decimal.from} but returns `undefined` instead of throwing. */
  static tryFrom(value: DecimalInput): Decimal | undefined {
    try {
      return Decimal.from(value);
    } catch {
      return undefined;
    }
  }

  /** A decimal from its count of 10^-18 units (the inverse of {@link Decimal.units}). */
  static fromUnits(units: bigint): Decimal {
    if (units === 0n) return Decimal.ZERO;
    // Past 2^53 × 10^18 no scale makes the mantissa fit; a value using all 18 decimals (most
    // quotients) cannot shrink either. Both skip the search.
    if (units >= FAST_UNITS_LIMIT || units <= -FAST_UNITS_LIMIT) return Decimal.wide(units);
    const small = units < 9_007_199_254_740_992n && units > -9_007_199_254_740_992n;
    if (!small && units % 10n !== 0n) return Decimal.wide(units);
    // Find the fewest fractional digits that hold the value; take the fast form if it fits.
    let n = units;
    let scale = SCALE;
    for (const k of STRIP_STEPS) {
      while (scale >= k && n % (POW10N[k] as bigint) === 0n) {
        n /= POW10N[k] as bigint;
        scale -= k;
      }
    }
    if (n < 9_007_199_254_740_992n && n > -9_007_199_254_740_992n) return Decimal.fast(Number(n), scale);
    return Decimal.wide(units);
  }

  /**
   * A decimal from a float, through its shortest round-trip decimal form (what `String(n)` shows),
   * rounded half-even to 18 fractional digits.
   * @throws {DecimalError} `invalid_decimal` for NaN and ±Infinity.
   */
  static fromNumber(value: number): Decimal {
    if (!Number.isFinite(value)) throw new DecimalError('invalid_decimal', `not a decimal: ${value}`);
    if (Number.isSafeInteger(value)) return Decimal.fast(value, 0);
    const [mantissa = '0', exponentText = '0'] = String(value).split('e');
    const negative = mantissa.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
    // digits × 10^(exponent − fraction length) is the value; shift it to units (×10^18).
    const shift = Number(exponentText) - fraction.length + SCALE;
    const digits = BigInt(`${whole}${fraction}`);
    const units =
      shift >= 0 ? digits * 10n ** BigInt(shift) : divideRounded(digits, 10n ** BigInt(-shift), 'half-even');
    return Decimal.fromUnits(negative ? -units : units);
  }

  /** The smaller of the values. */
  static min(first: DecimalInput, ...rest: DecimalInput[]): Decimal {
    let best = Decimal.from(first);
    for (const value of rest) {
      const candidate = Decimal.from(value);
      if (candidate.cmp(best) < 0) best = candidate;
    }
    return best;
  }

  /** The larger of the values. */
  static max(first: DecimalInput, ...rest: DecimalInput[]): Decimal {
    let best = Decimal.from(first);
    for (const value of rest) {
      const candidate = Decimal.from(value);
      if (candidate.cmp(best) > 0) best = candidate;
    }
    return best;
  }

  /** The exact sum of the values (zero for none). */
  static sum(values: Iterable<DecimalInput>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  /** `true` when `value` is a {@link Decimal}. */
  static isDecimal(value: unknown): value is Decimal {
    return value instanceof Decimal;
  }

  /** The value × 10^18, exactly. */
  get units(): bigint {
    return this.s === WIDE ? this.w : BigInt(this.m) * (POW10N[SCALE - this.s] as bigint);
  }

  /** Exact sum. */
  add(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    const s = this.s;
    const t = o.s;
    if (s === t && s !== WIDE) {
      const sum = this.m + o.m;
      if (fits(sum)) return Decimal.fast(sum, s);
    } else if (s !== WIDE && t !== WIDE) {
      const a = s < t ? this.m * (POW10[t - s] as number) : this.m;
      const b = t < s ? o.m * (POW10[s - t] as number) : o.m;
      const sum = a + b;
      if (fits(a) && fits(b) && fits(sum)) return Decimal.fast(sum, Math.max(s, t));
    }
    return Decimal.fromUnits(this.units + o.units);
  }

  /** Exact difference. */
  sub(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    const s = this.s;
    const t = o.s;
    if (s === t && s !== WIDE) {
      const difference = this.m - o.m;
      if (fits(difference)) return Decimal.fast(difference, s);
    } else if (s !== WIDE && t !== WIDE) {
      const a = s < t ? this.m * (POW10[t - s] as number) : this.m;
      const b = t < s ? o.m * (POW10[s - t] as number) : o.m;
      const difference = a - b;
      if (fits(a) && fits(b) && fits(difference)) return Decimal.fast(difference, Math.max(s, t));
    }
    return Decimal.fromUnits(this.units - o.units);
  }

  /**
   * The product, rounded to `scale` fractional digits with `mode`. Exact whenever the true product
   * has at most `scale` fractional digits.
   * @default scale 18, mode 'half-even'
   * @throws {DecimalError} `invalid_scale` unless 0 ≤ scale ≤ 18.
   */
  mul(other: DecimalInput, scale: number = SCALE, mode: RoundingMode = 'half-even'): Decimal {
    const o = Decimal.from(other);
    if (scale !== SCALE) checkScale(scale);
    if (this.s !== WIDE && o.s !== WIDE) {
      const product = this.m * o.m;
      if (fits(product)) {
        const digits = this.s + o.s;
        if (digits <= scale) return Decimal.fast(product, digits);
        if (digits - scale <= 15) {
          return Decimal.fast(divideRoundedNumber(product, POW10[digits - scale] as number, mode), scale);
        }
      }
    }
    const product = this.units * o.units; // scale 36
    const rounded = divideRounded(product, POW10N[2 * SCALE - scale] as bigint, mode);
    return Decimal.fromUnits(rounded * (POW10N[SCALE - scale] as bigint));
  }

  /**
   * The quotient, rounded to `scale` fractional digits with `mode`. The scale is required because
   * most quotients (1/3) have no exact decimal form.
   * @default mode 'half-even'
   * @throws {DecimalError} `division_by_zero`, or `invalid_scale` unless 0 ≤ scale ≤ 18.
   */
  div(other: DecimalInput, scale: number, mode: RoundingMode = 'half-even'): Decimal {
    const o = Decimal.from(other);
    if (o.isZero()) throw new DecimalError('division_by_zero', `cannot divide ${this.toString()} by zero`);
    checkScale(scale);
    if (this.s !== WIDE && o.s !== WIDE) {
      // this / o × 10^scale = (m × 10^shift) / n, shift = scale + o.s − this.s
      const shift = scale + o.s - this.s;
      if (shift <= 22 && shift >= -22) {
        const n = shift >= 0 ? this.m * (POW10[shift] as number) : this.m;
        const d = shift >= 0 ? o.m : o.m * (POW10[-shift] as number);
        if (fits(n) && fits(d)) return Decimal.fast(divideRoundedNumber(n, d, mode), scale);
        if (shift > 0 && fits(d)) {
          // Too many digits asked for the fast form, but the quotient may be exact with fewer
          // (an average price such as 130023.075 / 2): then no rounding is needed at any scale.
          const room = Math.min(shift, Math.floor(15 - Math.log10(Math.abs(this.m))));
          const wider = this.m * (POW10[room] as number);
          const digits = scale - shift + room;
          if (room >= 0 && digits >= 0 && fits(wider) && wider % d === 0)
            return Decimal.fast(wider / d, digits);
        }
      }
      // Same arithmetic on bigints: (m × 10^shift) / n at `scale` (an 18-digit average price).
      let numerator = BigInt(this.m);
      let denominator = BigInt(o.m);
      if (shift >= 0) numerator *= POW10N[shift] as bigint;
      else denominator *= POW10N[-shift] as bigint;
      const quotient = divideRounded(numerator, denominator, mode);
      return Decimal.fromUnits(scale === SCALE ? quotient : quotient * (POW10N[SCALE - scale] as bigint));
    }
    const quotient = divideRounded(this.units * (POW10N[scale] as bigint), o.units, mode);
    return Decimal.fromUnits(quotient * (POW10N[SCALE - scale] as bigint));
  }

  /**
   * `this × multiplier / divisor`, rounded once to `scale` digits: a pro-rata share (the cost of
   * part of a position) without the double rounding of `mul` then `div`.
   * @default mode 'half-even'
   * @throws {DecimalError} `division_by_zero`, `invalid_scale`.
   * @example Decimal.from('301').mulDiv('1', '3', 8).toString() // '100.33333333'
   */
  mulDiv(
    multiplier: DecimalInput,
    divisor: DecimalInput,
    scale: number,
    mode: RoundingMode = 'half-even',
  ): Decimal {
    const b = Decimal.from(multiplier);
    const c = Decimal.from(divisor);
    if (c.isZero()) throw new DecimalError('division_by_zero', `cannot divide ${this.toString()} by zero`);
    checkScale(scale);
    if (this.s !== WIDE && b.s !== WIDE) {
      const product = this.m * b.m;
      if (fits(product) && this.s + b.s <= SCALE)
        return Decimal.fast(product, this.s + b.s).div(c, scale, mode);
    }
    // this × b / c at `scale`: units × units / units × 10^(scale − 18)
    const numerator = this.units * b.units * (POW10N[scale] as bigint);
    const quotient = divideRounded(numerator, c.units * ONE_UNITS, mode);
    return Decimal.fromUnits(quotient * (POW10N[SCALE - scale] as bigint));
  }

  /** This value rounded to `scale` fractional digits. @default mode 'half-even' */
  round(scale: number, mode: RoundingMode = 'half-even'): Decimal {
    checkScale(scale);
    if (this.s !== WIDE) {
      if (this.s <= scale) return this;
      return Decimal.fast(divideRoundedNumber(this.m, POW10[this.s - scale] as number, mode), scale);
    }
    const factor = POW10N[SCALE - scale] as bigint;
    return Decimal.fromUnits(divideRounded(this.w, factor, mode) * factor);
  }

  /**
   * This value rounded to a multiple of `step` (a tick size or lot size).
   * @default mode 'down' (toward zero: never round a quantity up past what was asked for)
   * @throws {DecimalError} `invalid_step` unless step > 0.
   * @example Decimal.from('0.123456').quantize('0.0001').toString() // '0.1234'
   */
  quantize(step: DecimalInput, mode: RoundingMode = 'down'): Decimal {
    const stepUnits = Decimal.from(step).units;
    if (stepUnits <= 0n) throw new DecimalError('invalid_step', 'a step must be greater than zero');
    return Decimal.fromUnits(divideRounded(this.units, stepUnits, mode) * stepUnits);
  }

  /**
   * `true` when this value is an exact multiple of `step` (for example a price on the tick grid).
   * @throws {DecimalError} `invalid_step` unless step > 0.
   */
  isMultipleOf(step: DecimalInput): boolean {
    const o = Decimal.from(step);
    if (!o.isPositive()) throw new DecimalError('invalid_step', 'a step must be greater than zero');
    if (this.s !== WIDE && o.s !== WIDE) {
      const s = Math.max(this.s, o.s);
      const a = this.m * (POW10[s - this.s] as number);
      const b = o.m * (POW10[s - o.s] as number);
      if (fits(a) && fits(b)) return a % b === 0;
    }
    return this.units % o.units === 0n;
  }

  /** −this. */
  neg(): Decimal {
    return this.s === WIDE ? Decimal.wide(-this.w) : Decimal.fast(-this.m, this.s);
  }

  /** |this|. */
  abs(): Decimal {
    return this.isNegative() ? this.neg() : this;
  }

  /** −1, 0 or 1 as this value is below, equal to or above `other`. */
  cmp(other: DecimalInput): -1 | 0 | 1 {
    const o = Decimal.from(other);
    const s = this.s;
    const t = o.s;
    if (s !== WIDE && t !== WIDE) {
      let a = this.m;
      let b = o.m;
      // Scaling up the value with fewer digits: if that leaves the exact range, its magnitude
      // exceeds the other mantissa's, so its sign decides.
      if (s < t) {
        a *= POW10[t - s] as number;
        if (!fits(a)) return a > 0 ? 1 : -1;
      } else if (t < s) {
        b *= POW10[s - t] as number;
        if (!fits(b)) return b > 0 ? -1 : 1;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    }
    const a = this.units;
    const b = o.units;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalInput): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: DecimalInput): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: DecimalInput): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: DecimalInput): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: DecimalInput): boolean {
    return this.cmp(other) >= 0;
  }

  /** The smaller of this and `other`. */
  min(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    return o.cmp(this) < 0 ? o : this;
  }

  /** The larger of this and `other`. */
  max(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    return o.cmp(this) > 0 ? o : this;
  }

  isZero(): boolean {
    return this.s === WIDE ? this.w === 0n : this.m === 0;
  }

  isNegative(): boolean {
    return this.s === WIDE ? this.w < 0n : this.m < 0;
  }

  isPositive(): boolean {
    return this.s === WIDE ? this.w > 0n : this.m > 0;
  }

  /** −1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.isNegative() ? -1 : this.isPositive() ? 1 : 0;
  }

  /** The number of fractional digits of the canonical form (`'1.250'` → 2). */
  scale(): number {
    const text = this.toString();
    const dot = text.indexOf('.');
    return dot === -1 ? 0 : text.length - dot - 1;
  }

  /**
   * The canonical decimal string: no exponent, no trailing fractional zeros, no `-0`
   * (`'0.5'`, `'100'`, `'-0.001'`). This is the wire format.
   */
  toString(): string {
    let negative: boolean;
    let digits: string;
    let scale: number;
    if (this.s === WIDE) {
      negative = this.w < 0n;
      digits = (negative ? -this.w : this.w).toString();
      scale = SCALE;
    } else {
      negative = this.m < 0;
      digits = String(negative ? -this.m : this.m);
      scale = this.s;
    }
    if (scale > 0 && digits.length <= scale) digits = ZEROS.slice(0, scale + 1 - digits.length) + digits;
    const wholeLength = digits.length - scale;
    let end = digits.length;
    while (end > wholeLength && digits.charCodeAt(end - 1) === 48) end--;
    const text =
      end === wholeLength
        ? digits.slice(0, wholeLength)
        : `${digits.slice(0, wholeLength)}.${digits.slice(wholeLength, end)}`;
    return negative ? `-${text}` : text;
  }

  /** The canonical string, so `JSON.stringify` writes decimals as strings. */
  toJSON(): string {
    return this.toString();
  }

  /** Exactly `digits` fractional digits, rounded with `mode`. @default mode 'half-even' */
  toFixed(digits: number, mode: RoundingMode = 'half-even'): string {
    const text = this.round(digits, mode).toString();
    if (digits === 0) return text;
    const dot = text.indexOf('.');
    const present = dot === -1 ? 0 : text.length - dot - 1;
    return `${text}${dot === -1 ? '.' : ''}${'0'.repeat(digits - present)}`;
  }

  /** The nearest float: for display and indicators only, never for money. */
  toNumber(): number {
    return Number(this.toString());
  }
}
