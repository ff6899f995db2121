import type { APIPromise } from '../core/api-promise';
import type { HTTPClient, RequestOptions } from '../core/request';

/**
 * The server's Prometheus metrics. Needs the `read` scope.
 *
 * @example
 * ```ts
 * const text = await sigmax.metrics.get();
 * console.log(text.split('\n').filter((line) => line.startsWith('sigmax_orders_total')));
 * ```
 */
export class Metrics {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * The metrics in the Prometheus text format (version 0.0.4), as the server's scrape endpoint
   * serves them: request latency by route, orders by status, fills, equity and P&L, safety state,
   * triggers, analysis and backtest timings, and the process's own figures.
   *
   * @example
   * ```ts
   * const text = await sigmax.metrics.get();
   * ```
   */
  get(options?: RequestOptions): APIPromise<string> {
    return this.#http.getText('/metrics', 'text/plain', options);
  }
}
