import { Decimal } from '../decimal';
import type { PaperSettings } from '../paper/config';
import { halfKellyFraction, volatilityTargetFraction } from '../risk/sizing';
import type { RiskSizing, Sizing, SizingInput } from './types';

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
    case 'risk':
      wanted = toDecimal((riskFraction(sizing, input) * input.equity) / input.price);
      break;
  }
  const quantity = wanted.quantize(lot, 'down');
  if (!quantity.isPositive()) return Decimal.ZERO;
  return quantity.min(cap);
}

function toDecimal(value: number): Decimal {
  return Number.isFinite(value) && value > 0 ? Decimal.fromNumber(value) : Decimal.ZERO;
}

/** The share of equity {@link RiskSizing} puts in a new position, from the history it may know. */
export function riskFraction(sizing: RiskSizing, input: SizingInput): number {
  const cap = sizing.maxFraction ?? 1;
  const { history } = input;
  if (sizing.method === 'volatility-target') {
    const lookback = sizing.lookback ?? 30;
    let sum = 0;
    let sumSq = 0;
    for (let back = 0; back < lookback; back++) {
      const now = history.close(back);
      const before = history.close(back + 1);
      if (now === undefined || before === undefined) return 0; // not enough known yet
      const r = Math.log(now / before);
      sum += r;
      sumSq += r * r;
    }
    const mean = sum / lookback;
    const variance = Math.max(0, (sumSq - lookback * mean * mean) / (lookback - 1));
    const annual = Math.sqrt(variance * history.periodsPerYear);
    if (!(annual > 0)) return cap;
    return volatilityTargetFraction(
      String(sizing.targetVolatility),
      annual.toPrecision(12),
      String(cap),
    ).toNumber();
  }
  const closed = history.trades.filter((t) => !t.open);
  if (closed.length < (sizing.minTrades ?? 10)) return Math.min(cap, sizing.startFraction ?? 0.1);
  let wins = 0;
  let won = 0;
  let lost = 0;
  for (const t of closed) {
    const pnl = t.pnl.toNumber();
    if (pnl > 0) {
      wins++;
      won += pnl;
    } else lost -= pnl;
  }
  if (wins === 0) return 0;
  if (lost === 0 || wins === closed.length) return cap;
  const payoff = won / wins / (lost / (closed.length - wins));
  const fraction = halfKellyFraction(
    (wins / closed.length).toPrecision(12),
    payoff.toPrecision(12),
  ).toNumber();
  return Math.min(cap, fraction);
}
