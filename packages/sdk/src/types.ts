import type { components, operations } from './generated/openapi';

type Schemas = components['schemas'];

/** RFC 9457 problem details, the body of every error response. */
export type Problem = Schemas['Problem'];
/** Stable machine-readable error code. The server may add codes; handle unknown ones by status. */
export type ErrorCode = Schemas['ErrorCode'];
/** One invalid field of a `validation_failed` problem. */
export type FieldError = Schemas['FieldError'];
/** `GET /v1/health`. */
export type Health = Schemas['Health'];
/** What an API key may do: `admin` implies `trade`, which implies `read`. */
export type Scope = Schemas['Scope'];
/** `GET /v1/status`: the server as seen by the calling key. */
export type Status = Schemas['Status'];
/** An API key without its secret. */
export type ApiKey = Schemas['ApiKey'];
/** A new API key with its secret `key`, which the server shows only once. */
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
/** Body of `POST /v1/api-keys`. */
export type ApiKeyCreateParams = Schemas['ApiKeyCreate'];
/** One page of `GET /v1/api-keys` as the server sends it. */
export type ApiKeyList = Schemas['ApiKeyList'];
/** Query of `GET /v1/api-keys`. */
export type ApiKeyListParams = NonNullable<operations['apiKeys.list']['parameters']['query']>;

// Markets. Prices and quantities are decimal strings, passed through as the server sends them.

/** A candle timeframe, e.g. `1h`. */
export type Timeframe = Schemas['Timeframe'];
/** A tradable market and its trading rules (`tickSize`, `lotSize`, `minQuantity`, `minNotional`). */
export type Market = Schemas['Market'];
/** `GET /v1/markets`: every market of the configured market-data source. */
export type MarketList = Schemas['MarketList'];
/** One closed OHLCV bar; `time` is its open time. */
export type Candle = Schemas['Candle'];
/** `GET /v1/markets/{symbol}/candles`: closed candles, oldest first. */
export type CandleList = Schemas['CandleList'];
/** Query of `GET /v1/markets/{symbol}/candles`; `timeframe` is required. */
export type CandleListParams = operations['markets.candles']['parameters']['query'];
/** Latest price, best bid and ask; do not trade on a `stale` one. */
export type Ticker = Schemas['Ticker'];
/** `[price, quantity]`. */
export type PriceLevel = Schemas['PriceLevel'];
/** An order book snapshot, best levels first. */
export type OrderBook = Schemas['OrderBook'];
/** Query of `GET /v1/markets/{symbol}/orderbook`. */
export type OrderBookParams = NonNullable<operations['markets.orderBook']['parameters']['query']>;
/** One indicator's series: its outputs (`value`, or `macd`/`signal`/`histogram`, ...), `null` in the warm-up. */
export type IndicatorSeries = Schemas['IndicatorSeries'];
/** `GET /v1/markets/{symbol}/indicators`: candle open times and each indicator's series aligned with them. */
export type IndicatorSeriesList = Schemas['IndicatorSeriesList'];
/**
 * Query of `GET /v1/markets/{symbol}/indicators`; `timeframe` and `names` are required. `names` is
 * `'rsi:14,macd:12:26:9'` or the same entries as a list (`['rsi:14', 'macd:12:26:9']`).
 */
export type IndicatorParams = Omit<operations['markets.indicators']['parameters']['query'], 'names'> & {
  names: string | readonly string[];
};

// Orders and fills.

/** `buy` or `sell`. */
export type OrderSide = Schemas['OrderSide'];
/** `market` or `limit`. */
export type OrderType = Schemas['OrderType'];
/** `GTC`, `IOC` or `FOK`. */
export type TimeInForce = Schemas['TimeInForce'];
/** Where an order stands in its life cycle. */
export type OrderStatus = Schemas['OrderStatus'];
/** An order, as the venue left it. */
export type Order = Schemas['Order'];
/**
 * Body of `POST /v1/orders`. `postOnly` is optional, as in the spec: the generator makes every field
 * with a default required, which is right for responses but not for what a caller sends.
 */
export type OrderCreateParams = Omit<Schemas['OrderCreate'], 'postOnly'> &
  Partial<Pick<Schemas['OrderCreate'], 'postOnly'>>;
