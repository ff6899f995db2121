import { Decimal, type DecimalInput } from '../decimal';
import { type Fill, type Order, parseSymbol, remainingQuantity } from '../orders/order';
import { InsufficientFundsError, LedgerError } from './errors';

/** Holdings of one asset. `free` can be spent; `locked` is reserved by resting orders. */
export interface Balance {
  readonly asset: string;
  readonly free: Decimal;
  readonly locked: Decimal;
}

/**
 * Holdings of one symbol's base asset, with what they cost. The quantity is never negative, except in
 * margin mode ({@link LedgerOptions.margin}), where a short has a negative quantity and cost basis.
 * Fees are kept apart from the cost basis (`feesPaid`), so `realizedPnl` is before fees.
 */
export interface Position {
  readonly symbol: string;
  readonly quantity: Decimal;
  /**
   * What the current quantity cost, in quote units (average-cost method): buys add their notional; a
   * partial sell takes its pro-rata share, rounded to the ledger's `costScale`; selling out takes all.
   */
  readonly costBasis: Decimal;
  /** `costBasis / quantity`, rounded half-even to 18 decimals; absent when flat. */
  readonly averageEntryPrice?: Decimal;
  /** Σ (sell notional − cost of the quantity sold), in quote units, before fees. */
  readonly realizedPnl: Decimal;
  /** Σ fees of the symbol's fills, in quote units. */
  readonly feesPaid: Decimal;
}

/** Funds a resting order holds locked. */
export interface Reservation {
  readonly orderId: string;
  readonly asset: string;
  readonly amount: Decimal;
}

export type LedgerEntryKind = 'deposit' | 'lock' | 'release' | 'trade' | 'fee';

/**
 * One change to one balance: the journal the server stores (Σ entries of an asset = its balance).
 * `free` and `locked` are changes, not new values.
 */
export interface LedgerEntry {
  readonly kind: LedgerEntryKind;
  readonly asset: string;
  readonly free: Decimal;
  readonly locked: Decimal;
  readonly orderId?: string;
  readonly tradeId?: string;
  readonly at: Date;
}

/** A position valued at a mark price. */
export interface PositionValuation {
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly mark: Decimal;
  /** `quantity × mark`. */
  readonly value: Decimal;
  readonly costBasis: Decimal;
  /** `value − costBasis`. */
  readonly unrealizedPnl: Decimal;
}

/** The account in quote currency at given mark prices. */
export interface Valuation {
  readonly quoteAsset: string;
  /** Free + locked quote balance. */
  readonly cash: Decimal;
  /** Σ position quantity × mark. */
  readonly positionsValue: Decimal;
  /** `cash + positionsValue`. */
  readonly equity: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly realizedPnl: Decimal;
  readonly feesPaid: Decimal;
  readonly positions: readonly PositionValuation[];
}

export interface LedgerOptions {
  /** The currency cash, prices, fees and equity are in. @default 'USDT' */
  quoteAsset?: string;
  /**
   * Fractional digits of the quote amounts the ledger computes itself: the share of the cost basis a
   * partial sell takes (half-even). Fill notionals and fees are booked exactly as given.
   * @default 8
   */
  costScale?: number;
  /** Starting balances, all free. @example { USDT: '10000', BTC: '0.5' } */
  balances?: Readonly<Record<string, DecimalInput>>;
  /**
   * What each starting non-quote balance cost per unit: it opens a position `<ASSET>/<QUOTE>` at that
   * price. Required for every such balance, so unrealized P&L is never made up.
   */
  entryPrices?: Readonly<Record<string, DecimalInput>>;
  /**
   * Opt-in margin mode for short selling: a sell may deliver more base than the account holds, so
   * the base balance and the position go negative (a short). A short's cost basis is negative (the
   * proceeds it was opened for, average-cost), its value `quantity × mark` is negative, and
   * `equity = cash + Σ signed quantity × mark` still holds. Buys still need the quote to pay for
   * them (no leverage, no margin calls: the caller bounds its shorts). Off by default: spot.
   * @default false
   */
  margin?: boolean;
}

