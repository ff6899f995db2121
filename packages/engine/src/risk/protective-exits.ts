import { Decimal, DecimalError, type DecimalInput, type RoundingMode } from '../decimal';
import { RiskConfigError } from './errors';

/** Which way a position faces. */
export type PositionSide = 'long' | 'short';

/**
 * How far from the entry an exit sits: a percentage of the entry price (`{ percent: '2' }` = 2 %) or a
 * multiple of the Average True Range (`{ atr: '850', multiple: '2' }` = 1,700 quote units).
 */
export type ExitDistance = { percent: DecimalInput } | { atr: DecimalInput; multiple: DecimalInput };

/** A stop-loss and/or take-profit attached to a position. Prices in quote units. */
export interface ProtectiveExits {
  readonly side: PositionSide;
  readonly entryPrice: Decimal;
  /** Below the entry for a long, above it for a short. */
  readonly stopPrice?: Decimal;
  /** Above the entry for a long, below it for a short. */
  readonly takeProfitPrice?: Decimal;
}

export interface ProtectiveExitsInput {
  side: PositionSide;
  entryPrice: DecimalInput;
  stop?: ExitDistance;
  takeProfit?: ExitDistance;
  /** Exit prices are rounded to it, toward the entry (a tighter exit, never a looser one). */
  tickSize?: DecimalInput;
}

/** A price bar (a candle); numbers are accepted as market data gives them. */
export interface ExitBar {
  open?: DecimalInput;
  high: DecimalInput;
  low: DecimalInput;
}

/** An exit that fired. */
export interface TriggeredExit {
  readonly kind: 'stop_loss' | 'take_profit';
  /** The exit's own price. */
  readonly triggerPrice: Decimal;
  /**
   * The expected fill: the trigger price, or the bar's open when the bar opened beyond it (a gap fills
   * at the open, worse for a stop, better for a take-profit).
   */
  readonly fillPrice: Decimal;
}

const HUNDRED = Decimal.from(100);

function decimal(field: string, value: DecimalInput): Decimal {
  try {
    return Decimal.from(value);
  } catch (error) {
    if (error instanceof DecimalError)
      throw new RiskConfigError('invalid_exit_spec', field, `${field}: ${error.message}`);
    throw error;
  }
}

function distanceOf(field: string, entry: Decimal, spec: ExitDistance): Decimal {
  let distance: Decimal;
  if ('percent' in spec) {
    const percent = decimal(`${field}.percent`, spec.percent);
    if (!percent.isPositive() || percent.gte(HUNDRED))
      throw new RiskConfigError(
        'invalid_exit_spec',
        `${field}.percent`,
        `${field}.percent must be above 0 and below 100, got ${percent}`,
      );
    distance = entry.mul(percent).div(HUNDRED, Decimal.MAX_SCALE);
  } else {
    const atr = decimal(`${field}.atr`, spec.atr);
    const multiple = decimal(`${field}.multiple`, spec.multiple);
    if (!atr.isPositive() || !multiple.isPositive())
      throw new RiskConfigError(
        'invalid_exit_spec',
        field,
        `${field}.atr and ${field}.multiple must be greater than zero`,
      );
    distance = atr.mul(multiple);
  }
  return distance;
}

/**
 * Computes a position's stop-loss and take-profit prices from distances to its entry.
 * @throws {RiskConfigError} `invalid_exit_spec` for a non-positive distance or an exit at or beyond zero.
 * @example
 * protectiveExits({ side: 'long', entryPrice: '65000', stop: { percent: '2' }, takeProfit: { atr: '900', multiple: '3' } })
 * // { side: 'long', entryPrice: 65000, stopPrice: 63700, takeProfitPrice: 67700 }
 */
export function protectiveExits(input: ProtectiveExitsInput): ProtectiveExits {
  const entryPrice = decimal('entryPrice', input.entryPrice);
  if (!entryPrice.isPositive())
    throw new RiskConfigError('invalid_exit_spec', 'entryPrice', 'entryPrice must be greater than zero');
  const long = input.side === 'long';
  const tick = input.tickSize === undefined ? undefined : decimal('tickSize', input.tickSize);
  if (tick !== undefined && !tick.isPositive())
    throw new RiskConfigError('invalid_exit_spec', 'tickSize', 'tickSize must be greater than zero');
  const place = (field: string, spec: ExitDistance, below: boolean): Decimal => {
    const distance = distanceOf(field, entryPrice, spec);
    let price = below ? entryPrice.sub(distance) : entryPrice.add(distance);
    // Toward the entry: up when the exit is below it, down when above.
    const mode: RoundingMode = below ? 'ceil' : 'floor';
    if (tick !== undefined) price = price.quantize(tick, mode);
    if (!price.isPositive())
      throw new RiskConfigError('invalid_exit_spec', field, `${field} would be at ${price}, not a price`);
    return price;
  };
  return Object.freeze({
    side: input.side,
    entryPrice,
    ...(input.stop ? { stopPrice: place('stop', input.stop, long) } : {}),
    ...(input.takeProfit ? { takeProfitPrice: place('takeProfit', input.takeProfit, !long) } : {}),
  });
}

/**
 * Which exit a price or a bar triggers, if any. A long's stop triggers when the price (the bar's low)
 * is at or below it, its take-profit when the price (the bar's high) is at or above it; a short the
 * other way round.
 *
 * When one bar touches both, the stop wins. A bar does not say which extreme came first, so this
 * assumes the worse one did: a backtest that guessed the take-profit would overstate results, and a
 * live system that missed a stop would carry the position past its loss limit. The same rule applies
 * to a bar that opens beyond the take-profit and then trades through the stop.
 *
 * @example
 * const exits = protectiveExits({ side: 'long', entryPrice: '100', stop: { percent: '5' }, takeProfit: { percent: '10' } });
 * triggeredExit(exits, { high: '111', low: '94' })?.kind; // 'stop_loss' (both touched: stop first)
 * triggeredExit(exits, '110')?.kind;                      // 'take_profit'
 */
export function triggeredExit(exits: ProtectiveExits, market: DecimalInput | ExitBar): TriggeredExit | null {
  let open: Decimal | undefined;
  let high: Decimal;
  let low: Decimal;
  if (typeof market === 'object' && !Decimal.isDecimal(market)) {
    high = Decimal.from(market.high);
    low = Decimal.from(market.low);
    if (market.open !== undefined) open = Decimal.from(market.open);
  } else {
    high = Decimal.from(market);
    low = high;
  }
  const long = exits.side === 'long';
  const { stopPrice: stop, takeProfitPrice: target } = exits;
  if (stop !== undefined && (long ? low.lte(stop) : high.gte(stop))) {
    const gapped = open !== undefined && (long ? open.lt(stop) : open.gt(stop));
    return { kind: 'stop_loss', triggerPrice: stop, fillPrice: gapped ? (open as Decimal) : stop };
  }
  if (target !== undefined && (long ? high.gte(target) : low.lte(target))) {
    const gapped = open !== undefined && (long ? open.gt(target) : open.lt(target));
    return { kind: 'take_profit', triggerPrice: target, fillPrice: gapped ? (open as Decimal) : target };
  }
  return null;
}
