type Num = number | undefined;
type Str = string | undefined;
type Params = Record<string, unknown>;

/** A ccxt fee: `cost` in `currency`. */
export interface CcxtFeeLike {
  cost?: Num;
  currency?: Str;
}

/** The part of a ccxt trade (one execution) that the venue reads. */
export interface CcxtTradeLike {
  id?: Str;
  /** The exchange's id of the order the trade belongs to. */
  order?: Str;
  timestamp?: Num;
  price?: Num;
  amount?: Num;
  takerOrMaker?: Str;
  fee?: CcxtFeeLike | undefined;
  fees?: (CcxtFeeLike | undefined)[] | undefined;
}

/**
 * The part of a ccxt order that the venue reads. ccxt fills in what the exchange gave; any field may be
 * missing (some exchanges answer a new order with its id alone).
 */
export interface CcxtOrderLike {
  id?: Str;
  clientOrderId?: Str;
  timestamp?: Num;
  lastTradeTimestamp?: Num;
  /** `open`, `closed` (filled), `canceled`, `expired`, `rejected`, or undefined. */
  status?: Str;
  symbol?: Str;
  side?: Str;
  type?: Str;
  price?: Num;
  /** Average fill price. */
  average?: Num;
  amount?: Num;
  filled?: Num;
  remaining?: Num;
  /** `filled × average`, in quote units. */
  cost?: Num;
  trades?: CcxtTradeLike[] | undefined;
  fee?: CcxtFeeLike | undefined;
  fees?: (CcxtFeeLike | undefined)[] | undefined;
}

/** What `fetchBalance` answers: `{ BTC: { free, used, total }, …, info, free: {…}, used: {…}, total: {…} }`. */
export type CcxtBalancesLike = Record<string, unknown>;

/**
 * The part of a ccxt exchange that the trading venue calls: a real `new ccxt.binance({ apiKey, secret })`
 * is one (checked by the typecheck of the tests).
 */
export interface CcxtTradingExchangeLike {
  id: string;
  /** ccxt's capability flags: `true`, `'emulated'`, or `false`/absent. */
  has: Record<string, boolean | 'emulated' | undefined>;
  apiKey?: string | undefined;
  secret?: string | undefined;
  password?: string | undefined;
  loadMarkets(): Promise<Record<string, unknown>>;
  createOrder(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price?: Num,
    params?: Params,
  ): Promise<CcxtOrderLike>;
  /** By the exchange's id, or (on exchanges that support it) by `params.clientOrderId` with no id. */
  fetchOrder(id: Str, symbol?: Str, params?: Params): Promise<CcxtOrderLike>;
  fetchOpenOrders(symbol?: Str, since?: Num, limit?: Num, params?: Params): Promise<CcxtOrderLike[]>;
  fetchClosedOrders(symbol?: Str, since?: Num, limit?: Num, params?: Params): Promise<CcxtOrderLike[]>;
  fetchOrderTrades?(
    id: string,
    symbol?: Str,
    since?: Num,
    limit?: Num,
    params?: Params,
  ): Promise<CcxtTradeLike[]>;
  fetchMyTrades?(symbol?: Str, since?: Num, limit?: Num, params?: Params): Promise<CcxtTradeLike[]>;
  cancelOrder(id: string, symbol?: Str, params?: Params): Promise<CcxtOrderLike>;
  fetchBalance(params?: Params): Promise<CcxtBalancesLike>;
  /** The amount as the exchange takes it (ccxt truncates to the market's lot). */
  amountToPrecision(symbol: string, amount: string): Str;
  /** The price as the exchange takes it (ccxt rounds to the market's tick). */
  priceToPrecision(symbol: string, price: string): Str;
  setSandboxMode?(enabled: boolean): void;
  close?(): Promise<unknown>;
}

/**
 * How the venue finds an order by its `clientOrderId`:
 * - `fetchOrder`: `fetchOrder(undefined, symbol, { clientOrderId })`, one exact request; only some ccxt
 *   exchanges read `clientOrderId` there (see {@link FETCH_ORDER_BY_CLIENT_ID});
 * - `openAndClosedOrders`: `fetchOpenOrders(symbol)`, then `fetchClosedOrders(symbol, since)` with
 *   `since` a little before the order was created, filtered by `clientOrderId`.
 */
export type ClientOrderIdLookup = 'fetchOrder' | 'openAndClosedOrders';

/**
 * Exchanges whose ccxt `fetchOrder` looks an order up by `params.clientOrderId` (read in ccxt's source:
 * Binance `origClientOrderId`, OKX `clOrdId`, Bitget `clientOid`, MEXC `origClientOrderId`).
 */
export const FETCH_ORDER_BY_CLIENT_ID: ReadonlySet<string> = new Set([
  'binance',
  'binanceus',
  'okx',
  'bitget',
  'mexc',
]);

/**
 * The lookup an exchange supports: {@link FETCH_ORDER_BY_CLIENT_ID} with `fetchOrder`, else open and closed
 * order listings; `undefined` when it has neither (its orders could not be reconciled).
 */
export function defaultClientOrderIdLookup(
  exchange: CcxtTradingExchangeLike,
): ClientOrderIdLookup | undefined {
  if (FETCH_ORDER_BY_CLIENT_ID.has(exchange.id) && exchange.has.fetchOrder) return 'fetchOrder';
  if (exchange.has.fetchOpenOrders && exchange.has.fetchClosedOrders) return 'openAndClosedOrders';
  return undefined;
}
