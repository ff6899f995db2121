import type { APIPromise } from './core/api-promise';
import { SigmaxError } from './core/errors';
import { checkLimits, type Fetch, HTTPClient, type RequestOptions } from './core/request';
import { Analyses } from './resources/analyses';
import { ApiKeys } from './resources/api-keys';
import { Audit } from './resources/audit';
import { Backtests } from './resources/backtests';
import { Control } from './resources/control';
import { Debates } from './resources/debates';
import { Events } from './resources/events';
import { Fills } from './resources/fills';
import { Markets } from './resources/markets';
import { Metrics } from './resources/metrics';
import { Orders } from './resources/orders';
import { PortfolioResource } from './resources/portfolio';
import { Positions } from './resources/positions';
import { Proposals } from './resources/proposals';
import { Safety } from './resources/safety';
import { Strategies } from './resources/strategies';
import type { Health, Status } from './types';

/**
 * Options of `new Sigmax()`. Every one is optional.
 *
 * @example
 * ```ts
 * const sigmax = new Sigmax({ baseUrl: 'https://sigmax.example.com', timeout: 10_000, maxRetries: 5 });
 * ```
 */
export interface ClientOptions {
  /** Server URL. Default: `SIGMAX_URL` from the environment, else `http://localhost:8080`. */
  baseUrl?: string;
  /** API key sent as `Authorization: Bearer`. Default: `SIGMAX_API_KEY` from the environment. */
  apiKey?: string;
  /** Milliseconds to wait for each attempt's response and body. Default: 60 000. */
  timeout?: number;
  /** Retries after a connection error, timeout, 408, 429 or 5xx (not 501). Default: 2. */
  maxRetries?: number;
  /** `fetch` to use instead of the global one, e.g. to add a proxy or to test. */
  fetch?: Fetch;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

const DEFAULT_BASE_URL = 'http://localhost:8080';
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * The SIGMAX API client. Works wherever `fetch` does: Node.js 22+, browsers, Deno, Bun and edge
 * runtimes.
 *
 * @example
 * ```ts
 * import { Sigmax } from '@sigmax/sdk';
 *
 * const sigmax = new Sigmax({ baseUrl: 'http://localhost:8080', apiKey: 'sk_sigmax_…' });
 * const status = await sigmax.status();
 * console.log(status.version, status.apiKey.scopes);
 * ```
 */
export class Sigmax {
  /** The server URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** Default per-attempt timeout in milliseconds. */
  readonly timeout: number;
  /** Default number of retries. */
  readonly maxRetries: number;
  /** API keys and their scopes (needs an `admin` key). */
  readonly apiKeys: ApiKeys;
  /** Markets and their rules, candles, tickers and order books. */
  readonly markets: Markets;
  /** Placing, listing, replacing and canceling orders. */
  readonly orders: Orders;
  /** Fills (executions) of your orders. */
  readonly fills: Fills;
  /** Open positions, and closing them. */
  readonly positions: Positions;
  /** Balances, positions and equity, and equity over time. */
  readonly portfolio: PortfolioResource;
  /** The multi-agent analysis of a market: run, list, explain and rerun analyses. */
  readonly analyses: Analyses;
  /** The bull/bear debates of past analyses. */
  readonly debates: Debates;
  /** The strategies a backtest can run, with their typed parameters. */
  readonly strategies: Strategies;
  /** Backtests, parameter searches, walk-forward and Monte Carlo jobs: start, follow, cancel, chart. */
  readonly backtests: Backtests;
  /** Live events over Server-Sent Events (resumable, reconnecting), and the stored ones. */
  readonly events: Events;
  /** The tamper-evident audit log and the check of its hash chain (needs an `admin` key). */
  readonly audit: Audit;
  /** The server's Prometheus metrics, as text. */
  readonly metrics: Metrics;
  /** Trade proposals from analyses: create, approve or reject, execute. */
  readonly proposals: Proposals;
  /** The safety state, its triggers and locks, and the limits (changing them needs `admin`). */
  readonly safety: Safety;
  /** Pause, resume, the panic switch, and the autonomous loop. */
  readonly control: Control;
  // Held privately, unlike the other options, so that logging the client never prints the key.
  readonly #http: HTTPClient;

  constructor(options: ClientOptions = {}) {
    const baseUrl = (options.baseUrl ?? readEnv('SIGMAX_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    if (!isHttpUrl(baseUrl)) {
      throw new SigmaxError(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
    }
    this.baseUrl = baseUrl;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    checkLimits(this.timeout, this.maxRetries);
    if (typeof (options.fetch ?? globalThis.fetch) !== 'function') {
      throw new SigmaxError('No fetch function: pass one as the `fetch` option.');
    }
    this.#http = new HTTPClient({
      baseUrl,
      apiKey: options.apiKey ?? readEnv('SIGMAX_API_KEY'),
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      // Looked up at call time, so that a global fetch patched after construction (tracing,
      // test mocks) is still used.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      defaultHeaders: { ...options.defaultHeaders },
    });
    this.apiKeys = new ApiKeys(this.#http);
    this.markets = new Markets(this.#http);
    this.orders = new Orders(this.#http);
    this.fills = new Fills(this.#http);
    this.positions = new Positions(this.#http);
    this.portfolio = new PortfolioResource(this.#http);
    this.analyses = new Analyses(this.#http);
    this.debates = new Debates(this.#http);
    this.strategies = new Strategies(this.#http);
    this.audit = new Audit(this.#http);
    this.metrics = new Metrics(this.#http);
    this.events = new Events(this.#http, {
      baseUrl,
      apiKey: options.apiKey ?? readEnv('SIGMAX_API_KEY'),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      defaultHeaders: { ...options.defaultHeaders },
    });
    this.backtests = new Backtests(this.#http);
    this.proposals = new Proposals(this.#http);
    this.safety = new Safety(this.#http);
    this.control = new Control(this.#http);
  }

  /**
   * Liveness and readiness. Needs no API key. A server whose database does not answer replies 503
   * with `status: 'degraded'`; that resolves like a 200 rather than throwing, since it is the answer
   * to the question asked.
   *
   * @example
   * ```ts
   * const health = await sigmax.health();
   * if (health.status !== 'ok') console.warn('database is', health.database);
   * ```
   */
  health(options?: RequestOptions): APIPromise<Health> {
    return this.#http.get('/v1/health', options, { okStatuses: [503] });
  }

  /**
   * The server as seen by the calling key: version, uptime, trading mode, the key's scopes.
   *
   * @example
   * ```ts
   * const { tradingMode, apiKey } = await sigmax.status();
   * ```
   */
  status(options?: RequestOptions): APIPromise<Status> {
    return this.#http.get('/v1/status', options);
  }
}

/**
 * An environment variable where there is a `process.env` (Node.js, Bun, Deno), `undefined`
 * elsewhere. Read through globalThis so bundlers for browsers and edge runtimes see no Node API.
 */
function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
      name
    ];
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