/** Everything a ledger holds; decimals serialise as strings. */
export interface LedgerSnapshot {
  readonly quoteAsset: string;
  readonly costScale: number;
  readonly balances: readonly Balance[];
  readonly positions: readonly Position[];
  readonly reservations: readonly Reservation[];
}

const ZERO = Decimal.ZERO;

type DecimalLike<T> = {
  [K in keyof T]: T[K] extends Decimal
    ? DecimalInput
    : T[K] extends Decimal | undefined
      ? DecimalInput | undefined
      : T[K];
};

/**
 * What a limit order must lock while it rests, for its remaining quantity: a sell locks the base; a
 * buy locks `quantity × limitPrice` of quote plus the most fees the fills could cost (at
 * `maxFeeRate`, rounded up to `feeScale`). A fill never costs more than that (fills happen at the
 * limit price or better), except for rounding dust below the last fee digit.
 * @throws {RangeError} for a market order (it never rests).
 */
export function orderReservation(
  order: Order,
  fees: { maxFeeRate: Decimal; feeScale: number },
): { asset: string; amount: Decimal } {
  const { base, quote } = parseSymbol(order.symbol);
  const quantity = remainingQuantity(order);
  if (order.side === 'sell') return { asset: base, amount: quantity };
  if (order.limitPrice === undefined) throw new RangeError('a market order has nothing to reserve');
  const notional = quantity.mul(order.limitPrice, Decimal.MAX_SCALE, 'ceil');
  return { asset: quote, amount: notional.add(notional.mul(fees.maxFeeRate, fees.feeScale, 'ceil')) };
}

/**
 * Balances, reservations and positions of one spot account, all in exact decimals.
 *
 * Every change is checked before it is made and either happens whole or not at all; each method
 * returns the {@link LedgerEntry} records to store. {@link Ledger.transaction} groups several changes
 * into one all-or-nothing unit.
 *
 * Invariants (property-tested): no balance is negative; each asset's `locked` is the sum of its
 * reservations; each position's quantity equals its base balance (free + locked); a position's
 * quantity is the signed sum of its fills; `equity = cash + Σ quantity × mark`.
 *
 * @example
 * const ledger = new Ledger({ balances: { USDT: '10000' } });
 * ledger.applyFill(fill);                                   // a 0.1 BTC buy at 65,000
 * ledger.valuation({ 'BTC/USDT': '66000' }).equity.toString();
 */
export class Ledger {
  readonly quoteAsset: string;
  readonly costScale: number;
  /** Whether short positions are allowed (see {@link LedgerOptions.margin}). */
  readonly margin: boolean;
  private readonly balanceMap = new Map<string, Balance>();
  private readonly positionMap = new Map<string, Position>();
  private readonly reservationMap = new Map<string, Reservation>();
  private undo: (() => void)[] | undefined;

  /**
   * @throws {LedgerError} `invalid_amount` for a negative balance, `entry_price_required` for a
   * non-quote balance without an entry price.
   */
  constructor(options: LedgerOptions = {}) {
    this.quoteAsset = options.quoteAsset ?? 'USDT';
    this.costScale = options.costScale ?? 8;
    this.margin = options.margin ?? false;
    if (!Number.isInteger(this.costScale) || this.costScale < 0 || this.costScale > Decimal.MAX_SCALE) {
      throw new LedgerError('invalid_amount', `costScale must be an integer from 0 to ${Decimal.MAX_SCALE}`);
    }
    const at = new Date(0);
    for (const [asset, amount] of Object.entries(options.balances ?? {})) {
      const entryPrice = options.entryPrices?.[asset];
      this.deposit(asset, amount, entryPrice === undefined ? { at } : { at, entryPrice });
    }
  }

