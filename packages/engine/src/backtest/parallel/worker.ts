import { parentPort, workerData } from 'node:worker_threads';
import type { Candle } from '../../market/types';
import type { ParamSet } from '../robustness/search/space';
import type { BacktestConfig } from '../types';
import { type EvaluationRange, evaluateParams } from './evaluate';
import { loadStrategy, type StrategyRef } from './strategy-ref';

/** What the pool gives a worker when it starts (the candles are sent once per worker). */
export interface WorkerSetup {
  candles: Candle[];
  strategy: StrategyRef;
  config: BacktestConfig;
}

/** A batch of parameter sets to evaluate on one range of the candles. */
export interface WorkerRequest {
  id: number;
  points: ParamSet[];
  range: EvaluationRange;
}

/** The worker's answers: ready (or not) once, then one reply per request. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; metrics: unknown[] }
  | { type: 'error'; id: number; name: string; code?: string; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const setup = workerData as WorkerSetup;

try {
  const definition = await loadStrategy(setup.strategy);
  port.on('message', (request: WorkerRequest) => {
    try {
      const metrics = request.points.map((params) =>
        evaluateParams(definition, setup.candles, setup.config, params, request.range),
      );
      port.postMessage({ type: 'result', id: request.id, metrics } satisfies WorkerMessage);
    } catch (error) {
      const e = error as Error & { code?: unknown };
      port.postMessage({
        type: 'error',
        id: request.id,
        name: e?.name ?? 'Error',
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        message: e?.message ?? String(error),
      } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: (error as Error)?.message ?? String(error),
  } satisfies WorkerMessage);
}