/** Body of `POST /v1/orders/{id}/replace`: at least one of `quantity`, `price`, `clientOrderId`. */
export type OrderReplaceParams = Schemas['OrderReplace'];
/** One page of `GET /v1/orders` as the server sends it. */
export type OrderList = Schemas['OrderList'];
/** Query of `GET /v1/orders`. */
export type OrderListParams = NonNullable<operations['orders.list']['parameters']['query']>;
/** Query of `DELETE /v1/orders`. */
export type OrderCancelAllParams = NonNullable<operations['orders.cancelAll']['parameters']['query']>;
/** `DELETE /v1/orders`: the orders that were canceled. */
export type CancelAllResult = Schemas['CancelAllResult'];
/** One status change of an order. */
export type OrderTransition = Schemas['OrderTransition'];
/** `GET /v1/orders/{id}/transitions`: every status change, oldest first. */
export type OrderTransitionList = Schemas['OrderTransitionList'];
/** The problem of a 409 about an order: `order` is the existing order, or the order as it now stands. */
export type OrderConflictProblem = Schemas['OrderConflictProblem'];
/** One execution of an order. */
export type Fill = Schemas['Fill'];
/** One page of `GET /v1/fills` as the server sends it. */
export type FillList = Schemas['FillList'];
/** Query of `GET /v1/fills`. */
export type FillListParams = NonNullable<operations['fills.list']['parameters']['query']>;

// Positions and portfolio.

/** An open position, marked to the market. */
export type Position = Schemas['Position'];
/** `GET /v1/positions`. */
export type PositionList = Schemas['PositionList'];
/** One asset's balance; `locked` is reserved by open orders. */
export type Balance = Schemas['Balance'];
/** `GET /v1/portfolio`: balances, positions and equity in the quote asset. */
export type Portfolio = Schemas['Portfolio'];
/** One point of the equity history. */
export type EquityPoint = Schemas['EquityPoint'];
/** One page of `GET /v1/portfolio/history` as the server sends it. */
export type EquityHistory = Schemas['EquityHistory'];
/** Query of `GET /v1/portfolio/history`. */
export type EquityHistoryParams = NonNullable<operations['portfolio.history']['parameters']['query']>;

// Analyses. Sizes and prices are decimal strings; confidences and scores are numbers.

/** `buy`, `sell` or `hold`. */
export type DecisionAction = Schemas['DecisionAction'];
/** One of the agents: researcher, technical, bull, bear, judge, risk, privacy, optimizer. */
export type AgentName = Schemas['AgentName'];
/** A number (or label) an agent's finding rests on. */
export type Evidence = Schemas['Evidence'];
/** What one agent found: a summary, a score from −1 (bearish) to +1 (bullish), evidence and warnings. */
export type AgentFinding = Schemas['AgentFinding'];
/** One turn of the bull/bear debate. */
export type DebateTurn = Schemas['DebateTurn'];
/** The judge's verdict on the debate. */
export type Verdict = Schemas['Verdict'];
/** The decision: action, confidence, suggested size, entry, stop-loss and take-profit. */
export type Decision = Schemas['Decision'];
/** Where an analysis comes from: the hash of its inputs, the engine version, parameters, candles. */
export type Provenance = Schemas['Provenance'];
/** A multi-agent analysis of one market. */
export type Analysis = Schemas['Analysis'];
/**
 * Body of `POST /v1/analyses`. `debateRounds` is optional, as in the spec (the generator makes every
 * field with a default required).
 */
export type AnalysisCreateParams = Omit<Schemas['AnalysisCreate'], 'debateRounds'> &
  Partial<Pick<Schemas['AnalysisCreate'], 'debateRounds'>>;
/** One page of `GET /v1/analyses` as the server sends it. */
export type AnalysisList = Schemas['AnalysisList'];
/** Query of `GET /v1/analyses`. */
export type AnalysisListParams = NonNullable<operations['analyses.list']['parameters']['query']>;
/** The bull/bear debate of a past analysis. */
export type Debate = Schemas['Debate'];
/** One page of `GET /v1/debates` as the server sends it. */
export type DebateList = Schemas['DebateList'];
/** Query of `GET /v1/debates`. */
export type DebateListParams = NonNullable<operations['debates.list']['parameters']['query']>;