  /** Restores a ledger from {@link Ledger.snapshot} (decimals may be strings). */
  static fromSnapshot(snapshot: {
    quoteAsset: string;
    costScale?: number;
    balances: readonly DecimalLike<Balance>[];
    positions: readonly DecimalLike<Position>[];
    reservations: readonly DecimalLike<Reservation>[];
  }): Ledger {
    const ledger = new Ledger(
      snapshot.costScale === undefined
        ? { quoteAsset: snapshot.quoteAsset }
        : { quoteAsset: snapshot.quoteAsset, costScale: snapshot.costScale },
    );
    for (const b of snapshot.balances) {
      ledger.balanceMap.set(b.asset, {
        asset: b.asset,
        free: Decimal.from(b.free),
        locked: Decimal.from(b.locked),
      });
    }
    for (const p of snapshot.positions) {
      ledger.positionMap.set(
        p.symbol,
        makePosition(
          p.symbol,
          Decimal.from(p.quantity),
          Decimal.from(p.costBasis),
          Decimal.from(p.realizedPnl),
          Decimal.from(p.feesPaid),
        ),
      );
    }
    for (const r of snapshot.reservations) {
      ledger.reservationMap.set(r.orderId, {
        orderId: r.orderId,
        asset: r.asset,
        amount: Decimal.from(r.amount),
      });
    }
    return ledger;
  }

  /** Balances, positions and reservations, sorted for stable output. */
  snapshot(): LedgerSnapshot {
    return {
      quoteAsset: this.quoteAsset,
      costScale: this.costScale,
      balances: this.balances(),
      positions: this.positions(),
      reservations: this.reservations(),
    };
  }

  /** The balance of `asset` (zero when never held). */
  balance(asset: string): Balance {
    return this.balanceMap.get(asset) ?? { asset, free: ZERO, locked: ZERO };
  }

  /** All balances, by asset. */
  balances(): Balance[] {
    return [...this.balanceMap.values()].sort((a, b) => compareText(a.asset, b.asset));
  }

  /** The position in `symbol`, if the account ever held it. */
  position(symbol: string): Position | undefined {
    return this.positionMap.get(symbol);
  }

  /** All positions, by symbol (flat ones included: they carry realized P&L). */
  positions(): Position[] {
    return [...this.positionMap.values()].sort((a, b) => compareText(a.symbol, b.symbol));
  }

  /** The funds an order holds locked, if any. */
  reservation(orderId: string): Reservation | undefined {
    return this.reservationMap.get(orderId);
  }

  /** All reservations, by order id. */
  reservations(): Reservation[] {
    return [...this.reservationMap.values()].sort((a, b) => compareText(a.orderId, b.orderId));
  }

  /**
   * Checks that `amount` of `asset` is free, changing nothing.
   * @throws {InsufficientFundsError}
   */
  requireAvailable(asset: string, amount: Decimal): void {
    const free = this.balance(asset).free;
    if (free.lt(amount)) throw new InsufficientFundsError(asset, amount, free);
  }

  /**
   * Adds funds. A non-quote asset also opens or grows its position at `entryPrice`.
   * @throws {LedgerError} `invalid_amount` unless amount ≥ 0; `entry_price_required`.
   */
  deposit(
    asset: string,
    amount: DecimalInput,
    details: { at: Date; entryPrice?: DecimalInput },
  ): LedgerEntry[] {
    const value = Decimal.from(amount);
    if (value.isNegative()) throw new LedgerError('invalid_amount', `cannot deposit ${value} ${asset}`);
    let position: Position | undefined;
    if (asset !== this.quoteAsset && value.isPositive()) {
      if (details.entryPrice === undefined) {
        throw new LedgerError(
          'entry_price_required',
          `a ${asset} deposit needs an entry price to value its position`,
        );
      }
      const symbol = `${asset}/${this.quoteAsset}`;
      const current = this.positionMap.get(symbol) ?? emptyPosition(symbol);
      position = makePosition(
        symbol,
        current.quantity.add(value),
        current.costBasis.add(value.mul(details.entryPrice)),
        current.realizedPnl,
        current.feesPaid,
      );
    }
    const balance = this.balance(asset);
    this.setBalance(asset, balance.free.add(value), balance.locked);
    if (position) this.setPosition(position);
    return [{ kind: 'deposit', asset, free: value, locked: ZERO, at: details.at }];
  }

