import { APIPromise } from '../core/api-promise';
import { APIUserAbortError, SigmaxError } from '../core/errors';
import type { PagePromise } from '../core/pagination';
import { path } from '../core/path';
import { type HTTPClient, RawBody, type RequestOptions } from '../core/request';
import { sleep } from '../core/retry';
import type { components, operations } from '../generated/openapi';

type Schemas = components['schemas'];

/** `run`, `search` (parameter search), `walk-forward` or `monte-carlo`. */
export type BacktestKind = Schemas['BacktestKind'];
/** `queued`, `running`, then `succeeded`, `failed` or `cancelled`. */
export type BacktestStatus = Schemas['BacktestStatus'];
/**
 * A backtest job: its status and `progress` (0 to 1), the request as it runs it and, once it has
 * succeeded, its report in `result`. A failed job says why in `error`.
 */
export type Backtest = Schemas['Backtest'];
/** A backtest job as lists show it: without the request and the report. */
export type BacktestSummary = Schemas['BacktestSummary'];
/** One page of `GET /v1/backtests` as the server sends it. */
export type BacktestList = Schemas['BacktestList'];
/**
 * Body of `POST /v1/backtests` (JSON): the strategy and its parameters, where the candles come from
 * (`market` or `inline`), the account settings and, by `kind`, `search`, `walkForward` or
 * `monteCarlo`. For candles in a CSV file, use `createFromCsv`.
 */
export type BacktestCreateParams = Schemas['BacktestCreate'];
/** Body of `createFromCsv`: a `BacktestCreateParams` whose `data` only names the symbol. */
export type BacktestUploadParams = Omit<BacktestCreateParams, 'data'> & {
  data: { source?: 'upload'; symbol: string };
};
/** Query of `GET /v1/backtests`. */
export type BacktestListParams = NonNullable<operations['backtests.list']['parameters']['query']>;
/** Query of `GET /v1/backtests/{id}/equity`. */
export type BacktestEquityParams = NonNullable<operations['backtests.equity']['parameters']['query']>;
/** The report of a finished job: the run, and the search, walk-forward or Monte Carlo report. */
export type BacktestReport = Schemas['BacktestReport'];
/** One backtest on the whole data: parameters, metrics, trades and the final account. */
export type BacktestRunReport = Schemas['BacktestRunReport'];
/** Performance figures: returns, drawdowns and ratios as fractions, money as decimal strings. */
export type BacktestMetrics = Schemas['BacktestMetrics'];
/** One round trip of a backtest. */
export type BacktestTrade = Schemas['BacktestTrade'];
/** `GET /v1/backtests/{id}/equity`: the equity and drawdown curve. */
export type BacktestEquity = Schemas['BacktestEquity'];
/** One point of a backtest's equity curve. */
export type EquitySample = Schemas['EquitySample'];

/** Options of `backtests.wait()`. */
export interface BacktestWaitOptions {
  /** Called with the job each time its status or progress changes, the final state included. */
  onProgress?: (backtest: Backtest) => void;
  /** Milliseconds between polls. Default: 500. */
  intervalMs?: number;
  /** Stops waiting (the job runs on); `wait` then rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Gives up after this many milliseconds with `BacktestWaitTimeoutError`. Default: no limit. */
  timeoutMs?: number;
}

/**
 * `backtests.wait()` ran out of `timeoutMs` before the job finished. The job still runs: `backtest`
 * is its last state seen; cancel it or keep waiting.
 */
export class BacktestWaitTimeoutError extends SigmaxError {
  override name = 'BacktestWaitTimeoutError';
  /** The job as it last stood. */
  readonly backtest: Backtest;

  constructor(backtest: Backtest, timeoutMs: number) {
    super(
      `Backtest ${backtest.id} did not finish within ${timeoutMs} ms (${backtest.status}, ${Math.round(backtest.progress * 100)}%).`,
    );
    this.backtest = backtest;
  }
}

