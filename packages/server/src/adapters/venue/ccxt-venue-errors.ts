import { VenueError, type VenueErrorCode } from '@sigmax/engine';
import {
  AuthenticationError,
  BadRequest,
  BaseError,
  DDoSProtection,
  DuplicateOrderId,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  NetworkError,
  NotSupported,
  OperationRejected,
  OrderNotFound,
  RateLimitExceeded,
} from 'ccxt';

/** What a failed `createOrder` means for the order. */
export type PlaceFailure =
  /** Nothing was placed and the order is not at fault (funds, credentials, rate limit): a {@link VenueError}. */
  | { kind: 'certain'; code: VenueErrorCode }
  /** The exchange refused this order (bad size, post-only would take, market closed…): `rejected`. */
  | { kind: 'rejected' }
  /** The exchange already has an order with this `clientOrderId`: look it up. */
  | { kind: 'duplicate' }
  /** The request may have reached the exchange (timeout, dropped connection, garbled answer): `unknown`. */
  | { kind: 'ambiguous' };

/**
 * Sorts a `createOrder` failure. Only the ccxt classes that say for sure what happened are certain or
 * rejected; everything else — NetworkError (RequestTimeout, ExchangeNotAvailable, OnMaintenance…),
 * OperationFailed (BadResponse, NullResponse: Binance's "execution status unknown"), a generic
 * ExchangeError, and errors that are not ccxt's — is ambiguous, because the exchange may have the order.
 * ccxt files RateLimitExceeded, DDoSProtection and InvalidNonce under NetworkError, but each means the
 * request was refused before any order was made.
 */
export function classifyPlaceFailure(error: unknown): PlaceFailure {
  if (!(error instanceof BaseError)) return { kind: 'ambiguous' };
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) {
    return { kind: 'certain', code: 'rate_limited' };
  }
  if (error instanceof InvalidNonce) return { kind: 'certain', code: 'exchange_error' };
  if (error instanceof NetworkError) return { kind: 'ambiguous' };
  if (error instanceof InsufficientFunds) return { kind: 'certain', code: 'insufficient_funds' };
  if (error instanceof AuthenticationError) return { kind: 'certain', code: 'exchange_error' };
  // Binance answers a reused clientOrderId with a plain InvalidOrder "Duplicate order sent."
  if (
    error instanceof DuplicateOrderId ||
    (error instanceof InvalidOrder && /duplicate/i.test(error.message))
  ) {
    return { kind: 'duplicate' };
  }
  if (
    error instanceof InvalidOrder ||
    error instanceof BadRequest ||
    error instanceof OperationRejected ||
    error instanceof NotSupported
  ) {
    return { kind: 'rejected' };
  }
  return { kind: 'ambiguous' };
}

/**
 * The {@link VenueErrorCode} of a failed call that changes nothing (loading markets, looking an order
 * up, reading balances): `rate_limited` for RateLimitExceeded and DDoSProtection, `exchange_unavailable`
 * for every other NetworkError but InvalidNonce, `insufficient_funds`, `order_not_found` for
 * OrderNotFound, and `exchange_error` for anything else the exchange answered.
 */
export function venueErrorCode(error: BaseError): VenueErrorCode {
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) return 'rate_limited';
  if (error instanceof NetworkError && !(error instanceof InvalidNonce)) return 'exchange_unavailable';
  if (error instanceof InsufficientFunds) return 'insufficient_funds';
  if (error instanceof OrderNotFound) return 'order_not_found';
  return 'exchange_error';
}

/** Replaces every occurrence of a secret in a text with `***`. */
export type Redact = (text: string) => string;

/**
 * A {@link Redact} for these secrets (and their URL-encoded forms: ccxt error messages may quote a
 * request URL). Empty and undefined secrets are ignored.
 */
export function secretRedactor(secrets: readonly (string | undefined)[]): Redact {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of sorted) out = out.split(needle).join('***');
    return out;
  };
}

const MAX_MESSAGE = 500;

/**
 * `Name: message` of an error, secrets redacted, cut to 500 characters (an exchange behind a CDN may
 * answer a whole HTML page). Redacted before it is cut, so no part of a secret survives the cut.
 */
export function describeError(error: unknown, redact: Redact): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const text = redact(`${name}: ${message}`);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** Redacts the secrets out of an error's own message and stack, so it can be kept as a `cause` and logged. */
export function scrubError(error: unknown, redact: Redact): void {
  if (!(error instanceof Error)) return;
  error.message = redact(error.message);
  if (typeof error.stack === 'string') error.stack = redact(error.stack);
}

/**
 * A ccxt failure of a call that changed nothing, as a {@link VenueError} (see {@link venueErrorCode}),
 * with the secrets redacted from its message and from the ccxt error kept as its cause. Anything that is
 * not a ccxt error is a bug of ours and is returned unchanged, to be rethrown as it is.
 *
 * @example
 * try { await exchange.fetchBalance() } catch (error) { throw toVenueError(error, 'binance fetchBalance', redact) }
 */
export function toVenueError(error: unknown, context: string, redact: Redact): unknown {
  if (error instanceof VenueError || !(error instanceof BaseError)) return error;
  return certainVenueError(error, venueErrorCode(error), context, redact);
}

/** A {@link VenueError} with this code for a ccxt failure (secrets redacted, the ccxt error as cause). */
export function certainVenueError(
  error: BaseError,
  code: VenueErrorCode,
  context: string,
  redact: Redact,
): VenueError {
  scrubError(error, redact);
  const hint =
    error instanceof AuthenticationError
      ? 'the exchange refused the API key or its permissions (check the key, its secret and what it may do): '
      : error instanceof InvalidNonce
        ? 'the exchange refused the request time (is this machine’s clock right?): '
        : '';
  return new VenueError(code, `${context}: ${hint}${describeError(error, redact)}`, { cause: error });
}
