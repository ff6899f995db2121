import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Decimal } from '../../decimal';
import type { Candle } from '../../market/types';
import type { BatchEvaluator } from '../robustness/search/evaluation';
import type { ParamSet } from '../robustness/search/space';
import type { BacktestConfig, BacktestMetrics } from '../types';
import { ParallelError } from './errors';
import type { EvaluationRange } from './evaluate';
import type { StrategyRef } from './strategy-ref';
import type { WorkerMessage, WorkerRequest, WorkerSetup } from './worker';

/**
 * The Node flags a worker starts with: Node's own TypeScript support (see `worker-entry.ts`), without
 * its experimental-feature warning.
 */
export const WORKER_EXEC_ARGV: readonly string[] = [
  '--experimental-transform-types',
  '--disable-warning=ExperimentalWarning',
];

/** Options of {@link ParameterPool.start}. */
export interface ParameterPoolOptions {
  /** The whole series; evaluations run on ranges of it. Sent once to each worker. */
  candles: readonly Candle[];
  strategy: StrategyRef;
  /** The backtest configuration of every evaluation (no functions: `sizing: 'custom'` cannot be sent). */
  config?: BacktestConfig;
  /** Worker threads. @default os.availableParallelism() */
  threads?: number;
  /** Node flags of the workers. @default WORKER_EXEC_ARGV */
  execArgv?: readonly string[];
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job {
  request: WorkerRequest;
  resolve(metrics: BacktestMetrics[]): void;
  reject(error: Error): void;
}

/**
 * Worker threads that evaluate parameter sets of one strategy on one candle series: each worker gets
 * the candles once, then batches of parameter sets, each evaluated on a fresh strategy instance. A
 * batch is split into chunks that idle workers take in turn; the results come back in the order of
 * the points, and equal those of {@link serialEvaluator} (same code, same inputs).
 *
 * @example
 * const pool = await ParameterPool.start({ candles, strategy: { template: 'sma-crossover' } });
 * try {
 *   const result = await gridSearch(space, pool.evaluator(), objective({ kind: 'sharpe' }));
 * } finally {
 *   await pool.close();
 * }
 */
export class ParameterPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly running = new Map<number, { job: Job; slot: Slot }>();
  private nextId = 1;
  private closed = false;

  private constructor(
    workers: Worker[],
    private readonly candleCount: number,
  ) {
    this.slots = workers.map((worker) => ({ worker, busy: false }));
    for (const slot of this.slots) {
      slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
      slot.worker.on('error', (error) =>
        this.fail(new ParallelError('worker_failed', `worker failed: ${error.message}`)),
      );
      slot.worker.on('exit', (code) => {
        if (!this.closed) this.fail(new ParallelError('worker_failed', `worker exited with code ${code}`));
      });
    }
  }

  /**
   * Starts the workers and waits until each has loaded the engine and the strategy.
   *
   * @throws ParallelError `not_transferable` for a config holding a function, `worker_failed` when a
   * worker cannot start or load the strategy.
   */
  static async start(options: ParameterPoolOptions): Promise<ParameterPool> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`threads must be a positive whole number, got ${threads}`);
    }
    const setup: WorkerSetup = {
      candles: options.candles.map((c) => ({
        time: c.time,
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
      })),
      strategy: options.strategy,
      config: transferable(options.config ?? {}, 'config') as BacktestConfig,
    };
    const entry = new URL('./worker-entry.ts', import.meta.url);
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < threads; i++) {
        workers.push(
          new Worker(entry, { workerData: setup, execArgv: [...(options.execArgv ?? WORKER_EXEC_ARGV)] }),
        );
      }
      await Promise.all(workers.map(ready));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new ParameterPool(workers, setup.candles.length);
  }

  /** Worker threads in the pool. */
  get threads(): number {
    return this.slots.length;
  }

  /**
   * Evaluates `points` on `range` of the candles (the whole series by default), one metrics object
   * per point, in order.
   *
   * @throws ParallelError `evaluation_failed` when a point cannot be evaluated (e.g. a value out of
   * its declared range), `closed` after {@link close}.
   */
  evaluate(points: readonly ParamSet[], range?: EvaluationRange): Promise<BacktestMetrics[]> {
    if (this.closed) return Promise.reject(new ParallelError('closed', 'the parameter pool is closed'));
    if (points.length === 0) return Promise.resolve([]);
    const fullRange = range ?? { start: 0, end: this.candleCount };
    // Several chunks per worker even out their run times; every chunk is at least one point.
    const size = Math.max(1, Math.ceil(points.length / (this.slots.length * 4)));
    const chunks: Promise<BacktestMetrics[]>[] = [];
    for (let from = 0; from < points.length; from += size) {
      const request = { id: this.nextId++, points: points.slice(from, from + size), range: fullRange };
      chunks.push(new Promise((resolve, reject) => this.queue.push({ request, resolve, reject })));
    }
    this.pump();
    return Promise.all(chunks).then((parts) => parts.flat());
  }

  /** A {@link BatchEvaluator} on `range` of the candles, for the searches. */
  evaluator(range?: EvaluationRange): BatchEvaluator<BacktestMetrics> {
    return (points) => this.evaluate(points, range);
  }

  /** Stops the workers; pending evaluations are rejected with `closed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new ParallelError('closed', 'the parameter pool is closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.busy = true;
      this.running.set(job.request.id, { job, slot });
      slot.worker.postMessage(job.request);
    }
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const entry = this.running.get(message.id);
    if (!entry) return;
    this.running.delete(message.id);
    slot.busy = false;
    if (message.type === 'result') {
      entry.job.resolve(message.metrics as BacktestMetrics[]);
    } else {
      entry.job.reject(
        new ParallelError(
          'evaluation_failed',
          `${message.name}: ${message.message}`,
          message.name,
          message.code,
        ),
      );
    }
    this.pump();
  }

  /** Rejects every queued and running job. */
  private fail(error: ParallelError): void {
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const { job, slot } of this.running.values()) {
      slot.busy = false;
      job.reject(error);
    }
    this.running.clear();
  }
}

/** Resolves once `worker` has loaded; rejects with `worker_failed` otherwise. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (message: string) => {
      worker.off('message', onMessage);
      reject(new ParallelError('worker_failed', `worker could not start: ${message}`));
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'ready') {
        worker.off('message', onMessage);
        resolve();
      } else if (message.type === 'failed') {
        failed(message.message);
      }
    };
    worker.on('message', onMessage);
    worker.once('error', (error) => failed(error.message));
    worker.once('exit', (code) => failed(`exited with code ${code}`));
  });
}

/**
 * `value` as it can be posted to a worker: decimals as their strings; functions refused.
 *
 * @throws ParallelError `not_transferable` naming the path of a function.
 */
function transferable(value: unknown, path: string): unknown {
  if (typeof value === 'function') {
    throw new ParallelError(
      'not_transferable',
      `${path} is a function, which cannot be sent to a worker thread; evaluate serially instead`,
    );
  }
  if (Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map((item, i) => transferable(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = transferable(item, `${path}.${key}`);
    return out;
  }
  return value;
}