  /**
   * Moves `amount` of `asset` from free to locked for `orderId`.
   * @throws {InsufficientFundsError}; {@link LedgerError} `duplicate_reservation` if the order already
   * holds funds, `invalid_amount` for a negative amount.
   */
  lock(orderId: string, asset: string, amount: Decimal, at: Date): LedgerEntry[] {
    if (amount.isNegative()) throw new LedgerError('invalid_amount', `cannot lock ${amount} ${asset}`);
    if (this.reservationMap.has(orderId)) {
      throw new LedgerError('duplicate_reservation', `order ${orderId} already holds a reservation`);
    }
    const balance = this.balance(asset);
    if (balance.free.lt(amount)) throw new InsufficientFundsError(asset, amount, balance.free);
    this.setBalance(asset, balance.free.sub(amount), balance.locked.add(amount));
    this.setReservation(orderId, { orderId, asset, amount });
    return [{ kind: 'lock', asset, free: amount.neg(), locked: amount, orderId, at }];
  }

  /** Returns what `orderId` still holds locked to free (on cancel, expiry or the last fill). */
  release(orderId: string, at: Date): LedgerEntry[] {
    const reservation = this.reservationMap.get(orderId);
    if (!reservation) return [];
    const { asset, amount } = reservation;
    const balance = this.balance(asset);
    this.setBalance(asset, balance.free.add(amount), balance.locked.sub(amount));
    this.setReservation(orderId, undefined);
    if (amount.isZero()) return [];
    return [{ kind: 'release', asset, free: amount, locked: amount.neg(), orderId, at }];
  }

