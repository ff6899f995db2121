import type { APIPromise } from '../core/api-promise';
import { Page, type PagePromise } from '../core/pagination';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { EquityHistory, EquityHistoryParams, EquityPoint, Portfolio } from '../types';

/**
 * One page of the equity history: the points, and the quote asset every amount is in.
 *
 * @example
 * ```ts
 * const page = await sigmax.portfolio.history({ limit: 100 });
 * console.log(page.quoteAsset, page.data.at(-1)?.equity);
 * ```
 */
export class EquityHistoryPage extends Page<EquityPoint> {
  /** The asset `equity`, `cash` and the other amounts are in, e.g. `USDT`. */
  readonly quoteAsset: string;

  /** @internal */
  constructor(body: EquityHistory, fetchPage: (cursor: string) => Promise<EquityHistoryPage>) {
    super(body, fetchPage);
    this.quoteAsset = body.quoteAsset;
  }
}

/**
 * The account as a whole: balances, positions and equity, and equity over time (`sigmax.portfolio`;
 * named so as not to clash with the `Portfolio` type it returns). Needs the `read` scope.
 *
 * @example
 * ```ts
 * const { equity, cash, quoteAsset } = await sigmax.portfolio.get();
 * console.log(`${equity} ${quoteAsset}, of which ${cash} cash`);
 * ```
 */
export class PortfolioResource {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Balances, positions and equity, everything in the account's quote asset:
   * `equity = cash + positionsValue`.
   *
   * @example
   * ```ts
   * const portfolio = await sigmax.portfolio.get();
   * for (const balance of portfolio.balances) console.log(balance.asset, balance.free, balance.locked);
   * ```
   */
  get(options?: RequestOptions): APIPromise<Portfolio> {
    return this.#http.get('/v1/portfolio', options);
  }

  /**
   * Equity over time, oldest first: one point per interval while the server runs, and one after
   * every fill. `await` it for one page (with its `quoteAsset`), or `for await` it for every point.
   *
   * @example
   * ```ts
   * for await (const point of sigmax.portfolio.history({ since: '2025-01-01T00:00:00Z' })) {
   *   console.log(point.time, point.equity);
   * }
   * ```
   */
  history(
    params: EquityHistoryParams = {},
    options?: RequestOptions,
  ): PagePromise<EquityPoint, EquityHistoryPage> {
    return this.#http.getPage<EquityPoint, EquityHistoryPage>(
      '/v1/portfolio/history',
      params,
      options,
      (body, fetchPage) => new EquityHistoryPage(body as EquityHistory, fetchPage),
    );
  }
}
