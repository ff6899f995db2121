import type { PgBoss } from 'pg-boss';

/** Runs one job; resolves when the job has finished, whatever its outcome. */
export type JobHandler = (id: string) => Promise<void>;

/**
 * Carries "run backtest X" messages to the workers. The job's row is its truth (a worker claims it
 * before running it), so a queue may deliver a message twice without a job running twice.
 */
export interface BacktestQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Starts delivering job ids to `handler`, at most `concurrency` at a time on this server. */
  start(handler: JobHandler): Promise<void>;
  send(id: string): Promise<void>;
  /** Stops taking jobs; those running are left to the caller to stop. */
  stop(): Promise<void>;
}

/**
 * A queue in this process: on PGlite there is one server per database, so jobs need no broker. Jobs
 * lost by a restart are found again in the database at start (see the backtest service's recovery).
 */
export class InProcessQueue implements BacktestQueue {
  readonly kind = 'in-process';
  private readonly waiting: string[] = [];
  private running = 0;
  private handler: JobHandler | undefined;
  private stopped = false;

  constructor(private readonly concurrency: number) {}

  async start(handler: JobHandler): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  async send(id: string): Promise<void> {
    if (!this.waiting.includes(id)) this.waiting.push(id);
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    const handler = this.handler;
    while (handler && !this.stopped && this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      this.running++;
      void handler(id).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }
}

const QUEUE = 'sigmax-backtests';

/**
 * pg-boss on the configured PostgreSQL: every server that shares the database takes jobs from the
 * same queue, so more servers share the load. pg-boss keeps its own tables in the `pgboss` schema.
 * Retries are the backtest service's (it re-sends a job whose worker died), not pg-boss's.
 */
export class PgBossQueue implements BacktestQueue {
  readonly kind = 'pg-boss';
  private boss: PgBoss | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly concurrency: number,
    private readonly onError: (error: Error) => void,
  ) {}

  async start(handler: JobHandler): Promise<void> {
    // Loaded only when PostgreSQL carries the jobs: a PGlite server never pays for pg-boss and pg.
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ connectionString: this.connectionString, schema: 'pgboss', max: 4 });
    boss.on('error', this.onError);
    this.boss = boss;
    await boss.start();
    await boss.createQueue(QUEUE, { retryLimit: 0, expireInSeconds: 24 * 60 * 60 });
    await boss.work<{ id: string }>(
      QUEUE,
      { batchSize: 1, localConcurrency: this.concurrency, pollingIntervalSeconds: 1 },
      async ([job]) => {
        if (job) await handler(job.data.id);
      },
    );
  }

  async send(id: string): Promise<void> {
    if (!this.boss) throw new Error('the backtest queue has not started');
    await this.boss.send(QUEUE, { id });
  }

  async stop(): Promise<void> {
    await this.boss?.stop({ graceful: false, close: true, timeout: 2000 });
  }
}
