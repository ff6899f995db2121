import { roundToStep } from './price-steps';
import type { Candle, OrderBookSides, PriceLevel } from './types';

/** How {@link synthesizeOrderBook} shapes a book. */
export interface SyntheticBookOptions {
  /**
   * Price levels on each side.
   * @default 20
   */
  levels?: number;
  /** A fixed spread in basis points of the mid price, instead of the one derived from the candle's range. */
  spreadBps?: number;
  /**
   * Share of the candle's volume resting on each side of the book.
   * @default 0.1
   */
  depthFromVolume?: number;
  /**
   * Quantity on each side when there is no volume to scale from (a bare price, or a bar without volume).
   * @default 100_000 / price (a hundred thousand units of the quote asset)
   */
  depthPerSide?: number;
  /** Prices are put on this grid: bids rounded down, asks up. */
  tickSize?: number;
  /** Quantities are rounded down to this increment; levels left empty are omitted. */
  lotSize?: number;
}

/** Spread when a candle has no range, as a fraction of the mid price (1 bp). */
const BASE_SPREAD = 1e-4;
/** Part of the candle's relative range added to the spread. */
const SPREAD_PER_RANGE = 0.02;
/** Widest derived spread (50 bp). */
const MAX_SPREAD = 50e-4;
/** Narrowest gap between two levels (0.5 bp). */
const MIN_STEP = 0.5e-4;
const DEFAULT_QUOTE_DEPTH = 100_000;

/**
 * A deterministic order book modelled from a candle (or a bare price), for replay and synthetic feeds that
 * have no real book. The same input always gives the same book.
 *
 * The model, with `mid` = the candle's close and `range` = (high − low) / close:
 * - spread = `spreadBps` if given, else 1 bp + 2 % of `range`, at most 50 bp: quiet bars give tight books,
 *   volatile bars wide ones (a 2 % bar gives 5 bp);
 * - level `i` (0 = best) sits at mid × (1 ∓ (spread / 2 + i × step)), with step = max(range / (2 × levels),
 *   spread / 2, 0.5 bp), so the book reaches about half the bar's range on each side;
 * - each side holds `depthFromVolume` × the bar's volume, spread over the levels in proportion to
 *   `i + 1` (thin at the touch, thicker further out, as real books are).
 *
 * Invariants: best bid < mid < best ask, bids strictly falling, asks strictly rising, quantities > 0.
 *
 * @example
 * const { bids, asks } = synthesizeOrderBook(candle, { levels: 10, tickSize: 0.01 });
 */
export function synthesizeOrderBook(
  source: Candle | number,
  options: SyntheticBookOptions = {},
): OrderBookSides {
  const candle = typeof source === 'number' ? undefined : source;
  const mid = candle ? candle.close : (source as number);
  if (!(mid > 0) || !Number.isFinite(mid)) throw new RangeError(`cannot model a book around price ${mid}`);
  const levels = options.levels ?? 20;
  if (!Number.isInteger(levels) || levels < 1)
    throw new RangeError(`levels must be a positive integer, got ${levels}`);

  const range = candle ? Math.max(0, (candle.high - candle.low) / mid) : 0;
  const spread =
    options.spreadBps !== undefined
      ? options.spreadBps / 1e4
      : Math.min(MAX_SPREAD, BASE_SPREAD + SPREAD_PER_RANGE * range);
  if (!(spread > 0) || spread >= 2) throw new RangeError(`spread out of range: ${spread * 1e4} bp`);
  const step = Math.max(range / (2 * levels), spread / 2, MIN_STEP);

  const volume = candle?.volume ?? 0;
  const perSide =
    volume > 0
      ? (options.depthFromVolume ?? 0.1) * volume
      : (options.depthPerSide ?? DEFAULT_QUOTE_DEPTH / mid);
  const weightSum = (levels * (levels + 1)) / 2;

  const bids: PriceLevel[] = [];
  const asks: PriceLevel[] = [];
  const { tickSize, lotSize } = options;
  for (let i = 0; i < levels; i++) {
    const offset = spread / 2 + i * step;
    let quantity = (perSide * (i + 1)) / weightSum;
    if (lotSize) quantity = roundToStep(quantity, lotSize, 'down');
    if (!(quantity > 0)) continue;

    let bid = mid * (1 - offset);
    let ask = mid * (1 + offset);
    if (tickSize) {
      bid = roundToStep(bid, tickSize, 'down');
      ask = roundToStep(ask, tickSize, 'up');
      // Tick rounding can land two levels on one price, or a best price on the mid; push them apart.
      const lastBid = bids.at(-1)?.[0] ?? mid;
      if (bid >= lastBid) bid = roundToStep(lastBid - tickSize, tickSize, 'down');
      const lastAsk = asks.at(-1)?.[0] ?? mid;
      if (ask <= lastAsk) ask = roundToStep(lastAsk + tickSize, tickSize, 'up');
    }
    if (bid > 0) bids.push([bid, quantity]);
    asks.push([ask, quantity]);
  }
  return { bids, asks };
}
