import { Worker } from 'node:worker_threads';
import type { Candle } from '../../market/types';
import type { JobReport } from '../jobs/report';
import type { JobSpec } from '../jobs/spec';
import { ParallelError } from './errors';
import { WORKER_EXEC_ARGV } from './pool';

/** What a job thread starts with. */
export interface JobThreadSetup {
  spec: JobSpec;
  candles: Candle[];
  threads: number;
  execArgv: readonly string[];
}

/** What a job thread tells its parent. */
export type JobThreadMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; report: JobReport }
  | { type: 'error'; name: string; code?: string; message: string };

/** Options of {@link startJobThread}. */
export interface JobThreadOptions {
  /** Called with the share of the work done (0..1), when it moved by at least a percent. */
  onProgress?: (fraction: number) => void;
  /** Threads of the job's own parameter pool (a search or walk-forward). @default 1 */
  threads?: number;
  /** Node flags of the thread (and of its pool). @default WORKER_EXEC_ARGV */
  execArgv?: readonly string[];
}

/** A job running on its own thread. */
export interface JobThread {
  /** The report; rejects with the job's error, or with `ParallelError('closed')` once cancelled. */
  readonly done: Promise<JobReport>;
  /** Stops the thread (and its pool) at once; `done` rejects. */
  cancel(): Promise<void>;
}

/** The error a job thread reported, rebuilt with its name, code and message. */
export class JobError extends Error {
  constructor(
    override readonly name: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs {@link runJob} on a worker thread, so a long backtest never blocks the caller's event loop and
 * can be stopped at any moment: {@link JobThread.cancel} terminates the thread, whatever it is doing.
 *
 * @example
 * const job = startJobThread(spec, candles, { onProgress: (f) => console.log(f) });
 * const report = await job.done;
 */
export function startJobThread(
  spec: JobSpec,
  candles: readonly Candle[],
  options: JobThreadOptions = {},
): JobThread {
  const execArgv = options.execArgv ?? WORKER_EXEC_ARGV;
  const setup: JobThreadSetup = {
    spec,
    candles: candles.map((c) => ({
      time: c.time,
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume: c.volume,
    })),
    threads: options.threads ?? 1,
    execArgv,
  };
  const worker = new Worker(new URL('./job-worker-entry.ts', import.meta.url), {
    workerData: setup,
    execArgv: [...execArgv],
  });
  let cancelled = false;
  let settled = false;
  const done = new Promise<JobReport>((resolve, reject) => {
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: JobThreadMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.fraction);
      else if (message.type === 'done') finish(() => resolve(message.report));
      else finish(() => reject(new JobError(message.name, message.code, message.message)));
    });
    worker.on('error', (error) =>
      finish(() => reject(new ParallelError('worker_failed', `job thread failed: ${error.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(
          cancelled
            ? new ParallelError('closed', 'the job was cancelled')
            : new ParallelError('worker_failed', `job thread exited with code ${code}`),
        ),
      ),
    );
  });
  return {
    done,
    async cancel() {
      cancelled = true;
      await worker.terminate();
    },
  };
}
