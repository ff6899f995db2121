import { SigmaxError } from './errors';

/**
 * Builds a request path from a template, percent-encoding every interpolated value so an id can
 * never add segments, a query or a fragment.
 *
 * @example
 * ```ts
 * path`/v1/api-keys/${id}`; // id 'a/b?c' → '/v1/api-keys/a%2Fb%3Fc'
 * ```
 */
export function path(strings: TemplateStringsArray, ...params: string[]): string {
  let result = strings[0] ?? '';
  params.forEach((param, index) => {
    const value = String(param);
    // '.' and '..' survive encodeURIComponent and URL resolution would then climb out of the path.
    if (value === '' || value === '.' || value === '..') {
      throw new SigmaxError(`Invalid path parameter: ${JSON.stringify(value)}.`);
    }
    result += encodeURIComponent(value) + (strings[index + 1] ?? '');
  });
  return result;
}

/**
 * A market symbol as the server's path segment: `BTC/USDT` becomes `BTC-USDT`. A symbol that already
 * holds a `-` keeps its `/`, which `path` percent-encodes (`BTC%2FUSDT`), so the server can still tell
 * the base from the quote.
 *
 * @example
 * ```ts
 * path`/v1/markets/${symbolSegment('BTC/USDT')}`; // '/v1/markets/BTC-USDT'
 * ```
 */
export function symbolSegment(symbol: string): string {
  return symbol.includes('-') ? symbol : symbol.replace('/', '-');
}
