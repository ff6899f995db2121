import { Decimal, type RoundingMode } from '@sigmax/engine';

/**
 * Significant digits a float holds reliably. Digits past them are noise of binary arithmetic, such as
 * the 4 in `0.1 + 0.2 = 0.30000000000000004`, and are dropped before formatting.
 */
const FLOAT_DIGITS = 15;

/**
 * A market-data number (the feeds use floats: they serve charts and indicators, not the ledger) as a
 * decimal string for the wire: float noise removed, rounded to `decimals` places (at most 18), in the
 * canonical form of {@link Decimal.toString} (no exponent, no trailing zeros).
 *
 * @throws {RangeError} for NaN and ±Infinity.
 * @default mode 'half-even'
 * @example
 * formatDecimal(0.1 + 0.2, 2);  // '0.3'
 * formatDecimal(1e-8, 8);       // '0.00000001'
 * formatDecimal(29358.3, 2);    // '29358.3'
 */
export function formatDecimal(value: number, decimals: number, mode: RoundingMode = 'half-even'): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value} as a decimal`);
  const places = Math.min(Math.max(0, Math.trunc(decimals)), Decimal.MAX_SCALE);
  const clean = value === 0 ? 0 : Number(value.toPrecision(FLOAT_DIGITS));
  return Decimal.fromNumber(clean).round(places, mode).toString();
}

/** A price of a market, to its `pricePrecision`. */
export function formatPrice(value: number, market: { pricePrecision: number }): string {
  return formatDecimal(value, market.pricePrecision);
}

/** A quantity of a market's base asset, to its `amountPrecision`. */
export function formatQuantity(value: number, market: { amountPrecision: number }): string {
  return formatDecimal(value, market.amountPrecision);
}

/** A time in milliseconds since the epoch, as an ISO 8601 string in UTC. */
export function formatTime(time: number): string {
  return new Date(time).toISOString();
}
