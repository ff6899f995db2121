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
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  InternalServerError,
  LastAdminKeyError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SigmaxError,
  UnprocessableEntityError,
} from './core/errors';
export { Page, type PageParams, PagePromise } from './core/pagination';
export type { Fetch, RequestOptions } from './core/request';
export type { components, operations, paths } from './generated/openapi';
export { ApiKeys } from './resources/api-keys';
export type {
  ApiKey,
  ApiKeyCreated,
  ApiKeyCreateParams,
  ApiKeyList,
  ApiKeyListParams,
  ErrorCode,
  FieldError,
  Health,
  Problem,
  Scope,
  Status,
} from './types';
