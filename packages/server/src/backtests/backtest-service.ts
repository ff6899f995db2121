import { availableParallelism } from 'node:os';
import {
  type BacktestSafety,
  type Candle,
  type Clock,
  checkJob,
  Decimal,
  type JobSizing,
  type JobSpec,
  type JobThread,
  MarketDataError,
  type MarketDataFeed,
  startJobThread,
  type Timeframe,
} from '@sigmax/engine';
import type { Db } from '../db/database';
import {
  type BacktestRow,
  cancelBacktest,
  claimBacktest,
  completeBacktest,
  failBacktest,
  findBacktest,
  findBacktestCandles,
  findBacktestSeries,
  heartbeatBacktest,
  insertBacktest,
  requeueBacktest,
  unfinishedBacktests,
} from '../db/queries/backtests';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { ApiError, invalidFields } from '../problem';
import type { BacktestCreate } from '../schemas/backtests';
import { MAX_USER_CANDLES, parseCandleCsv, parseCandleRows } from './candle-input';
import { renderBacktestChart } from './chart-svg';
import { backtestBody, backtestSummary, equitySamples } from './format';
import type { BacktestQueue } from './queue';

type Schemas = components['schemas'];

/** How often a running job reports its progress and learns of a cancellation. */
const HEARTBEAT_MS = 400;
/** A running job not heard of for this long has lost its worker. */
const STALE_MS = 30_000;
/** How often a server looks for jobs whose worker died. */
const SWEEP_MS = 10_000;
/** Claims of a job before it is marked failed (a job that keeps killing its worker). */
const MAX_ATTEMPTS = 3;
/** Default timeframe of market data. */
const DEFAULT_TIMEFRAME: Timeframe = '4h';
/** Candles asked of the feed per page. */
const PAGE = 10_000;

export interface BacktestServiceOptions {
  db: Db;
  market: MarketDataFeed;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  queue: BacktestQueue;
  /** Threads of one job's parameter search. @default os.availableParallelism() */
  threads?: number;
  /** Node flags of the job threads (tests use the default). */
  execArgv?: readonly string[];
}

const invalid = (path: string, message: string): ApiError => invalidFields([{ path, message }]);

/**
 * Backtest jobs: checks and queues them, runs them on a worker thread each (so a long one never blocks
 * the server and a cancellation stops it at once), stores their reports, and recovers the jobs of a
 * worker that died (picked up again, or failed after {@link MAX_ATTEMPTS} claims).
 */
