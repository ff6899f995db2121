export { type Clock, ManualClock, systemClock } from './clock';
export {
  Decimal,
  DecimalError,
  type DecimalErrorCode,
  type DecimalInput,
  type RoundingMode,
} from './decimal';
export { InsufficientFundsError, LedgerError, type LedgerErrorCode } from './ledger/errors';
export {
  type Balance,
  Ledger,
  type LedgerEntry,
  type LedgerEntryKind,
  type LedgerOptions,
  type LedgerSnapshot,
  orderReservation,
  type Position,
  type PositionValuation,
  type Reservation,
  type Valuation,
} from './ledger/ledger';
export {
  CandleSeriesFeed,
  type CandleSeriesFeedOptions,
  DEFAULT_BOOK_DEPTH,
  DEFAULT_CANDLE_LIMIT,
  MAX_CANDLE_LIMIT,
  type SeriesMarket,
} from './market/candle-series-feed';
export {
  type CandleGap,
  findGaps,
  firstCandleAtOrAfter,
  type ResampleOptions,
  resampleCandles,
} from './market/candles';
export { decimalsOf, roundToStep } from './market/price-steps';
export { ReplayClock, type ReplayClockOptions } from './market/replay-clock';
export { hashString, normalDraw, type RandomSource, seededRandom } from './market/seeded-random';
export {
  DEFAULT_SYNTHETIC_MARKETS,
  SyntheticFeed,
  type SyntheticFeedOptions,
  type SyntheticMarketSpec,
} from './market/synthetic-feed';
export { type SyntheticBookOptions, synthesizeOrderBook } from './market/synthetic-order-book';
export {
  barOpenTime,
  isTimeframe,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
  timeframeMs,
} from './market/timeframes';
export {
  type Candle,
  type CandleClose,
  type CandleFilter,
  type CandleListener,
  type CandleQuery,
  type Market,
  MarketDataError,
  type MarketDataErrorCode,
  type MarketDataFeed,
  type OrderBookSides,
  type OrderBookSnapshot,
  type PriceLevel,
  type Ticker,
  type Unsubscribe,
} from './market/types';
export {
  OrderNotFoundError,
  OrderStateError,
  type OrderStateErrorCode,
  OrderValidationError,
} from './orders/errors';
export {
  applyExecution,
  createOrder,
  type Execution,
  type Fill,
  type InstrumentRules,
  type Liquidity,
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  type Order,
  type OrderRequest,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  parseSymbol,
  remainingQuantity,
  restoreOrder,
  type StoredOrder,
  type SymbolAssets,
  TIME_IN_FORCES,
  type TimeInForce,
} from './orders/order';
export {
  cancelOrder,
  canTransition,
  isCancelable,
  isTerminal,
  ORDER_TRANSITIONS,
  type OrderTransition,
  TERMINAL_ORDER_STATUSES,
  transition,
} from './orders/state-machine';
export { type PaperConfig, type PaperSettings, paperSettings } from './paper/config';
export {
  type BookLevel,
  type MarketView,
  type MarketViewInput,
  marketView,
  type OrderBook,
  type TradedRange,
} from './paper/market-view';
export { type MatchResult, matchIncomingOrder, matchRestingOrder, restingLiquidity } from './paper/matching';
export {
  type ExchangeUpdate,
  type NewOrder,
  PaperExchange,
  type PaperExchangeOptions,
} from './paper/paper-exchange';
export { PAPER_REASONS } from './paper/reasons';
export { type Venue, VenueError, type VenueErrorCode, type VenueReport } from './venue';
