export {
  ANALYSIS_MIN_CANDLES,
  ANALYSIS_WARMUP,
  analyze,
  HISTORY_MARGIN,
  MAX_DEBATE_ROUNDS,
} from './analysis/analyze';
export { analysisInputHash, canonicalAnalysisInput, canonicalJson } from './analysis/canonical';
export { AnalysisInputError, type AnalysisInputErrorCode, InsufficientHistoryError } from './analysis/errors';
export { defaultAnalysisParameters } from './analysis/parameters';
export {
  REDACTION_CATEGORIES,
  type Redaction,
  type RedactionCategory,
  redact,
  redactText,
} from './analysis/redact';
export { SENTIMENT_LEXICON, type SentimentScore, sentiment } from './analysis/sentiment';
export type {
  AgentFinding,
  AgentName,
  AnalysisInput,
  AnalysisParameters,
  AnalysisResult,
  DebateTurn,
  Decision,
  DecisionAction,
  Evidence,
  NewsItem,
  Verdict,
} from './analysis/types';
export { ENGINE_VERSION } from './analysis/version';
export { type Clock, ManualClock, systemClock } from './clock';
export {
  Decimal,
  DecimalError,
  type DecimalErrorCode,
  type DecimalInput,
  type RoundingMode,
} from './decimal';
export {
  Adx,
  type AdxOutput,
  Atr,
  adx,
  adxLookback,
  atr,
  atrLookback,
  Bbands,
  type BbandsOutput,
  bbands,
  bbandsLookback,
  computeIndicator,
  createIndicator,
  diLookback,
  Ema,
  type EmaSeed,
  ema,
  emaLookback,
  INDICATOR_NAMES,
  INDICATORS,
  type IncrementalIndicator,
  type IndicatorDefinition,
  type IndicatorName,
  type IndicatorParam,
  type IndicatorSeries,
  type IndicatorSpec,
  IndicatorSpecError,
  type IndicatorSpecErrorCode,
  type IndicatorStream,
  indicatorWarmup,
  MAX_PERIOD,
  Macd,
  type MacdOutput,
  macd,
  macdLookback,
  Obv,
  obv,
  obvLookback,
  type PriceBar,
  parseIndicatorSpec,
  RollingExtreme,
  RollingVolumeProfile,
  Rsi,
  rollingVolumeProfile,
  rsi,
  rsiLookback,
  Sma,
  Stoch,
  type StochOutput,
  sma,
  smaLookback,
  stoch,
  stochLookback,
  trueRange,
  VALUE_AREA,
  type VolumeBar,
  type VolumeProfile,
  type VolumeProfileSeries,
  Vwap,
  type VwapSession,
  volumeProfile,
  volumeProfileLookback,
  vwap,
  vwapLookback,
  Willr,
  willr,
  willrLookback,
} from './indicators';
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
