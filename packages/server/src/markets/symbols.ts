import { ApiError } from '../problem';

/**
 * A market symbol in a URL path: `BTC-USDT`, or `BTC/USDT` once the router has decoded `BTC%2FUSDT`.
 * Base and quote are what the engine accepts in an order (`parseSymbol`): 1 to 20 upper-case letters or
 * digits each.
 */
const PATH_SYMBOL = /^([A-Z0-9]{1,20})[-/]([A-Z0-9]{1,20})$/;

/**
 * The unified symbol (`BTC/USDT`) a path segment names, or `undefined` when it is not one.
 *
 * @example
 * symbolFromParam('BTC-USDT'); // 'BTC/USDT'
 * symbolFromParam('BTC/USDT'); // 'BTC/USDT' (the router's decoding of BTC%2FUSDT)
 * symbolFromParam('BTCUSDT');  // undefined
 */
export function symbolFromParam(param: string): string | undefined {
  const match = PATH_SYMBOL.exec(param);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/**
 * The unified symbol of a `{symbol}` path parameter, as Hono hands it over (`pathParam(c, 'symbol')`,
 * already percent-decoded). Anything that cannot name a market answers 404 `not_found`, as an unknown
 * market does.
 *
 * @example
 * const symbol = parseSymbolParam(pathParam(c, 'symbol')); // 'BTC/USDT' for BTC-USDT and BTC%2FUSDT
 */
export function parseSymbolParam(param: string): string {
  const symbol = symbolFromParam(param);
  if (!symbol) {
    const shown = param.length > 64 ? `${param.slice(0, 64)}…` : param;
    throw new ApiError(
      404,
      'not_found',
      `No market ${JSON.stringify(shown)}: name a market as BASE-QUOTE (BTC-USDT) or BASE%2FQUOTE.`,
    );
  }
  return symbol;
}
