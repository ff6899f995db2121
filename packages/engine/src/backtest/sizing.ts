import { Decimal } from '../decimal';
import type { PaperSettings } from '../paper/config';
import type { Sizing, SizingInput } from './types';

/**
 * The most lots `cash` pays for at `price`, the paper venue's slippage and taker fee included:
 * `floor(cash / (price × (1 + slippage) × (1 + takerFee)) / lot) × lot`. What `all-in` trades and
 * what caps every opening order (no leverage).
 */
export function affordableQuantity(
  cash: Decimal,
  price: Decimal,
  lot: Decimal,
  settings: PaperSettings,
): Decimal {
  if (!cash.isPositive() || !price.isPositive()) return Decimal.ZERO;
  const unit = price
    .mul(Decimal.ONE.add(settings.slippage), Decimal.MAX_SCALE, 'ceil')
    .mul(Decimal.ONE.add(settings.takerFeeRate.max(0)), Decimal.MAX_SCALE, 'ceil');
  return cash.div(unit, Decimal.MAX_SCALE, 'floor').quantize(lot, 'down');
}

/**
 * Base units an opening order trades under `sizing`, rounded down to `lot` and capped at
 * {@link affordableQuantity}; zero means the order is skipped.
 */
export function sizeOrder(
  sizing: Sizing,
  input: SizingInput,
  cash: Decimal,
  price: Decimal,
  lot: Decimal,
  settings: PaperSettings,
): Decimal {
  const cap = affordableQuantity(cash, price, lot, settings);
  let wanted: Decimal;
  switch (sizing.kind) {
    case 'all-in':
      return cap;
    case 'units':
      wanted = Decimal.from(sizing.units);
      break;
    case 'fraction':
      wanted = toDecimal((sizing.fraction * input.equity) / input.price);
      break;
    case 'custom':
      wanted = toDecimal(sizing.size(input));
      break;
  }
  const quantity = wanted.quantize(lot, 'down');
  if (!quantity.isPositive()) return Decimal.ZERO;
  return quantity.min(cap);
}

function toDecimal(value: number): Decimal {
  return Number.isFinite(value) && value > 0 ? Decimal.fromNumber(value) : Decimal.ZERO;
}