const FINISHED: readonly BacktestStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * Backtest jobs: a run of a strategy on history, a parameter search, a walk-forward analysis or a
 * Monte Carlo study. `create` queues the job and resolves at once (`status: 'queued'`); `wait`
 * follows it to the end. Starting and cancelling need the `trade` scope; reading needs `read`.
 *
 * @example
 * ```ts
 * const job = await sigmax.backtests.create({
 *   strategy: { name: 'sma-crossover', params: { fast: 10, slow: 30 } },
 *   data: { source: 'market', symbol: 'BTC/USDT', timeframe: '4h', from: '2019-01-01T00:00:00Z' },
 * });
 * const done = await sigmax.backtests.wait(job.id, { onProgress: (b) => console.log(b.status, b.progress) });
 * console.log(done.status, done.result?.run.metrics.sharpe);
 * ```
 */
export class Backtests {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Queues a backtest on market data (`data.source: 'market'`) or on candles sent inline
   * (`'inline'`, rows of `[time, open, high, low, close, volume]`), and resolves with the job
   * (`status: 'queued'`). Retries reuse one `Idempotency-Key`, so a retried call queues one job. An
   * invalid request throws `UnprocessableEntityError`, whose `problem.errors` name each field
   * (`body.strategy.params.fast`, `body.data.from`, ...).
   *
   * @example
   * ```ts
   * const job = await sigmax.backtests.create({
   *   kind: 'search',
   *   strategy: { name: 'sma-crossover' },
   *   data: { source: 'market', symbol: 'BTC/USDT', timeframe: '4h' },
   *   search: { ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 100, step: 10 } } },
   * });
   * ```
   */
  create(body: BacktestCreateParams, options?: RequestOptions): APIPromise<Backtest> {
    return this.#http.post('/v1/backtests', body, options);
  }