export class BacktestService {
  readonly workerId = newId('wrk');
  private readonly running = new Map<string, { thread: JobThread; progress: number }>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: BacktestServiceOptions) {}

  get queueKind(): BacktestQueue['kind'] {
    return this.o.queue.kind;
  }

  /** Ids of the jobs running on this server. */
  get runningJobs(): string[] {
    return [...this.running.keys()];
  }

  /** Recovers unfinished jobs, then starts taking jobs from the queue. */
  async start(): Promise<void> {
    // With the in-process queue, this server is the only worker: any job still running is an orphan.
    const staleMs = this.o.queue.kind === 'in-process' ? 0 : STALE_MS;
    await this.o.queue.start((id) =>
      this.run(id).catch((error: unknown) =>
        this.o.logger.error({ err: error, backtest: id }, 'backtest could not be run'),
      ),
    );
    await this.recover(staleMs, true);
    this.sweeper = setInterval(() => {
      this.recover(STALE_MS, false).catch((error: unknown) =>
        this.o.logger.warn({ err: error }, 'backtest recovery failed'),
      );
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  /** Stops taking jobs; jobs running here go back to the queue for the next start (or another server). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.o.queue.stop();
    const ids = [...this.running.keys()];
    await Promise.all([...this.running.values()].map((r) => r.thread.cancel()));
    for (const id of ids) await requeueBacktest(this.o.db, id).catch(() => false);
  }

  /** Checks a request, stores the job and queues it. `csv` is the uploaded file of `data.source: upload`. */
  async create(
    body: BacktestCreate,
    csv: string | undefined,
    apiKeyId: string | null,
  ): Promise<Schemas['Backtest']> {
    const { candles, summary } = await this.candlesFor(body, csv);
    const spec = jobSpec(body);
    const problems = checkJob(spec, candles.length);
    if (problems.length > 0) {
      throw invalidFields(problems.map((p) => ({ path: `body.${p.path}`, message: p.message })));
    }
    const now = this.o.clock.now();
    const row = await insertBacktest(this.o.db, {
      id: newId('bt', now.getTime()),
      kind: body.kind,
      strategy: { name: body.strategy.name, params: body.strategy.params ?? {} },
      data: summary,
      spec,
      request: {
        settings: body.settings,
        ...(body.search ? { search: body.search } : {}),
        ...(body.walkForward ? { walkForward: body.walkForward } : {}),
        ...(body.monteCarlo ? { monteCarlo: body.monteCarlo } : {}),
      },
      apiKeyId,
      createdAt: now,
      ...(body.data.source === 'market'
        ? {}
        : { candles: candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]) }),
    });
    this.publish('backtest.queued', row);
    await this.o.queue.send(row.id);
    return backtestBody(row);
  }

  async get(id: string): Promise<Schemas['Backtest']> {
    return backtestBody(await this.row(id));
  }

  /** Cancels a queued or running job; a running one stops within a second, here or on another server. */
  async cancel(id: string): Promise<Schemas['Backtest']> {
    const row = await cancelBacktest(this.o.db, id, this.o.clock.now());
    if (!row) {
      const existing = await this.row(id);
      throw new ApiError(409, 'backtest_not_cancelable', `Backtest ${id} has already ${existing.status}.`);
    }
    const local = this.running.get(id);
    if (local) await local.thread.cancel();
    this.publish('backtest.finished', row);
    return backtestBody(row);
  }

  async equity(id: string, maxPoints: number | undefined): Promise<Schemas['BacktestEquity']> {
    const series = await this.seriesOf(id);
    return { id, total: series.times.length, points: equitySamples(series, maxPoints) };
  }

  async chart(id: string): Promise<string> {
    const row = await this.row(id);
    const series = await this.seriesOf(id, row);
    const strategy = row.strategy as Schemas['BacktestStrategy'];
    const data = row.data as Schemas['BacktestDataSummary'];
    const params = Object.entries(strategy.params ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return renderBacktestChart({
      title: `${strategy.name}${params ? ` (${params})` : ''} · ${data.symbol}${data.timeframe ? ` ${data.timeframe}` : ''} · ${row.kind}`,
      times: series.times,
      equity: series.equity.map(Number),
      drawdown: series.drawdown,
      currency: data.symbol.split('/')[1] ?? '',
    });
  }

  private async row(id: string): Promise<BacktestRow> {
    const row = await findBacktest(this.o.db, id);
    if (!row) throw new ApiError(404, 'not_found', `No backtest ${id}.`);
    return row;
  }

  private async seriesOf(id: string, known?: BacktestRow) {
    const row = known ?? (await this.row(id));
    const series = row.status === 'succeeded' ? await findBacktestSeries(this.o.db, id) : undefined;
    if (!series) {
      throw new ApiError(409, 'backtest_not_finished', `Backtest ${id} is ${row.status}; it has no result.`);
    }
    return series;
  }

  // ----------------------------------------------------------------------------------------------
  // Candles
  // ----------------------------------------------------------------------------------------------

  private async candlesFor(
    body: BacktestCreate,
    csv: string | undefined,
  ): Promise<{ candles: Candle[]; summary: Schemas['BacktestDataSummary'] }> {
    const data = body.data;
    let candles: Candle[];
    let timeframe: Timeframe | null = null;
    if (data.source === 'inline') {
      candles = parseCandleRows(data.candles, 'body.data.candles');
    } else if (data.source === 'upload') {
      if (csv === undefined) throw invalid('candles', 'upload the CSV file in the `candles` part');
      candles = parseCandleCsv(csv, 'candles');
    } else {
      timeframe = data.timeframe ?? DEFAULT_TIMEFRAME;
      candles = await this.marketCandles(data.symbol, timeframe, data.from, data.to);
    }
    const first = candles[0] as Candle;
    const last = candles[candles.length - 1] as Candle;
    return {
      candles,
      summary: {
        source: data.source,
        symbol: data.symbol,
        timeframe,
        from: new Date(first.time).toISOString(),
        to: new Date(last.time).toISOString(),
        candles: candles.length,
      },
    };
  }

  /** Every candle of `[from, to)` the feed serves, page by page; 422 naming the field for a bad range. */
  private async marketCandles(
    symbol: string,
    timeframe: Timeframe,
    from: string | undefined,
    to: string | undefined,
  ): Promise<Candle[]> {
    const feed = this.o.market;
    try {
      await feed.getMarket(symbol);
    } catch (error) {
      if (error instanceof MarketDataError && error.code === 'bad_symbol') {
        throw invalid('body.data.symbol', `no market ${symbol} in the ${feed.kind} market data`);
      }
      throw error;
    }
    const until = to ? Date.parse(to) : undefined;
    const out: Candle[] = [];
    let since = from ? Date.parse(from) : 0;
    try {
      for (;;) {
        const page = await feed.getCandles(symbol, timeframe, {
          since,
          ...(until !== undefined ? { until } : {}),
          limit: PAGE,
        });
        for (const candle of page) if (until === undefined || candle.time < until) out.push(candle);
        if (out.length > MAX_USER_CANDLES) {
          throw invalid('body.data', `the range holds more than ${MAX_USER_CANDLES} candles; narrow from/to`);
        }
        const last = page[page.length - 1];
        if (page.length < PAGE || !last || (until !== undefined && last.time >= until)) break;
        since = last.time + 1;
      }
    } catch (error) {
      if (error instanceof MarketDataError && error.code === 'unsupported_timeframe') {
        throw invalid('body.data.timeframe', error.message);
      }
      if (!(error instanceof MarketDataError && error.code === 'no_data')) throw error;
    }
    if (out.length < 2) {
      const available = await this.availableRange(symbol, timeframe);
      throw invalid(
        from ? 'body.data.from' : 'body.data',
        `${out.length} candles of ${symbol} ${timeframe} in the range; ${available}`,
      );
    }
    return out;
  }

  private async availableRange(symbol: string, timeframe: Timeframe): Promise<string> {
    try {
      const [first] = await this.o.market.getCandles(symbol, timeframe, { since: 0, limit: 1 });
      const [last] = await this.o.market.getCandles(symbol, timeframe, { limit: 1 });
      if (!first || !last) return 'the market has no candles of that timeframe';
      return `the market has candles from ${new Date(first.time).toISOString()} to ${new Date(last.time).toISOString()}`;
    } catch {
      return 'the market has no candles of that timeframe';
    }
  }

  private async storedCandles(row: BacktestRow): Promise<Candle[]> {
    const rows = await findBacktestCandles(this.o.db, row.id);
    if (rows) {
      return rows.map(([time, open, high, low, close, volume]) => ({
        time: time as number,
        open: open as number,
        high: high as number,
        low: low as number,
        close: close as number,
        volume: volume as number,
      }));
    }
    const data = row.data as Schemas['BacktestDataSummary'];
    const candles = await this.marketCandles(
      data.symbol,
      (data.timeframe ?? DEFAULT_TIMEFRAME) as Timeframe,
      data.from,
      new Date(Date.parse(data.to) + 1).toISOString(),
    );
    if (candles.length !== data.candles) {
      throw new Error(`the market now serves ${candles.length} candles for the range, not ${data.candles}`);
    }
    return candles;
  }

  // ----------------------------------------------------------------------------------------------
  // Running
  // ----------------------------------------------------------------------------------------------

  /** Runs job `id` if it can be claimed; resolves when it has finished here. */
  private async run(id: string): Promise<void> {
    if (this.closed) return;
    const { db, clock } = this.o;
    const now = clock.now();
    const row = await claimBacktest(db, id, this.workerId, now, new Date(now.getTime() - STALE_MS));
    if (!row) return;
    this.publish('backtest.started', row);
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      const candles = await this.storedCandles(row);
      const entry = {
        thread: startJobThread(row.spec as JobSpec, candles, {
          threads: this.o.threads ?? availableParallelism(),
          ...(this.o.execArgv ? { execArgv: this.o.execArgv } : {}),
          onProgress: (fraction) => {
            entry.progress = fraction;
          },
        }),
        progress: 0,
      };
      this.running.set(id, entry);
      let reported = 0;
      let beating = false;
      heartbeat = setInterval(() => {
        if (beating) return;
        beating = true;
        heartbeatBacktest(db, id, this.workerId, entry.progress, clock.now())
          .then(async (state) => {
            if (state?.status !== 'running' || state.workerId !== this.workerId) {
              await entry.thread.cancel();
            } else if (entry.progress !== reported) {
              reported = entry.progress;
              this.publish('backtest.progress', { ...row, progress: entry.progress });
            }
          })
          .catch((error: unknown) =>
            this.o.logger.warn({ err: error, backtest: id }, 'backtest heartbeat failed'),
          )
          .finally(() => {
            beating = false;
          });
      }, HEARTBEAT_MS);
      const report = await entry.thread.done;
      if (await completeBacktest(db, id, this.workerId, report, clock.now())) {
        this.publishFinished(id);
      }
    } catch (error) {
      const current = await findBacktest(db, id);
      // Cancelled, or taken over by another worker, or this server is stopping: nothing to record.
      if (this.closed || !current || current.status !== 'running' || current.workerId !== this.workerId)
        return;
      const e = error as { code?: unknown; message?: unknown };
      const failed = await failBacktest(
        db,
        id,
        this.workerId,
        {
          code: typeof e.code === 'string' ? e.code : 'job_failed',
          message: typeof e.message === 'string' ? e.message : String(error),
        },
        clock.now(),
      );
      this.o.logger.warn({ backtest: id, err: { message: String(e.message) } }, 'backtest failed');
      if (failed) this.publish('backtest.finished', failed);
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      this.running.delete(id);
    }
  }

  /**
   * Jobs whose worker has not been heard of for `staleMs` go back to the queue (or fail after
   * {@link MAX_ATTEMPTS} claims); with `resend`, queued jobs are sent again too (a queue in memory
   * lost them at the restart). A job already claimed by a live worker is never run twice: claiming checks.
   */
  private async recover(staleMs: number, resend: boolean): Promise<void> {
    const { db, clock } = this.o;
    const now = clock.now();
    for (const job of await unfinishedBacktests(db, new Date(now.getTime() - staleMs))) {
      if (this.running.has(job.id)) continue;
      if (job.status === 'queued') {
        if (resend) await this.o.queue.send(job.id);
        continue;
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        const failed = await failBacktest(
          db,
          job.id,
          null,
          {
            code: 'interrupted',
            message: `the job was interrupted ${job.attempts} times (its worker stopped); not retried again`,
          },
          now,
        );
        if (failed) this.publish('backtest.finished', failed);
      } else if (await requeueBacktest(db, job.id)) {
        this.o.logger.info(
          { backtest: job.id, attempts: job.attempts },
          'backtest interrupted; queued again',
        );
        await this.o.queue.send(job.id);
      }
    }
  }

  private async publishFinished(id: string): Promise<void> {
    const row = await findBacktest(this.o.db, id);
    if (row) this.publish('backtest.finished', row);
  }

  private publish(
    type: 'backtest.queued' | 'backtest.started' | 'backtest.progress' | 'backtest.finished',
    row: BacktestRow,
  ): void {
    this.o.events.publish({ type, backtest: backtestSummary(row) });
  }
}

