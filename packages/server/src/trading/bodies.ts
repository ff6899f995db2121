import { Decimal, type Fill, type Ledger, parseSymbol, remainingQuantity } from '@sigmax/engine';
import type { EquityPointRow } from '../db/queries/equity';
import type { FillRow } from '../db/queries/fills';
import type { OrderRecord, OrderTransitionRow, TransitionRecord } from '../db/queries/orders';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

/** Decimal strings from the database in canonical form (`numeric` keeps whatever scale it was given). */
function canonical(value: string): string {
  return Decimal.from(value).toString();
}

/** An order as the API shows it. */
export function orderBody(record: OrderRecord): Schemas['Order'] {
  const { order } = record;
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    quantity: order.quantity.toString(),
    price: order.limitPrice?.toString() ?? null,
    status: order.status,
    statusReason: order.statusReason ?? null,
    filledQuantity: order.filledQuantity.toString(),
    remainingQuantity: remainingQuantity(order).toString(),
    filledNotional: order.filledNotional.toString(),
    averageFillPrice: order.averageFillPrice?.toString() ?? null,
    fees: order.fees.toString(),
    feeAsset: parseSymbol(order.symbol).quote,
    venue: record.venue,
    venueOrderId: record.venueOrderId,
    replaces: record.replaces,
    replacedBy: record.replacedBy,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** A status change as the API shows it. */
export function transitionBody(t: TransitionRecord | OrderTransitionRow): Schemas['OrderTransition'] {
  if ('toStatus' in t) {
    return {
      from: (t.fromStatus as Schemas['OrderStatus'] | null) ?? null,
      to: t.toStatus as Schemas['OrderStatus'],
      reason: t.reason,
      at: t.at.toISOString(),
    };
  }
  return { from: t.from, to: t.to, reason: t.reason, at: t.at.toISOString() };
}

/** A fill as the API shows it, from the engine or from its row. */
export function fillBody(fill: Fill | FillRow, clientOrderId: string): Schemas['Fill'] {
  if ('seq' in fill) {
    return {
      id: fill.tradeId,
      orderId: fill.orderId,
      clientOrderId,
      symbol: fill.symbol,
      side: fill.side as Schemas['OrderSide'],
      price: canonical(fill.price),
      quantity: canonical(fill.quantity),
      notional: canonical(fill.notional),
      fee: canonical(fill.fee),
      feeAsset: fill.feeAsset,
      liquidity: fill.liquidity as 'maker' | 'taker',
      time: fill.at.toISOString(),
    };
  }
  return {
    id: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price.toString(),
    quantity: fill.quantity.toString(),
    notional: fill.notional.toString(),
    fee: fill.fee.toString(),
    feeAsset: fill.feeAsset,
    liquidity: fill.liquidity,
    time: fill.at.toISOString(),
  };
}

/** The account at given marks: what the portfolio, the positions and the equity history show. */
export interface AccountValuation {
  quoteAsset: string;
  cash: Decimal;
  positionsValue: Decimal;
  equity: Decimal;
  unrealizedPnl: Decimal;
  realizedPnl: Decimal;
  fees: Decimal;
  /** Open positions (quantity above zero), by symbol. */
  positions: Schemas['Position'][];
}

/**
 * Values the ledger at `marks` (last prices). `equity = cash + positionsValue`, where cash is the
 * quote balance, free and locked, and each position is worth quantity × mark. A position whose market
 * has no price at all is carried at its cost basis (`markPrice` null, no unrealized P&L). Realized
 * P&L and fees add up over every position, flat ones included.
 */
export function valueAccount(ledger: Ledger, marks: ReadonlyMap<string, Decimal>): AccountValuation {
  const quote = ledger.balance(ledger.quoteAsset);
  const cash = quote.free.add(quote.locked);
  let positionsValue = Decimal.ZERO;
  let unrealizedPnl = Decimal.ZERO;
  let realizedPnl = Decimal.ZERO;
  let fees = Decimal.ZERO;
  const positions: Schemas['Position'][] = [];
  for (const position of ledger.positions()) {
    realizedPnl = realizedPnl.add(position.realizedPnl);
    fees = fees.add(position.feesPaid);
    if (position.quantity.isZero()) continue;
    const mark = marks.get(position.symbol);
    const value = mark ? position.quantity.mul(mark) : position.costBasis;
    const unrealized = value.sub(position.costBasis);
    positionsValue = positionsValue.add(value);
    unrealizedPnl = unrealizedPnl.add(unrealized);
    positions.push({
      symbol: position.symbol,
      quantity: position.quantity.toString(),
      averageEntryPrice: position.averageEntryPrice?.toString() ?? null,
      costBasis: position.costBasis.toString(),
      markPrice: mark?.toString() ?? null,
      marketValue: value.toString(),
      unrealizedPnl: unrealized.toString(),
      realizedPnl: position.realizedPnl.toString(),
      fees: position.feesPaid.toString(),
    });
  }
  return {
    quoteAsset: ledger.quoteAsset,
    cash,
    positionsValue,
    equity: cash.add(positionsValue),
    unrealizedPnl,
    realizedPnl,
    fees,
    positions,
  };
}

/** The portfolio as the API shows it. */
export function portfolioBody(ledger: Ledger, valuation: AccountValuation, time: Date): Schemas['Portfolio'] {
  return {
    time: time.toISOString(),
    quoteAsset: valuation.quoteAsset,
    cash: valuation.cash.toString(),
    positionsValue: valuation.positionsValue.toString(),
    equity: valuation.equity.toString(),
    unrealizedPnl: valuation.unrealizedPnl.toString(),
    realizedPnl: valuation.realizedPnl.toString(),
    fees: valuation.fees.toString(),
    balances: ledger.balances().map((b) => ({
      asset: b.asset,
      free: b.free.toString(),
      locked: b.locked.toString(),
      total: b.free.add(b.locked).toString(),
    })),
    positions: valuation.positions,
  };
}

/** One point of the equity history, from a valuation. */
export function equityPoint(valuation: AccountValuation, time: Date): Schemas['EquityPoint'] {
  return {
    time: time.toISOString(),
    equity: valuation.equity.toString(),
    cash: valuation.cash.toString(),
    positionsValue: valuation.positionsValue.toString(),
    realizedPnl: valuation.realizedPnl.toString(),
    unrealizedPnl: valuation.unrealizedPnl.toString(),
  };
}

/** A stored point of the equity history as the API shows it. */
export function equityPointBody(row: EquityPointRow): Schemas['EquityPoint'] {
  return {
    time: row.time.toISOString(),
    equity: canonical(row.equity),
    cash: canonical(row.cash),
    positionsValue: canonical(row.positionsValue),
    realizedPnl: canonical(row.realizedPnl),
    unrealizedPnl: canonical(row.unrealizedPnl),
  };
}