  /**
   * Books a fill: a buy pays `notional + fee` in quote (from the order's reservation first) and
   * receives the base; a sell delivers the base (reservation first) and receives `notional − fee`.
   * Updates the position (average cost; realized P&L on sells).
   * @throws {InsufficientFundsError} when the account cannot cover the fill (nothing changes);
   * {@link LedgerError} `unsupported_symbol` when the symbol is not quoted in {@link quoteAsset}.
   */
  applyFill(fill: Fill): LedgerEntry[] {
    const { base, quote } = parseSymbol(fill.symbol);
    if (quote !== this.quoteAsset) {
      throw new LedgerError('unsupported_symbol', `${fill.symbol} is not quoted in ${this.quoteAsset}`);
    }
    if (this.margin) return this.applyMarginFill(fill, base, quote);
    const { orderId, quantity, notional, fee } = fill;
    const reservation = this.reservationMap.get(orderId);
    const position = this.positionMap.get(fill.symbol) ?? emptyPosition(fill.symbol);
    const quoteBalance = this.balance(quote);
    const baseBalance = this.balance(base);

    if (fill.side === 'buy') {
      const cost = notional.add(fee);
      const fromLocked =
        reservation && reservation.asset === quote ? cost.min(reservation.amount).max(ZERO) : ZERO;
      const fromFree = cost.sub(fromLocked);
      if (quoteBalance.free.lt(fromFree))
        throw new InsufficientFundsError(quote, fromFree, quoteBalance.free);
      this.setBalance(quote, quoteBalance.free.sub(fromFree), quoteBalance.locked.sub(fromLocked));
      this.setBalance(base, baseBalance.free.add(quantity), baseBalance.locked);
      if (reservation && !fromLocked.isZero()) {
        this.setReservation(orderId, { orderId, asset: quote, amount: reservation.amount.sub(fromLocked) });
      }
      const costBasis = position.costBasis.add(notional);
      this.setPosition(
        makePosition(
          fill.symbol,
          position.quantity.add(quantity),
          costBasis,
          position.realizedPnl,
          position.feesPaid.add(fee),
        ),
      );
      return buyEntries(fill, base, quote, fromLocked);
    }

    const fromLocked = reservation && reservation.asset === base ? quantity.min(reservation.amount) : ZERO;
    const fromFree = quantity.sub(fromLocked);
    if (baseBalance.free.lt(fromFree)) throw new InsufficientFundsError(base, fromFree, baseBalance.free);
    if (position.quantity.lt(quantity)) throw new InsufficientFundsError(base, quantity, position.quantity);
    const proceeds = notional.sub(fee);
    const quoteFree = quoteBalance.free.add(proceeds);
    if (quoteFree.isNegative()) throw new InsufficientFundsError(quote, proceeds.neg(), quoteBalance.free);
    this.setBalance(base, baseBalance.free.sub(fromFree), baseBalance.locked.sub(fromLocked));
    this.setBalance(quote, quoteFree, quoteBalance.locked);
    if (reservation && !fromLocked.isZero()) {
      this.setReservation(orderId, { orderId, asset: base, amount: reservation.amount.sub(fromLocked) });
    }
    // Average cost: the quantity sold takes its share of the cost basis (all of it when selling out).
    // Rounded to the ledger's cost scale; whatever the rounding, the cost basis and the realized P&L
    // move by the same amount, so nothing is lost.
    const removedCost = quantity.eq(position.quantity)
      ? position.costBasis
      : position.costBasis.mulDiv(quantity, position.quantity, this.costScale);
    this.setPosition(
      makePosition(
        fill.symbol,
        position.quantity.sub(quantity),
        position.costBasis.sub(removedCost),
        position.realizedPnl.add(notional.sub(removedCost)),
        position.feesPaid.add(fee),
      ),
    );
    return sellEntries(fill, base, quote, fromLocked);
  }