/** The engine job of a request. */
export function jobSpec(body: BacktestCreate): JobSpec {
  const s = body.settings;
  const bps = (x: number): string => Decimal.fromNumber(x).div('10000', 12).toString();
  const paper = {
    ...(s.makerFeeBps !== undefined ? { makerFeeRate: bps(s.makerFeeBps) } : {}),
    ...(s.takerFeeBps !== undefined ? { takerFeeRate: bps(s.takerFeeBps) } : {}),
    ...(s.slippageBps !== undefined ? { slippageBps: String(s.slippageBps) } : {}),
  };
  const spec: JobSpec = {
    kind: body.kind,
    strategy: { name: body.strategy.name, params: body.strategy.params ?? {} },
    symbol: body.data.symbol,
    settings: {
      ...(s.initialCash !== undefined ? { initialCash: s.initialCash } : {}),
      ...(Object.keys(paper).length > 0 ? { paper } : {}),
      ...(s.fill !== undefined ? { fill: s.fill } : {}),
      ...(s.intrabarSlippage !== undefined ? { intrabarSlippage: s.intrabarSlippage } : {}),
      ...(s.sizing !== undefined ? { sizing: jobSizing(s.sizing) } : {}),
      ...(s.lotSize !== undefined ? { lotSize: s.lotSize } : {}),
      ...(s.allowShort !== undefined ? { allowShort: s.allowShort } : {}),
      ...(s.onOpposite !== undefined ? { onOpposite: s.onOpposite } : {}),
      ...(s.atEnd !== undefined ? { atEnd: s.atEnd } : {}),
      // The schema mirrors the engine's config; absent keys are absent (never set to undefined).
      ...(s.safety !== undefined ? { safety: s.safety as BacktestSafety } : {}),
    },
  };
  const search = body.search;
  if (search) {
    const objective = search.objective ?? 'sharpe';
    const seed = search.seed !== undefined ? { seed: search.seed } : {};
    const method =
      search.method === 'random'
        ? {
            kind: 'random' as const,
            ...(search.samples !== undefined ? { samples: search.samples } : {}),
            ...seed,
          }
        : search.method === 'genetic'
          ? {
              kind: 'genetic' as const,
              ...(search.populationSize !== undefined ? { populationSize: search.populationSize } : {}),
              ...(search.generations !== undefined ? { generations: search.generations } : {}),
              ...seed,
            }
          : { kind: 'grid' as const };
    spec.search = {
      ranges: search.ranges ?? {},
      objective:
        objective === 'returnWithDrawdownCap'
          ? { kind: objective, maxDrawdown: search.maxDrawdown ?? 0 }
          : { kind: objective },
      method,
      ...(search.top !== undefined ? { top: search.top } : {}),
    };
  }
  if (body.walkForward) spec.walkForward = body.walkForward;
  if (body.monteCarlo) spec.monteCarlo = body.monteCarlo;
  return spec;
}

/** The engine's sizing of a request's (the schema has checked that a volatility target names its target). */
function jobSizing(sizing: NonNullable<BacktestCreate['settings']['sizing']>): JobSizing {
  if (sizing.kind !== 'risk') return sizing;
  const cap = sizing.maxFraction !== undefined ? { maxFraction: sizing.maxFraction } : {};
  if (sizing.method === 'volatility-target') {
    return {
      kind: 'risk',
      method: 'volatility-target',
      targetVolatility: sizing.targetVolatility as number,
      ...(sizing.lookback !== undefined ? { lookback: sizing.lookback } : {}),
      ...cap,
    };
  }
  return {
    kind: 'risk',
    method: 'half-kelly',
    ...(sizing.minTrades !== undefined ? { minTrades: sizing.minTrades } : {}),
    ...(sizing.startFraction !== undefined ? { startFraction: sizing.startFraction } : {}),
    ...cap,
  };
}
