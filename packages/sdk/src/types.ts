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