  /**
   * Queues a backtest on candles from a CSV file, sent as `multipart/form-data`. `csv` is the file's
   * text or a `Blob`/`File` (a browser file input's file, say): a header line with a time column
   * (`time`, `timestamp`, `date`, ...; epoch milliseconds, ISO 8601 or a date), `open`, `high`,
   * `low`, `close` and optionally `volume`. `data.source` may be left out. The server checks every
   * row; a bad one throws `UnprocessableEntityError` naming its place. Retries resend the very
   * same body with the same `Idempotency-Key`.
   *
   * @example
   * ```ts
   * const csv = 'time,open,high,low,close,volume\n2024-01-01,100,110,95,105,12\n2024-01-02,105,112,101,110,9\n';
   * const job = await sigmax.backtests.createFromCsv(
   *   { strategy: { name: 'sma-crossover', params: { fast: 5, slow: 20 } }, data: { symbol: 'BTC/USDT' } },
   *   csv,
   * );
   * ```
   */
  createFromCsv(
    body: BacktestUploadParams,
    csv: string | Blob,
    options?: RequestOptions,
  ): APIPromise<Backtest> {
    const request = { ...body, data: { ...body.data, source: 'upload' } };
    const name = typeof csv === 'string' ? undefined : (csv as { name?: unknown }).name;
    const upload = (typeof csv === 'string' ? Promise.resolve(csv) : csv.text()).then((candles) => {
      // The request JSON in the `request` part, the CSV in the `candles` part. The boundary is chosen
      // once, here: the body is then fixed text, so a retry sends the very same bytes.
      const body = RawBody.multipart(
        `sigmax-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
        [
          { name: 'request', type: 'application/json', content: JSON.stringify(request) },
          {
            name: 'candles',
            filename: typeof name === 'string' && name ? name.replace(/[^\w.-]/g, '_') : 'candles.csv',
            type: 'text/csv',
            content: candles,
          },
        ],
      );
      return this.#http.post<Backtest>('/v1/backtests', body, options).withResponse();
    });
    return new APIPromise(upload);
  }

  /**
   * Gets one job; its `result` holds the report once it has succeeded.
   *
   * @example
   * ```ts
   * const job = await sigmax.backtests.get('bt_01JD2ZB9M4ZQ5V5T4W8K6C2N3P');
   * console.log(job.status, job.progress);
   * ```
   */
  get(id: string, options?: RequestOptions): APIPromise<Backtest> {
    return this.#http.get(() => path`/v1/backtests/${id}`, options);
  }

  /**
   * Lists jobs, newest first, without their reports. `await` it for one page, or `for await` it for
   * every job.
   *
   * @example
   * ```ts
   * for await (const job of sigmax.backtests.list({ status: 'succeeded', kind: 'search' })) console.log(job.id);
   * ```
   */
  list(params: BacktestListParams = {}, options?: RequestOptions): PagePromise<BacktestSummary> {
    return this.#http.getPage('/v1/backtests', params, options);
  }

  /**
   * Cancels a queued or running job and resolves with it (`status: 'cancelled'`); a running one stops
   * within a second. A finished job throws `ConflictError` with code `backtest_not_cancelable`.
   *
   * @example
   * ```ts
   * const cancelled = await sigmax.backtests.cancel(job.id);
   * ```
   */
  cancel(id: string, options?: RequestOptions): APIPromise<Backtest> {
    return this.#http.delete(() => path`/v1/backtests/${id}`, options);
  }

  /**
   * The equity and drawdown curve of a finished job: one point per candle, or at most `maxPoints`
   * (the deepest drawdown always kept). A job without a result throws `ConflictError`.
   *
   * @example
   * ```ts
   * const { points, total } = await sigmax.backtests.equity(job.id, { maxPoints: 500 });
   * ```
   */
  equity(
    id: string,
    params: BacktestEquityParams = {},
    options?: RequestOptions,
  ): APIPromise<BacktestEquity> {
    return this.#http.get(() => path`/v1/backtests/${id}/equity`, options, { query: params });
  }

  /**
   * The equity and drawdown chart of a finished job, as a self-contained SVG document. A job without
   * a result throws `ConflictError`.
   *
   * @example
   * ```ts
   * await writeFile('equity.svg', await sigmax.backtests.chart(job.id));
   * ```
   */
  chart(id: string, options?: RequestOptions): APIPromise<string> {
    return this.#http.getText(() => path`/v1/backtests/${id}/chart.svg`, 'image/svg+xml', options);
  }

  /**
   * Polls a job until it has succeeded, failed or been cancelled, and resolves with its final state
   * (check `status`: a failed job resolves too, with its `error`). `onProgress` sees each new status
   * and progress. Aborting `signal` or running out of `timeoutMs` stops the waiting, not the job.
   *
   * @example
   * ```ts
   * const done = await sigmax.backtests.wait(job.id, {
   *   onProgress: (b) => console.log(`${b.status} ${Math.round(b.progress * 100)}%`),
   *   timeoutMs: 120_000,
   * });
   * if (done.status !== 'succeeded') throw new Error(done.error?.message ?? done.status);
   * ```
   */
  async wait(id: string, options: BacktestWaitOptions = {}): Promise<Backtest> {
    const { onProgress, intervalMs = 500, signal, timeoutMs } = options;
    if (!(Number.isFinite(intervalMs) && intervalMs >= 0 && (timeoutMs ?? 0) >= 0)) {
      throw new SigmaxError(
        `intervalMs and timeoutMs must be non-negative numbers, got ${intervalMs} and ${timeoutMs}.`,
      );
    }
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    let seen = '';
    for (;;) {
      const job = await this.get(id, signal ? { signal } : undefined);
      if (`${job.status} ${job.progress}` !== seen) {
        seen = `${job.status} ${job.progress}`;
        onProgress?.(job);
      }
      if (FINISHED.includes(job.status)) return job;
      const left = deadline - Date.now();
      if (left <= 0) throw new BacktestWaitTimeoutError(job, timeoutMs ?? 0);
      await sleep(Math.min(intervalMs, left), signal).catch((reason: unknown) => {
        throw new APIUserAbortError(reason);
      });
    }
  }
}
