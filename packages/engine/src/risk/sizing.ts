import { Decimal, DecimalError, type DecimalInput } from '../decimal';
import { RiskConfigError } from './errors';

/** Digits kept by the sizing fractions (they are rounded down, so sizing never exceeds the formula). */
const FRACTION_SCALE = 12;

function parse(field: string, value: DecimalInput): Decimal {
  try {
    return Decimal.from(value);
  } catch (error) {
    if (error instanceof DecimalError)
      throw new RiskConfigError('invalid_sizing_input', field, `${field}: ${error.message}`);
    throw error;
  }
}

function positive(field: string, value: DecimalInput): Decimal {
  const decimal = parse(field, value);
  if (!decimal.isPositive())
    throw new RiskConfigError(
      'invalid_sizing_input',
      field,
      `${field} must be greater than zero, got ${decimal}`,
    );
  return decimal;
}

function nonNegative(field: string, value: DecimalInput): Decimal {
  const decimal = parse(field, value);
  if (decimal.isNegative())
    throw new RiskConfigError('invalid_sizing_input', field, `${field} cannot be negative, got ${decimal}`);
  return decimal;
}

/**
 * `quantity` rounded down to a multiple of `lotSize` (never up: a size is a ceiling).
 * @throws {RiskConfigError} `invalid_sizing_input` unless lotSize > 0.
 * @example roundDownToLot('0.123456', '0.001').toString() // '0.123'
 */
export function roundDownToLot(quantity: DecimalInput, lotSize: DecimalInput): Decimal {
  const lot = positive('lotSize', lotSize);
  const rounded = Decimal.from(quantity).quantize(lot, 'down');
  return rounded.isNegative() ? Decimal.ZERO : rounded;
}

/**
 * Base units worth `fraction` of `equity` at `price`, rounded down to the lot: `⌊equity × fraction /
 * price / lot⌋ × lot`. Zero when the fraction or the equity is not positive.
 * @example quantityForFraction({ equity: '10000', fraction: '0.1', price: '65000', lotSize: '0.0001' }) // 0.0153
 */
export function quantityForFraction(input: {
  equity: DecimalInput;
  fraction: DecimalInput;
  price: DecimalInput;
  lotSize: DecimalInput;
}): Decimal {
  const price = positive('price', input.price);
  const lot = positive('lotSize', input.lotSize);
  const budget = parse('equity', input.equity).mul(
    parse('fraction', input.fraction),
    Decimal.MAX_SCALE,
    'floor',
  );
  if (!budget.isPositive()) return Decimal.ZERO;
  return budget.div(price, Decimal.MAX_SCALE, 'floor').quantize(lot, 'down');
}

/**
 * Fixed-fraction sizing. Without a stop: `fraction` of equity goes into the position
 * ({@link quantityForFraction}). With `stopDistance` (entry − stop, in quote per unit): the position
 * loses `fraction` of equity if the stop is hit, `equity × fraction / stopDistance` units. Rounded
 * down to the lot.
 * @example
 * fixedFractionQuantity({ equity: '10000', fraction: '0.01', price: '65000', stopDistance: '1300', lotSize: '0.0001' })
 * // 0.0769 (1 % of equity = 100 USDT at risk, 1,300 USDT a unit to the stop)
 */
export function fixedFractionQuantity(input: {
  equity: DecimalInput;
  fraction: DecimalInput;
  price: DecimalInput;
  lotSize: DecimalInput;
  stopDistance?: DecimalInput;
}): Decimal {
  const fraction = nonNegative('fraction', input.fraction);
  if (fraction.gt(1))
    throw new RiskConfigError(
      'invalid_sizing_input',
      'fraction',
      `fraction must be from 0 to 1, got ${fraction}`,
    );
  if (input.stopDistance === undefined) return quantityForFraction({ ...input, fraction });
  positive('price', input.price);
  const lot = positive('lotSize', input.lotSize);
  const risk = parse('equity', input.equity).mul(fraction, Decimal.MAX_SCALE, 'floor');
  if (!risk.isPositive()) return Decimal.ZERO;
  return risk
    .div(positive('stopDistance', input.stopDistance), Decimal.MAX_SCALE, 'floor')
    .quantize(lot, 'down');
}

/**
 * The Kelly fraction `p − (1 − p) / b` for win rate `p` and payoff ratio `b` (average win ÷ average
 * loss), rounded down to 12 digits; negative when the edge is negative.
 * @throws {RiskConfigError} `invalid_sizing_input` unless 0 ≤ winRate ≤ 1 and payoffRatio > 0.
 * @example kellyFraction('0.55', '1.5').toString() // '0.25'
 */
export function kellyFraction(winRate: DecimalInput, payoffRatio: DecimalInput): Decimal {
  const p = nonNegative('winRate', winRate);
  if (p.gt(1))
    throw new RiskConfigError('invalid_sizing_input', 'winRate', `winRate must be from 0 to 1, got ${p}`);
  const b = positive('payoffRatio', payoffRatio);
  return p.sub(Decimal.ONE.sub(p).div(b, FRACTION_SCALE, 'ceil'));
}

/**
 * Half of the {@link kellyFraction}, clamped at 0 (no edge, no position): the usual practical
 * choice, about three quarters of full Kelly's growth at half its volatility.
 * @example halfKellyFraction('0.55', '1.5').toString() // '0.125'
 * @example halfKellyFraction('0.4', '1').toString()    // '0' (negative edge)
 */
export function halfKellyFraction(winRate: DecimalInput, payoffRatio: DecimalInput): Decimal {
  const kelly = kellyFraction(winRate, payoffRatio);
  return kelly.isPositive() ? kelly.div(2, FRACTION_SCALE, 'floor') : Decimal.ZERO;
}

/**
 * Volatility targeting: the fraction of equity that makes the position's volatility the target,
 * `targetVolatility / assetVolatility` (both annualised, same units), capped at `maxFraction`.
 * @throws {RiskConfigError} `invalid_sizing_input` unless both volatilities are > 0.
 * @default maxFraction 1 (no leverage)
 * @example volatilityTargetFraction('0.2', '0.8').toString() // '0.25'
 */
export function volatilityTargetFraction(
  targetVolatility: DecimalInput,
  assetVolatility: DecimalInput,
  maxFraction: DecimalInput = 1,
): Decimal {
  const target = positive('targetVolatility', targetVolatility);
  const asset = positive('assetVolatility', assetVolatility);
  const cap = nonNegative('maxFraction', maxFraction);
  return target.div(asset, FRACTION_SCALE, 'floor').min(cap);
}
