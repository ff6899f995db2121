import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from '../jobs/run-job';
import type { JobThreadMessage, JobThreadSetup } from './job-thread';

const port = parentPort;
if (!port) throw new Error('job-worker.ts runs in a worker thread');
const setup = workerData as JobThreadSetup;

// Progress is posted when it moved by at least a percent, so a fast run does not flood the parent.
let posted = -1;
try {
  const report = await runJob(setup.spec, setup.candles, {
    threads: setup.threads,
    execArgv: setup.execArgv,
    onProgress: (fraction) => {
      if (fraction - posted < 0.01 && fraction < 1) return;
      posted = fraction;
      port.postMessage({ type: 'progress', fraction } satisfies JobThreadMessage);
    },
  });
  port.postMessage({ type: 'done', report } satisfies JobThreadMessage);
} catch (error) {
  const e = error as Error & { code?: unknown };
  port.postMessage({
    type: 'error',
    name: e?.name ?? 'Error',
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    message: e?.message ?? String(error),
  } satisfies JobThreadMessage);
}