  /**
   * {@link applyFill} in margin mode: the position is signed. A fill in the direction of the position
   * (or from flat) adds its notional to the cost basis with its sign; a fill against it first closes
   * up to the position's size — the closed share of the cost basis leaves it (all of it when closing
   * out, else pro rata at `costScale`) and `sign × notional − that share` is realized — and whatever
   * is left opens the other way at the fill price. Cash moves as in spot; the part of a buy that
   * opens or grows a long must be paid from free quote (reservation first), while buying back a
   * short is booked even when it takes the quote balance negative (a debt: the short lost more than
   * the account had). The base balance may go negative.
   */
  private applyMarginFill(fill: Fill, base: string, quote: string): LedgerEntry[] {
    const { orderId, quantity, notional, fee, price } = fill;
    const reservation = this.reservationMap.get(orderId);
    const position = this.positionMap.get(fill.symbol) ?? emptyPosition(fill.symbol);
    const quoteBalance = this.balance(quote);
    const baseBalance = this.balance(base);
    const buy = fill.side === 'buy';
    const reservedAsset = buy ? quote : base;
    const wanted = buy ? notional.add(fee) : quantity;
    const fromLocked =
      reservation && reservation.asset === reservedAsset ? wanted.min(reservation.amount).max(ZERO) : ZERO;
    const fromFree = wanted.sub(fromLocked);
    let quoteFree = quoteBalance.free;
    let quoteLocked = quoteBalance.locked;
    let baseFree = baseBalance.free;
    let baseLocked = baseBalance.locked;
    if (buy) {
      // Buying back a short is always booked, even past the cash (the account then owes the
      // difference: negative quote); only the part that opens or grows a long must be paid for.
      const covering = position.quantity.isNegative() ? quantity.min(position.quantity.abs()) : ZERO;
      const openingCost = covering.isZero()
        ? fromFree
        : fromFree.mulDiv(quantity.sub(covering), quantity, 18, 'ceil');
      if (quoteFree.lt(openingCost)) throw new InsufficientFundsError(quote, openingCost, quoteFree);
      quoteFree = quoteFree.sub(fromFree);
      quoteLocked = quoteLocked.sub(fromLocked);
      baseFree = baseFree.add(quantity);
    } else {
      quoteFree = quoteFree.add(notional).sub(fee);
      if (quoteFree.isNegative())
        throw new InsufficientFundsError(quote, fee.sub(notional), quoteBalance.free);
      baseFree = baseFree.sub(fromFree);
      baseLocked = baseLocked.sub(fromLocked);
    }
    const sign = buy ? 1 : -1;
    let qty = position.quantity;
    let costBasis = position.costBasis;
    let realized = position.realizedPnl;
    let rest = quantity;
    if (!qty.isZero() && qty.sign() !== sign) {
      const held = qty.abs();
      const closed = rest.min(held);
      const removed = closed.eq(held) ? costBasis : costBasis.mulDiv(closed, held, this.costScale);
      const closedNotional = closed.eq(quantity) ? notional : price.mul(closed);
      // Long: + proceeds − cost; short: − cost to buy back − (negative) basis.
      realized = realized.add(qty.isPositive() ? closedNotional : closedNotional.neg()).sub(removed);
      costBasis = costBasis.sub(removed);
      qty = buy ? qty.add(closed) : qty.sub(closed);
      rest = rest.sub(closed);
    }
    if (rest.isPositive()) {
      const openNotional = rest.eq(quantity) ? notional : price.mul(rest);
      costBasis = buy ? costBasis.add(openNotional) : costBasis.sub(openNotional);
      qty = buy ? qty.add(rest) : qty.sub(rest);
    }
    this.setBalance(quote, quoteFree, quoteLocked);
    this.setBalance(base, baseFree, baseLocked);
    if (reservation && !fromLocked.isZero()) {
      this.setReservation(orderId, { ...reservation, amount: reservation.amount.sub(fromLocked) });
    }
    this.setPosition(makePosition(fill.symbol, qty, costBasis, realized, position.feesPaid.add(fee)));
    if (buy) {
      return buyEntries(fill, base, quote, fromLocked);
    }
    return sellEntries(fill, base, quote, fromLocked);
  }

  /**
   * Runs `changes` as one unit: if it throws, every ledger change it made is undone and the error is
   * rethrown. Nested calls join the outer unit.
   * @example
   * const entries = ledger.transaction(() => [...ledger.lock(id, 'USDT', amount, at), ...ledger.applyFill(fill)]);
   */
  transaction<T>(changes: () => T): T {
    if (this.undo) return changes();
    const undo: (() => void)[] = [];
    this.undo = undo;
    try {
      return changes();
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
      throw error;
    } finally {
      this.undo = undefined;
    }
  }

  /**
   * Values the account in quote currency. `marks` maps each symbol to its mark price; every
   * non-flat position needs one.
   * @throws {LedgerError} `missing_mark_price`.
   */
  valuation(marks: Readonly<Record<string, DecimalInput>> | ReadonlyMap<string, DecimalInput>): Valuation {
    const markOf = (symbol: string) =>
      marks instanceof Map ? marks.get(symbol) : (marks as Record<string, DecimalInput>)[symbol];
    const quote = this.balance(this.quoteAsset);
    const cash = quote.free.add(quote.locked);
    let positionsValue = ZERO;
    let unrealizedPnl = ZERO;
    let realizedPnl = ZERO;
    let feesPaid = ZERO;
    const positions: PositionValuation[] = [];
    for (const position of this.positions()) {
      realizedPnl = realizedPnl.add(position.realizedPnl);
      feesPaid = feesPaid.add(position.feesPaid);
      if (position.quantity.isZero()) continue;
      const markInput = markOf(position.symbol);
      if (markInput === undefined) {
        throw new LedgerError('missing_mark_price', `no mark price for ${position.symbol}`);
      }
      const mark = Decimal.from(markInput);
      const value = position.quantity.mul(mark);
      const unrealized = value.sub(position.costBasis);
      positionsValue = positionsValue.add(value);
      unrealizedPnl = unrealizedPnl.add(unrealized);
      positions.push({
        symbol: position.symbol,
        quantity: position.quantity,
        mark,
        value,
        costBasis: position.costBasis,
        unrealizedPnl: unrealized,
      });
    }
    return {
      quoteAsset: this.quoteAsset,
      cash,
      positionsValue,
      equity: cash.add(positionsValue),
      unrealizedPnl,
      realizedPnl,
      feesPaid,
      positions,
    };
  }

