export { type ClientOptions, Sigmax } from './client';
export { APIPromise, type APIResponse } from './core/api-promise';
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DuplicateClientOrderIdError,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  InternalServerError,
  LastAdminKeyError,
  NotFoundError,
  OrderNotCancelableError,
  PermissionDeniedError,
  RateLimitError,
  SigmaxError,
  UnprocessableEntityError,
} from './core/errors';
export { Page, type PageParams, PagePromise } from './core/pagination';
export type { Fetch, RequestOptions } from './core/request';
export type { components, operations, paths } from './generated/openapi';
export { ApiKeys } from './resources/api-keys';
export { Fills } from './resources/fills';
export { Markets } from './resources/markets';
export { Orders } from './resources/orders';
export { EquityHistoryPage, PortfolioResource } from './resources/portfolio';
export { Positions } from './resources/positions';
export type {
  ApiKey,
  ApiKeyCreated,
  ApiKeyCreateParams,
  ApiKeyList,
  ApiKeyListParams,
  Balance,
  CancelAllResult,
  Candle,
  CandleList,
  CandleListParams,
  EquityHistory,
  EquityHistoryParams,
  EquityPoint,
  ErrorCode,
  FieldError,
  Fill,
  FillList,
  FillListParams,
  Health,
  Market,
  MarketList,
  Order,
  OrderBook,
  OrderBookParams,
  OrderCancelAllParams,
  OrderConflictProblem,
  OrderCreateParams,
  OrderList,
  OrderListParams,
  OrderReplaceParams,
  OrderSide,
  OrderStatus,
  OrderTransition,
  OrderTransitionList,
  OrderType,
  Portfolio,
  Position,
  PositionList,
  PriceLevel,
  Problem,
  Scope,
  Status,
  Ticker,
  Timeframe,
  TimeInForce,
} from './types';
