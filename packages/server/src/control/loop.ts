import type { CandleClose, Clock, MarketDataFeed, Timeframe } from '@sigmax/engine';
import postgres from 'postgres';
import type { Db } from '../db/database';
import { readSetting, writeSetting } from '../db/queries/settings';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import type { Logger } from '../logger';
import { ApiError, invalidFields } from '../problem';
import type { ProposalService } from '../proposals/proposal-service';
import type { SafetyService } from '../safety/safety-service';
import { SerialQueue } from '../trading/serial-queue';

type Schemas = components['schemas'];

const SETTING = 'loop';
/** Key of the PostgreSQL advisory lock the leading server holds. */
const LEADER_LOCK_ID = 0x51_67_4c_50;
/** How often a server checks whether the loop is on and whether it can lead it. */
const WATCH_MS = 5_000;

interface LoopSetting {
  running: boolean;
  symbols: string[];
  timeframe: Timeframe;
  startedAt: string | null;
}

export interface LoopOptions {
  db: Db;
  /** PostgreSQL URL: leadership is an advisory lock there. Without it (PGlite) this server leads. */
  databaseUrl: string | undefined;
  market: MarketDataFeed;
  proposals: ProposalService;
  safety: SafetyService;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  defaults: { symbols: string[]; timeframe: Timeframe };
}

/**
 * The autonomous loop: on each candle close of its timeframe for one of its symbols, analyse the
 * market, propose, and execute what the approval policy approved. Switched on and off through the
 * database, so every server sharing it agrees; only the server holding the advisory lock runs cycles.
 * Cycles run one at a time; a stop waits for the cycle in progress.
 */
export class AutonomousLoop {
  private setting: LoopSetting;
  private leader = false;
  private lockClient: postgres.Sql | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly cycles = new SerialQueue();
  private cycleCount = 0;
  private lastCycleAt: string | null = null;
  private lastError: string | null = null;
  private watcher: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: LoopOptions) {
    this.setting = { running: false, ...o.defaults, startedAt: null };
  }

  /** Resumes the loop if it was on, and keeps watching the switch. */
  async start(): Promise<void> {
    await this.sync();
    this.watcher = setInterval(() => {
      this.sync().catch((error: unknown) =>
        this.o.logger.warn({ err: error }, 'autonomous loop check failed'),
      );
    }, WATCH_MS);
    this.watcher.unref();
  }

  status(): Schemas['LoopStatus'] {
    return {
      running: this.setting.running,
      leader: this.leader,
      symbols: this.setting.symbols,
      timeframe: this.setting.timeframe,
      startedAt: this.setting.startedAt,
      lastCycleAt: this.lastCycleAt,
      cycles: this.cycleCount,
      lastError: this.lastError,
    };
  }

  async switchOn(
    symbols: string[] | undefined,
    timeframe: Timeframe | undefined,
  ): Promise<Schemas['LoopStatus']> {
    const list = symbols ?? this.o.defaults.symbols;
    for (const [i, symbol] of list.entries()) {
      try {
        await this.o.market.getMarket(symbol);
      } catch {
        throw invalidFields([
          {
            path: `body.symbols[${i}]`,
            message: `no market ${symbol} in the ${this.o.market.kind} market data`,
          },
        ]);
      }
    }
    const next: LoopSetting = {
      running: true,
      symbols: list,
      timeframe: timeframe ?? this.o.defaults.timeframe,
      startedAt: this.o.clock.now().toISOString(),
    };
    await writeSetting(this.o.db, SETTING, next, this.o.clock.now());
    this.unlisten();
    await this.sync();
    this.publish();
    return this.status();
  }

  async switchOff(): Promise<Schemas['LoopStatus']> {
    await writeSetting(this.o.db, SETTING, { ...this.setting, running: false }, this.o.clock.now());
    await this.sync();
    await this.cycles.run(async () => {}); // the cycle in progress ends first
    this.publish();
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    this.unlisten();
    await this.cycles.run(async () => {});
    await this.release();
  }

  /** Reads the switch; takes or gives up the lead accordingly. */
  private async sync(): Promise<void> {
    if (this.closed) return;
    this.setting = (await readSetting<LoopSetting>(this.o.db, SETTING)) ?? this.setting;
    if (!this.setting.running) {
      this.unlisten();
      await this.release();
      return;
    }
    if (!this.leader) this.leader = await this.acquire();
    if (this.leader && !this.unsubscribe) {
      // One subscription per symbol: a feed that polls an exchange needs both a symbol and a timeframe.
      const stops = this.setting.symbols.map((symbol) =>
        this.o.market.onCandle((close) => void this.cycles.run(() => this.cycle(close)), {
          symbol,
          timeframe: this.setting.timeframe,
        }),
      );
      this.unsubscribe = () => {
        for (const stop of stops) stop();
      };
    }
  }

  /** One cycle: analyse, propose, execute if approved. A hold is a quiet cycle, not an error. */
  private async cycle(close: CandleClose): Promise<void> {
    if (this.closed || !this.setting.running) return;
    this.cycleCount++;
    this.lastCycleAt = this.o.clock.now().toISOString();
    try {
      if (this.o.safety.state === 'HALTED') {
        this.lastError = null;
        return;
      }
      const proposal = await this.o.proposals.create({ symbol: close.symbol }, null);
      if (proposal.status === 'approved') await this.o.proposals.execute(proposal.id, null);
      this.lastError = null;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'no_trade_signal') {
        this.lastError = null;
      } else {
        this.lastError = `${close.symbol}: ${(error as Error).message}`;
        this.o.logger.warn({ err: error, symbol: close.symbol }, 'autonomous loop cycle failed');
      }
    } finally {
      this.publish();
    }
  }

  private async acquire(): Promise<boolean> {
    if (!this.o.databaseUrl) return true;
    this.lockClient ??= postgres(this.o.databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    const [row] = await this.lockClient<
      { locked: boolean }[]
    >`select pg_try_advisory_lock(${LEADER_LOCK_ID}) as locked`;
    return row?.locked === true;
  }

  private async release(): Promise<void> {
    this.leader = false;
    const client = this.lockClient;
    this.lockClient = undefined;
    // Closing the session releases its advisory lock.
    await client?.end({ timeout: 5 });
  }

  private unlisten(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private publish(): void {
    this.o.events.publish({ type: 'control.loop', loop: this.status() });
  }
}
