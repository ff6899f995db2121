import { MarketDataError } from '@sigmax/engine';
import { BadSymbol, BaseError, DDoSProtection, NetworkError, RateLimitExceeded } from 'ccxt';

/**
 * Turns a ccxt error into a {@link MarketDataError} with a stable code:
 * - `rate_limited`: DDoSProtection, RateLimitExceeded (checked first: ccxt files both under NetworkError);
 * - `exchange_unavailable`: every other NetworkError: ExchangeNotAvailable, OnMaintenance, RequestTimeout,
 *   and failed connections;
 * - `bad_symbol`: BadSymbol, which ccxt also throws for a symbol the exchange does not list;
 * - `exchange_error`: any other ccxt error (the exchange answered, but with an error).
 * Anything that is not a ccxt error is a bug of ours and is returned unchanged, to be rethrown as it is.
 *
 * @example
 * try { await exchange.fetchTicker(symbol) } catch (error) { throw mapCcxtError(error, 'binance fetchTicker') }
 */
export function mapCcxtError(error: unknown, context: string): unknown {
  if (error instanceof MarketDataError || !(error instanceof BaseError)) return error;
  const message = `${context}: ${error.message}`;
  if (error instanceof DDoSProtection || error instanceof RateLimitExceeded) {
    return new MarketDataError('rate_limited', message, { cause: error });
  }
  if (error instanceof NetworkError)
    return new MarketDataError('exchange_unavailable', message, { cause: error });
  if (error instanceof BadSymbol) return new MarketDataError('bad_symbol', message, { cause: error });
  return new MarketDataError('exchange_error', message, { cause: error });
}