  private setBalance(asset: string, free: Decimal, locked: Decimal): void {
    this.remember(this.balanceMap, asset);
    this.balanceMap.set(asset, { asset, free, locked });
  }

  private setPosition(position: Position): void {
    this.remember(this.positionMap, position.symbol);
    this.positionMap.set(position.symbol, position);
  }

  private setReservation(orderId: string, reservation: Reservation | undefined): void {
    this.remember(this.reservationMap, orderId);
    if (reservation) this.reservationMap.set(orderId, reservation);
    else this.reservationMap.delete(orderId);
  }

  private remember<V>(map: Map<string, V>, key: string): void {
    if (!this.undo) return;
    const previous = map.get(key);
    this.undo.push(() => (previous === undefined ? map.delete(key) : map.set(key, previous)));
  }
}

function emptyPosition(symbol: string): Position {
  return makePosition(symbol, ZERO, ZERO, ZERO, ZERO);
}

function makePosition(
  symbol: string,
  quantity: Decimal,
  costBasis: Decimal,
  realizedPnl: Decimal,
  feesPaid: Decimal,
): Position {
  const averageEntryPrice = quantity.isZero() ? undefined : costBasis.div(quantity, Decimal.MAX_SCALE);
  return { symbol, quantity, costBasis, averageEntryPrice, realizedPnl, feesPaid };
}

/** Code-point order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The entries of a buy fill: the base received; the notional and then the fee paid from the order's
 * reservation (`fromLocked`, notional first) and the rest from free quote.
 */
function buyEntries(fill: Fill, base: string, quote: string, fromLocked: Decimal): LedgerEntry[] {
  const { orderId, tradeId, at, quantity, notional, fee } = fill;
  const notionalLocked = fromLocked.min(notional);
  const feeLocked = fromLocked.sub(notionalLocked);
  return [
    { kind: 'trade', asset: base, free: quantity, locked: ZERO, orderId, tradeId, at },
    {
      kind: 'trade',
      asset: quote,
      free: notionalLocked.sub(notional),
      locked: notionalLocked.neg(),
      orderId,
      tradeId,
      at,
    },
    { kind: 'fee', asset: quote, free: feeLocked.sub(fee), locked: feeLocked.neg(), orderId, tradeId, at },
  ];
}

/** The entries of a sell fill: the base delivered (`fromLocked` from the reservation), notional and fee in quote. */
function sellEntries(fill: Fill, base: string, quote: string, fromLocked: Decimal): LedgerEntry[] {
  const { orderId, tradeId, at, quantity, notional, fee } = fill;
  const fromFree = quantity.sub(fromLocked);
  return [
    { kind: 'trade', asset: base, free: fromFree.neg(), locked: fromLocked.neg(), orderId, tradeId, at },
    { kind: 'trade', asset: quote, free: notional, locked: ZERO, orderId, tradeId, at },
    { kind: 'fee', asset: quote, free: fee.neg(), locked: ZERO, orderId, tradeId, at },
  ];
}
