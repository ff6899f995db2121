import { Decimal, type DecimalInput } from '../decimal';

/** One price level: `[price, quantity]`. */
export type BookLevel = readonly [price: Decimal, quantity: Decimal];

/** Both sides of a book, best level first: bids by falling price, asks by rising price. */
export interface OrderBook {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** What trading did between the previous view and this one (a candle). */
export interface TradedRange {
  readonly high: Decimal;
  readonly low: Decimal;
  /** Base units traded; bounds how much of the resting orders the range can fill. */
  readonly volume: Decimal;
}

/**
 * What the paper venue knows about a market at one moment: the book (real or synthetic), the last
 * trade price and, optionally, what traded since the previous view.
 */
export interface MarketView extends OrderBook {
  readonly last?: Decimal;
  readonly traded?: TradedRange;
}

/** A market view with its decimals still as strings or numbers (what a feed hands over). */
export interface MarketViewInput {
  bids: readonly (readonly [DecimalInput, DecimalInput])[];
  asks: readonly (readonly [DecimalInput, DecimalInput])[];
  last?: DecimalInput;
  traded?: { high: DecimalInput; low: DecimalInput; volume: DecimalInput };
}

function levels(
  side: readonly (readonly [DecimalInput, DecimalInput])[],
  order: 1 | -1,
  name: string,
): BookLevel[] {
  const parsed = side.map(([price, quantity]): BookLevel => [Decimal.from(price), Decimal.from(quantity)]);
  for (const [price, quantity] of parsed) {
    if (!price.isPositive() || quantity.isNegative()) {
      throw new RangeError(`${name}: a level needs a positive price and a non-negative quantity`);
    }
  }
  return parsed.sort((a, b) => a[0].cmp(b[0]) * order);
}

/**
 * Parses and sorts a market view (bids high to low, asks low to high). The matcher itself trusts its
 * input to be sorted, so feeds that already deliver parsed, sorted books skip this.
 * @throws {RangeError} for non-positive prices or negative quantities; {@link DecimalError} for
 * malformed numbers.
 * @example
 * marketView({ bids: [['64999.5', '0.8']], asks: [['65000.5', '1.2']], last: '65000' })
 */
export function marketView(input: MarketViewInput): MarketView {
  const view: { -readonly [K in keyof MarketView]: MarketView[K] } = {
    bids: levels(input.bids, -1, 'bids'),
    asks: levels(input.asks, 1, 'asks'),
  };
  if (input.last !== undefined) view.last = Decimal.from(input.last);
  if (input.traded) {
    view.traded = {
      high: Decimal.from(input.traded.high),
      low: Decimal.from(input.traded.low),
      volume: Decimal.from(input.traded.volume),
    };
  }
  return view;
}
