import type { Clock } from '../clock';
import { Decimal, type DecimalInput } from '../decimal';
import type { OrderSide } from '../orders/order';
import {
  SAFETY_PROTECTIONS,
  SAFETY_STATES,
  SAFETY_TRIGGERS,
  type SafetyAction,
  type SafetyConfig,
  type SafetyProtection,
  type SafetySettings,
  type SafetyState,
  type SafetyTrigger,
  safetySettings,
} from './config';
import { SafetyError } from './errors';

/** A closed (round-trip) trade, as the enforcer counts it. */
export interface ClosedTrade {
  symbol: string;
  /** Realised P&L net of fees, in quote units; below zero is a loss (zero is not). */
  pnl: DecimalInput;
  /** @default now */
  closedAt?: Date | number;
  /** How the position was closed; `stop_loss` feeds the cooldown and the stop-loss guard. */
  exit?: 'stop_loss' | 'take_profit' | 'signal' | 'manual' | (string & {});
}

/** A fill with the price it was expected at (the quote when the order was sent). */
export interface SlippageFill {
  symbol: string;
  side: OrderSide;
  expectedPrice: DecimalInput;
  actualPrice: DecimalInput;
}

/** What the privacy agent reports. Describe the breach; never include the leaked data itself. */
export interface PrivacyBreach {
  message: string;
  category?: string;
}

/** The question {@link SafetyEnforcer.canTrade} answers. */
export interface TradeRequest {
  symbol: string;
  /** True when the order only reduces an existing position (a close, a partial close). */
  reducesPosition: boolean;
}

/** The answer of {@link SafetyEnforcer.canTrade}. */
export interface TradePermission {
  readonly allowed: boolean;
  /** Why not; `null` when allowed. */
  readonly reason: string | null;
  readonly code: 'halted' | 'reduce_only' | 'symbol_locked' | null;
  readonly state: SafetyState;
}

interface EventBase {
  /** ISO 8601, from the enforcer's clock. */
  readonly at: string;
}

/** Everything the enforcer reports; each a plain JSON-serialisable object. */
export type SafetyEvent =
  | (EventBase & {
      readonly type: 'safety.triggered';
      readonly trigger: SafetyTrigger;
      readonly action: SafetyAction;
      /** The figure that fired it and the threshold, as strings (`'3'`, `'-2500.5'`, `'72.5'`). */
      readonly value: string;
      readonly threshold: string;
      readonly reason: string;
      readonly previousState: SafetyState;
      readonly state: SafetyState;
    })
  | (EventBase & {
      readonly type: 'safety.halted' | 'safety.reducing';
      readonly cause: SafetyTrigger | 'panic';
      readonly reason: string;
      readonly previousState: SafetyState;
      readonly state: SafetyState;
    })
  | (EventBase & {
      readonly type: 'safety.paused';
      readonly reason: string;
      readonly until: string | null;
      readonly previousState: SafetyState;
      readonly state: SafetyState;
    })
  | (EventBase & {
      readonly type: 'safety.resumed';
      readonly reason: string;
      /** True when `force` was needed (inside the guard window). */
      readonly forced: boolean;
      readonly previousState: SafetyState;
      readonly state: SafetyState;
    })
  | (EventBase & {
      readonly type: 'safety.symbol_locked';
      readonly symbol: string;
      readonly protection: SafetyProtection;
      readonly reason: string;
      readonly until: string;
    })
  | (EventBase & {
      readonly type: 'safety.symbol_unlocked';
      readonly symbol: string;
      readonly reason: string;
    });

export type SafetyListener = (event: SafetyEvent) => void;

/** Everything the enforcer knows, as plain JSON: persist it, and {@link SafetyEnforcer.restore} it after a restart. */
export interface SafetySnapshot {
  readonly version: 1;
  readonly state: SafetyState;
  readonly reason: string | null;
  /** When the current state began. */
  readonly since: string;
  /** When a timed pause ends; `null` without one. */
  readonly pausedUntil: string | null;
  /** The trigger or panic holding the state, until a resume. */
  readonly latch: {
    readonly state: SafetyAction;
    readonly cause: SafetyTrigger | 'panic';
    readonly reason: string;
    readonly at: string;
    /** Resuming before this needs `force`. */
    readonly guardUntil: string;
  } | null;
  readonly pause: {
    readonly state: SafetyAction;
    readonly reason: string;
    readonly at: string;
    readonly until: string | null;
  } | null;
  /** The UTC day the daily figures are for (`YYYY-MM-DD`). */
  readonly day: string;
  readonly triggers: {
    readonly consecutive_losses: TriggerHead & {
      readonly threshold: number;
      readonly count: number;
      readonly tripped: boolean;
    };
    readonly daily_loss: TriggerHead & {
      readonly limit: string | null;
      readonly pnl: string;
      readonly tripped: boolean;
    };
    readonly api_errors: TriggerHead & {
      readonly threshold: number;
      readonly windowSeconds: number;
      readonly count: number;
      readonly errorTimes: readonly string[];
      readonly tripped: boolean;
    };
    readonly slippage: TriggerHead & {
      readonly maxBps: string;
      readonly lastBps: string | null;
      readonly breaches: number;
    };
    readonly sentiment: TriggerHead & {
      readonly floor: number;
      readonly last: number | null;
      readonly tripped: boolean;
    };
    readonly privacy_breach: TriggerHead & {
      readonly count: number;
      readonly last: { readonly at: string; readonly message: string; readonly category?: string } | null;
    };
  };
  /** Locked symbols (reducing orders still pass), longest lock per symbol. */
  readonly locks: readonly {
    readonly symbol: string;
    readonly protection: SafetyProtection;
    readonly reason: string;
    readonly until: string;
  }[];
  /** The trades the protections still look back on. */
  readonly recentTrades: readonly {
    readonly symbol: string;
    readonly pnl: string;
    readonly closedAt: string;
    readonly exit: string | null;
  }[];
}

interface TriggerHead {
  readonly enabled: boolean;
  readonly action: SafetyAction;
}

export interface SafetyEnforcerOptions {
  clock: Clock;
  config?: SafetyConfig;
  /** Called with every event, after the change it reports. */
  onEvent?: SafetyListener;
}

interface Latch {
  level: SafetyAction;
  cause: SafetyTrigger | 'panic';
  reason: string;
  at: number;
  guardUntil: number;
}
interface Pause {
  level: SafetyAction;
  reason: string;
  at: number;
  until: number | null;
}
interface Lock {
  protection: SafetyProtection;
  reason: string;
  until: number;
}
interface TradeRecord {
  symbol: string;
  pnl: Decimal;
  at: number;
  exit: string | null;
}

const LEVEL: Readonly<Record<SafetyState, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const API_WINDOW_MS = MINUTE_MS;
const BPS = Decimal.from(10_000);
/** Trades kept for the protections, at most. */
const MAX_TRADES = 10_000;

const iso = (ms: number) => new Date(ms).toISOString();
const toMs = (time: Date | number) => (typeof time === 'number' ? time : time.getTime());
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * The safety enforcer: a state machine that stops or narrows trading when things go wrong, and locks
 * single symbols that keep losing. Deterministic given its clock; no I/O (persist {@link snapshot}).
 *
 * States: `ACTIVE` (trade), `REDUCING` (only orders that reduce a position), `HALTED` (nothing).
 * The state is the stricter of two holds:
 * - a **latch**, set by a trigger or {@link panic}, held until {@link resume}; resuming within
 *   `guardMinutes` of the latest trigger or panic needs `force`;
 * - a **pause**, set by {@link pause}, held until resume or, when timed, until the clock passes its end.
 * So a timed pause never shortens a latch, and a trigger during a pause outlives it.
 *
 * Each trigger fires when its condition is first met, and again only after the condition has cleared
 * (or a resume): a streak of 5 losses fires once, at 3. Slippage and privacy breaches fire on every
 * offending report. Daily figures restart at 00:00 UTC.
 *
 * @example
 * const safety = new SafetyEnforcer({ clock, config: { triggers: { dailyLoss: { limit: '2500' } } }, onEvent: store });
 * safety.recordTrade({ symbol: 'BTC/USDT', pnl: '-120.5', exit: 'stop_loss' });
 * safety.canTrade({ symbol: 'BTC/USDT', reducesPosition: false });
 * // { allowed: false, code: 'symbol_locked', reason: 'cooldown after a stop-loss on BTC/USDT ...', state: 'ACTIVE' }
 */
export class SafetyEnforcer {
  readonly settings: SafetySettings;
  private readonly clock: Clock;
  private readonly listeners = new Set<SafetyListener>();
  private readonly lookbackMs: number;
  private latch: Latch | null = null;
  private paused: Pause | null = null;
  private current: SafetyState = 'ACTIVE';
  private reason: string | null = null;
  private since: number;
  private day: number;
  private dailyPnl = Decimal.ZERO;
  private lossStreak = 0;
  private apiErrorTimes: number[] = [];
  private lastSlippageBps: Decimal | null = null;
  private slippageBreaches = 0;
  private lastSentiment: number | null = null;
  private privacyBreaches = 0;
  private lastPrivacyBreach: { at: number; message: string; category?: string } | null = null;
  private readonly tripped = new Set<SafetyTrigger>();
  private trades: TradeRecord[] = [];
  private readonly locks = new Map<string, Lock>();
  private pending: SafetyEvent[] = [];

  /** @throws {SafetyError} `invalid_safety_config` for a malformed config. */
  constructor(options: SafetyEnforcerOptions) {
    this.clock = options.clock;
    this.settings = safetySettings(options.config);
    if (options.onEvent) this.listeners.add(options.onEvent);
    const p = this.settings.protections;
    this.lookbackMs =
      Math.max(
        p.max_drawdown.lookbackMinutes,
        p.stop_loss_guard.windowMinutes,
        p.low_profit.lookbackMinutes,
      ) * MINUTE_MS;
    const now = this.now();
    this.since = now;
    this.day = dayOf(now);
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: SafetyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current state (after expiring a timed pause that has ended). */
  get state(): SafetyState {
    return this.run(() => this.current);
  }

  /**
   * Whether an order may be placed now. `HALTED` refuses everything; `REDUCING` and a locked symbol
   * refuse all but orders that reduce a position. Cheap: meant for every order.
   */
  canTrade(order: TradeRequest): TradePermission {
    const now = this.now();
    this.refresh(now);
    if (this.pending.length > 0) this.flush();
    const state = this.current;
    if (state === 'HALTED') return { allowed: false, reason: this.reason ?? 'halted', code: 'halted', state };
    if (order.reducesPosition) return { allowed: true, reason: null, code: null, state };
    if (state === 'REDUCING')
      return {
        allowed: false,
        reason: `reducing only: ${this.reason ?? 'reducing'}`,
        code: 'reduce_only',
        state,
      };
    if (this.locks.size > 0) {
      const lock = this.locks.get(order.symbol);
      if (lock !== undefined) {
        if (lock.until > now)
          return {
            allowed: false,
            reason: `${lock.reason} (until ${iso(lock.until)})`,
            code: 'symbol_locked',
            state,
          };
        this.locks.delete(order.symbol);
      }
    }
    return { allowed: true, reason: null, code: null, state };
  }

  /** Counts a closed trade: the loss streak, the day's P&L and the symbol's protections. */
  recordTrade(trade: ClosedTrade): void {
    const pnl = this.decimal('pnl', trade.pnl);
    this.run((now) => {
      const at = trade.closedAt === undefined ? now : toMs(trade.closedAt);
      const exit = trade.exit ?? null;
      if (dayOf(at) === this.day) this.dailyPnl = this.dailyPnl.add(pnl);

      const streak = this.settings.triggers.consecutive_losses;
      if (pnl.isNegative()) this.lossStreak++;
      else {
        this.lossStreak = 0;
        this.tripped.delete('consecutive_losses');
      }
      if (streak.enabled && this.lossStreak >= streak.threshold && !this.tripped.has('consecutive_losses'))
        this.fire(
          'consecutive_losses',
          now,
          String(this.lossStreak),
          String(streak.threshold),
          `${this.lossStreak} losing trades in a row (threshold ${streak.threshold})`,
        );

      const daily = this.settings.triggers.daily_loss;
      if (daily.limit !== null) {
        const loss = this.dailyPnl.neg();
        if (loss.isPositive() && loss.gte(daily.limit)) {
          if (daily.enabled && !this.tripped.has('daily_loss'))
            this.fire(
              'daily_loss',
              now,
              loss.toString(),
              daily.limit.toString(),
              `today's realised loss ${loss} reached the limit of ${daily.limit}`,
            );
        } else this.tripped.delete('daily_loss');
      }

      this.trades.push({ symbol: trade.symbol, pnl, at, exit });
      this.pruneTrades(now);
      this.protect(trade.symbol, now, at, exit);
    });
  }

  /**
   * Measures a fill's adverse slippage in bps of the expected price (negative when the fill was
   * better) and fires the slippage trigger when it is above the limit. Returns the slippage, 2 decimals.
   * @throws {SafetyError} `invalid_input` unless the expected price is positive.
   */
  recordFill(fill: SlippageFill): Decimal {
    const expected = this.decimal('expectedPrice', fill.expectedPrice);
    const actual = this.decimal('actualPrice', fill.actualPrice);
    if (!expected.isPositive())
      throw new SafetyError('invalid_input', 'expectedPrice must be greater than zero', 'expectedPrice');
    return this.run((now) => {
      const adverse = (fill.side === 'buy' ? actual.sub(expected) : expected.sub(actual)).mul(BPS);
      const bps = adverse.div(expected, 2);
      this.lastSlippageBps = bps;
      const slippage = this.settings.triggers.slippage;
      if (adverse.gt(slippage.maxBps.mul(expected))) {
        this.slippageBreaches++;
        if (slippage.enabled)
          this.fire(
            'slippage',
            now,
            bps.toString(),
            slippage.maxBps.toString(),
            `${fill.side} fill on ${fill.symbol} at ${actual} slipped ${bps} bps from ${expected}, above ${slippage.maxBps} bps`,
          );
      }
      return bps;
    });
  }

  /** Counts a venue/API error; the burst trigger fires when a rolling minute holds `threshold` of them. */
  recordApiError(): void {
    this.run((now) => {
      this.apiErrorTimes.push(now);
      this.pruneApiErrors(now);
      const burst = this.settings.triggers.api_errors;
      const count = this.apiErrorTimes.length;
      if (count >= burst.threshold) {
        if (burst.enabled && !this.tripped.has('api_errors'))
          this.fire(
            'api_errors',
            now,
            String(count),
            String(burst.threshold),
            `${count} API errors within a minute (threshold ${burst.threshold})`,
          );
      } else this.tripped.delete('api_errors');
    });
  }

  /**
   * Records the market sentiment score (−1 bearish … +1 bullish); the trigger fires when it is below the floor.
   * @throws {SafetyError} `invalid_input` for a score outside −1 … 1.
   */
  recordSentiment(score: number): void {
    if (!(score >= -1 && score <= 1))
      throw new SafetyError('invalid_input', `a sentiment score is from -1 to 1, got ${score}`, 'score');
    this.run((now) => {
      this.lastSentiment = score;
      const sentiment = this.settings.triggers.sentiment;
      if (score < sentiment.floor) {
        if (sentiment.enabled && !this.tripped.has('sentiment'))
          this.fire(
            'sentiment',
            now,
            String(score),
            String(sentiment.floor),
            `market sentiment ${score} is below the floor of ${sentiment.floor}`,
          );
      } else this.tripped.delete('sentiment');
    });
  }

  /** Records a privacy breach reported by the privacy agent; the trigger fires on every report. */
  recordPrivacyBreach(details: PrivacyBreach): void {
    this.run((now) => {
      this.privacyBreaches++;
      this.lastPrivacyBreach = {
        at: now,
        message: details.message,
        ...(details.category === undefined ? {} : { category: details.category }),
      };
      if (this.settings.triggers.privacy_breach.enabled)
        this.fire(
          'privacy_breach',
          now,
          String(this.privacyBreaches),
          '1',
          `privacy breach${details.category ? ` (${details.category})` : ''}: ${details.message}`,
        );
    });
  }

  /**
   * Pauses trading: `HALTED` (or `REDUCING`) until {@link resume}, or until `until` when given.
   * A pause needs no `force` to resume and never shortens a trigger's latch.
   * @throws {SafetyError} `invalid_pause` when `until` is not in the future.
   */
  pause(options: { reason: string; until?: Date | number; state?: SafetyAction }): SafetyState {
    return this.run((now) => {
      const until = options.until === undefined ? null : toMs(options.until);
      if (until !== null && !(until > now))
        throw new SafetyError('invalid_pause', `a pause must end in the future, got ${iso(until)}`, 'until');
      const level = options.state ?? 'HALTED';
      if (level !== 'HALTED' && level !== 'REDUCING')
        throw new SafetyError(
          'invalid_pause',
          `a pause is HALTED or REDUCING, got ${String(level)}`,
          'state',
        );
      const previous = this.current;
      this.paused = { level, reason: options.reason, at: now, until };
      this.settle(now);
      this.pending.push({
        type: 'safety.paused',
        at: iso(now),
        reason: options.reason,
        until: until === null ? null : iso(until),
        previousState: previous,
        state: this.current,
      });
      return this.current;
    });
  }

  /**
   * Back to `ACTIVE`: clears the latch and any pause, restarts the loss streak and the API error count,
   * and re-arms every trigger (a condition that still holds fires again on its next report). Symbol
   * locks stay ({@link unlock} lifts one).
   * @throws {SafetyError} `resume_needs_force` within `guardMinutes` of the latest trigger or panic.
   */
  resume(options: { force?: boolean; reason?: string } = {}): SafetyState {
    return this.run((now) => {
      const latch = this.latch;
      const guarded = latch !== null && now < latch.guardUntil;
      if (guarded && !options.force)
        throw new SafetyError(
          'resume_needs_force',
          `${latch.cause} (${latch.reason}) at ${iso(latch.at)}: resuming before ${iso(latch.guardUntil)} needs force`,
        );
      const previous = this.current;
      const held = latch !== null || this.paused !== null;
      this.latch = null;
      this.paused = null;
      this.tripped.clear();
      this.lossStreak = 0;
      this.apiErrorTimes = [];
      this.settle(now);
      if (held)
        this.pending.push({
          type: 'safety.resumed',
          at: iso(now),
          reason: options.reason ?? 'resumed by operator',
          forced: guarded,
          previousState: previous,
          state: this.current,
        });
      return this.current;
    });
  }

  /** Halts everything at once (the kill switch). Resuming within the guard window needs `force`. */
  panic(reason = 'panic'): SafetyState {
    return this.run((now) => {
      const previous = this.current;
      this.latch = { level: 'HALTED', cause: 'panic', reason, at: now, guardUntil: now + this.guardMs() };
      this.settle(now);
      this.pending.push({
        type: 'safety.halted',
        at: iso(now),
        cause: 'panic',
        reason,
        previousState: previous,
        state: this.current,
      });
      return this.current;
    });
  }

  /** Lifts a symbol's lock; `false` when it had none. */
  unlock(symbol: string, reason = 'unlocked by operator'): boolean {
    return this.run((now) => {
      const lock = this.locks.get(symbol);
      this.locks.delete(symbol);
      if (lock === undefined || lock.until <= now) return false;
      this.pending.push({ type: 'safety.symbol_unlocked', at: iso(now), symbol, reason });
      return true;
    });
  }

  /** Everything the enforcer knows, as plain JSON (decimals and times as strings). */
  snapshot(): SafetySnapshot {
    return this.run((now) => {
      this.pruneApiErrors(now);
      this.pruneTrades(now);
      const t = this.settings.triggers;
      const latch = this.latch;
      const paused = this.paused;
      const last = this.lastPrivacyBreach;
      return {
        version: 1,
        state: this.current,
        reason: this.reason,
        since: iso(this.since),
        pausedUntil: paused?.until == null ? null : iso(paused.until),
        latch:
          latch === null
            ? null
            : {
                state: latch.level,
                cause: latch.cause,
                reason: latch.reason,
                at: iso(latch.at),
                guardUntil: iso(latch.guardUntil),
              },
        pause:
          paused === null
            ? null
            : {
                state: paused.level,
                reason: paused.reason,
                at: iso(paused.at),
                until: paused.until === null ? null : iso(paused.until),
              },
        day: iso(this.day * DAY_MS).slice(0, 10),
        triggers: {
          consecutive_losses: {
            ...t.consecutive_losses,
            count: this.lossStreak,
            tripped: this.tripped.has('consecutive_losses'),
          },
          daily_loss: {
            enabled: t.daily_loss.enabled,
            action: t.daily_loss.action,
            limit: t.daily_loss.limit?.toString() ?? null,
            pnl: this.dailyPnl.toString(),
            tripped: this.tripped.has('daily_loss'),
          },
          api_errors: {
            ...t.api_errors,
            windowSeconds: API_WINDOW_MS / 1000,
            count: this.apiErrorTimes.length,
            errorTimes: this.apiErrorTimes.map(iso),
            tripped: this.tripped.has('api_errors'),
          },
          slippage: {
            enabled: t.slippage.enabled,
            action: t.slippage.action,
            maxBps: t.slippage.maxBps.toString(),
            lastBps: this.lastSlippageBps?.toString() ?? null,
            breaches: this.slippageBreaches,
          },
          sentiment: { ...t.sentiment, last: this.lastSentiment, tripped: this.tripped.has('sentiment') },
          privacy_breach: {
            ...t.privacy_breach,
            count: this.privacyBreaches,
            last: last === null ? null : { ...last, at: iso(last.at) },
          },
        },
        locks: [...this.locks]
          .filter(([, lock]) => lock.until > now)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([symbol, lock]) => ({
            symbol,
            protection: lock.protection,
            reason: lock.reason,
            until: iso(lock.until),
          })),
        recentTrades: this.trades.map((trade) => ({
          symbol: trade.symbol,
          pnl: trade.pnl.toString(),
          closedAt: iso(trade.at),
          exit: trade.exit,
        })),
      };
    });
  }

  /**
   * Takes back a {@link snapshot} (after a restart). The current config applies: thresholds in the
   * snapshot are informative. A timed pause that ended while the process was down expires at once
   * (with its `safety.resumed` event); the daily figures restart if the UTC day has changed.
   * @throws {SafetyError} `invalid_snapshot`, naming the field, for anything malformed; nothing changes then.
   */
  restore(snapshot: SafetySnapshot): void {
    const parsed = parseSnapshot(snapshot);
    const now = this.now();
    this.latch = parsed.latch;
    this.paused = parsed.paused;
    this.current = parsed.current;
    this.reason = parsed.reason;
    this.since = parsed.since;
    this.day = parsed.day;
    this.dailyPnl = parsed.dailyPnl;
    this.lossStreak = parsed.lossStreak;
    this.apiErrorTimes = parsed.apiErrorTimes;
    this.lastSlippageBps = parsed.lastSlippageBps;
    this.slippageBreaches = parsed.slippageBreaches;
    this.lastSentiment = parsed.lastSentiment;
    this.privacyBreaches = parsed.privacyBreaches;
    this.lastPrivacyBreach = parsed.lastPrivacyBreach;
    this.trades = parsed.trades;
    this.tripped.clear();
    for (const trigger of parsed.tripped) this.tripped.add(trigger);
    this.locks.clear();
    for (const [symbol, lock] of parsed.locks) this.locks.set(symbol, lock);
    this.pending = [];
    // A state the holds do not explain (a hand-edited snapshot) gives way to the holds.
    this.settle(this.since);
    this.refresh(now);
    this.flush();
  }

  // --- internals ---

  private now(): number {
    return this.clock.now().getTime();
  }

  private guardMs(): number {
    return this.settings.guardMinutes * MINUTE_MS;
  }

  /** Runs an operation at the clock's now, after the time-driven changes, then reports its events. */
  private run<T>(operation: (now: number) => T): T {
    const now = this.now();
    this.refresh(now);
    try {
      return operation(now);
    } finally {
      this.flush();
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  /** The day rollover and the end of a timed pause. */
  private refresh(now: number): void {
    const day = dayOf(now);
    if (day !== this.day) {
      this.day = day;
      this.dailyPnl = Decimal.ZERO;
      this.tripped.delete('daily_loss');
    }
    const paused = this.paused;
    if (paused !== null && paused.until !== null && now >= paused.until) {
      const previous = this.current;
      this.paused = null;
      this.settle(paused.until);
      if (this.current !== previous)
        this.pending.push({
          type: 'safety.resumed',
          at: iso(paused.until),
          reason: `pause ended: ${paused.reason}`,
          forced: false,
          previousState: previous,
          state: this.current,
        });
    }
  }

  /** Sets the state to the stricter of the latch and the pause. */
  private settle(at: number): void {
    const latch = this.latch;
    const paused = this.paused;
    let state: SafetyState = 'ACTIVE';
    let reason: string | null = null;
    if (latch !== null) {
      state = latch.level;
      reason = latch.reason;
    }
    if (paused !== null && LEVEL[paused.level] > LEVEL[state]) {
      state = paused.level;
      reason = paused.reason;
    }
    if (state !== this.current) {
      this.current = state;
      this.since = at;
    }
    this.reason = reason;
  }

  private fire(trigger: SafetyTrigger, now: number, value: string, threshold: string, reason: string): void {
    const action = this.settings.triggers[trigger].action;
    const previous = this.current;
    const latch = this.latch;
    if (latch !== null && LEVEL[latch.level] > LEVEL[action]) latch.guardUntil = now + this.guardMs();
    else this.latch = { level: action, cause: trigger, reason, at: now, guardUntil: now + this.guardMs() };
    this.tripped.add(trigger);
    this.settle(now);
    const state = this.current;
    this.pending.push({
      type: 'safety.triggered',
      at: iso(now),
      trigger,
      action,
      value,
      threshold,
      reason,
      previousState: previous,
      state,
    });
    if (state !== previous && (state === 'HALTED' || state === 'REDUCING'))
      this.pending.push({
        type: state === 'HALTED' ? 'safety.halted' : 'safety.reducing',
        at: iso(now),
        cause: trigger,
        reason,
        previousState: previous,
        state,
      });
  }

  private lock(
    symbol: string,
    protection: SafetyProtection,
    until: number,
    reason: string,
    now: number,
  ): void {
    const existing = this.locks.get(symbol);
    if (existing !== undefined && existing.until >= until) return;
    this.locks.set(symbol, { protection, reason, until });
    this.pending.push({
      type: 'safety.symbol_locked',
      at: iso(now),
      symbol,
      protection,
      reason,
      until: iso(until),
    });
  }

  /** The per-symbol protections, after a trade on `symbol` closed at `at`. */
  private protect(symbol: string, now: number, at: number, exit: string | null): void {
    const p = this.settings.protections;
    if (exit === 'stop_loss' && p.cooldown.enabled) {
      const until = at + p.cooldown.minutes * MINUTE_MS;
      if (until > now)
        this.lock(
          symbol,
          'cooldown',
          until,
          `cooldown after a stop-loss on ${symbol} (${p.cooldown.minutes} min)`,
          now,
        );
    }
    if (exit === 'stop_loss' && p.stop_loss_guard.enabled) {
      const from = now - p.stop_loss_guard.windowMinutes * MINUTE_MS;
      let stops = 0;
      for (const trade of this.trades)
        if (trade.symbol === symbol && trade.exit === 'stop_loss' && trade.at > from && trade.at <= now)
          stops++;
      if (stops >= p.stop_loss_guard.count)
        this.lock(
          symbol,
          'stop_loss_guard',
          now + p.stop_loss_guard.lockMinutes * MINUTE_MS,
          `${stops} stop-losses on ${symbol} within ${p.stop_loss_guard.windowMinutes} min (limit ${p.stop_loss_guard.count})`,
          now,
        );
    }
    if (p.low_profit.enabled) {
      const from = now - p.low_profit.lookbackMinutes * MINUTE_MS;
      let trades = 0;
      let total = Decimal.ZERO;
      for (const trade of this.trades)
        if (trade.symbol === symbol && trade.at > from && trade.at <= now) {
          trades++;
          total = total.add(trade.pnl);
        }
      if (trades >= p.low_profit.minTrades && total.lt(p.low_profit.minProfit))
        this.lock(
          symbol,
          'low_profit',
          now + p.low_profit.lockMinutes * MINUTE_MS,
          `${symbol} made ${total} over its last ${trades} trades, below ${p.low_profit.minProfit}`,
          now,
        );
    }
    const drawdown = p.max_drawdown;
    if (drawdown.enabled && drawdown.limit !== null) {
      const from = now - drawdown.lookbackMinutes * MINUTE_MS;
      const path = this.trades
        .filter((trade) => trade.symbol === symbol && trade.at > from && trade.at <= now)
        .sort((a, b) => a.at - b.at);
      let cumulative = Decimal.ZERO;
      let peak = Decimal.ZERO;
      let worst = Decimal.ZERO;
      for (const trade of path) {
        cumulative = cumulative.add(trade.pnl);
        peak = peak.max(cumulative);
        worst = worst.max(peak.sub(cumulative));
      }
      if (worst.isPositive() && worst.gte(drawdown.limit))
        this.lock(
          symbol,
          'max_drawdown',
          now + drawdown.lockMinutes * MINUTE_MS,
          `${symbol} drew down ${worst} within ${drawdown.lookbackMinutes} min (limit ${drawdown.limit})`,
          now,
        );
    }
  }

  private pruneApiErrors(now: number): void {
    const times = this.apiErrorTimes;
    let drop = 0;
    while (drop < times.length && now - (times[drop] as number) >= API_WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
  }

  private pruneTrades(now: number): void {
    const from = now - this.lookbackMs;
    const first = this.trades[0];
    if ((first !== undefined && first.at <= from) || this.trades.length > MAX_TRADES) {
      this.trades = this.trades.filter((trade) => trade.at > from).slice(-MAX_TRADES);
    }
  }

  private decimal(field: string, value: DecimalInput): Decimal {
    try {
      return Decimal.from(value);
    } catch (error) {
      throw new SafetyError('invalid_input', `${field}: ${(error as Error).message}`, field);
    }
  }
}

/** The enforcer's fields as a snapshot gives them. */
interface ParsedSnapshot {
  latch: Latch | null;
  paused: Pause | null;
  current: SafetyState;
  reason: string | null;
  since: number;
  day: number;
  dailyPnl: Decimal;
  lossStreak: number;
  apiErrorTimes: number[];
  lastSlippageBps: Decimal | null;
  slippageBreaches: number;
  lastSentiment: number | null;
  privacyBreaches: number;
  lastPrivacyBreach: { at: number; message: string; category?: string } | null;
  trades: TradeRecord[];
  tripped: SafetyTrigger[];
  locks: [string, Lock][];
}

function parseSnapshot(snapshot: SafetySnapshot): ParsedSnapshot {
  const bad = (field: string, message: string) =>
    new SafetyError('invalid_snapshot', `${field}: ${message}`, field);
  const time = (field: string, value: unknown): number => {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) throw bad(field, `not a time: ${JSON.stringify(value)}`);
    return ms;
  };
  const decimal = (field: string, value: unknown): Decimal => {
    try {
      if (typeof value !== 'string') throw new Error('not a string');
      return Decimal.from(value);
    } catch {
      throw bad(field, `not a decimal string: ${JSON.stringify(value)}`);
    }
  };
  const whole = (field: string, value: unknown): number => {
    if (!Number.isInteger(value) || (value as number) < 0)
      throw bad(field, `not a count: ${JSON.stringify(value)}`);
    return value as number;
  };
  const action = (field: string, value: unknown): SafetyAction => {
    if (value !== 'HALTED' && value !== 'REDUCING')
      throw bad(field, `not REDUCING or HALTED: ${JSON.stringify(value)}`);
    return value;
  };
  const text = (field: string, value: unknown): string => {
    if (typeof value !== 'string') throw bad(field, 'not a string');
    return value;
  };
  if (typeof snapshot !== 'object' || snapshot === null) throw bad('snapshot', 'not an object');
  if (snapshot.version !== 1) throw bad('version', `unsupported version ${JSON.stringify(snapshot.version)}`);
  if (!SAFETY_STATES.includes(snapshot.state))
    throw bad('state', `unknown state ${JSON.stringify(snapshot.state)}`);
  const t = snapshot.triggers;
  if (typeof t !== 'object' || t === null) throw bad('triggers', 'not an object');
  const l = snapshot.latch;
  const p = snapshot.pause;
  const tripped: SafetyTrigger[] = [];
  if (t.consecutive_losses?.tripped) tripped.push('consecutive_losses');
  if (t.daily_loss?.tripped) tripped.push('daily_loss');
  if (t.api_errors?.tripped) tripped.push('api_errors');
  if (t.sentiment?.tripped) tripped.push('sentiment');
  const breach = t.privacy_breach?.last;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(String(snapshot.day))
    ? time('day', `${snapshot.day}T00:00:00.000Z`)
    : Number.NaN;
  if (Number.isNaN(day)) throw bad('day', `not a date: ${JSON.stringify(snapshot.day)}`);
  const sentiment = t.sentiment?.last;
  if (sentiment !== null && !(typeof sentiment === 'number' && sentiment >= -1 && sentiment <= 1))
    throw bad('triggers.sentiment.last', `not a score: ${JSON.stringify(sentiment)}`);
  if (!Array.isArray(snapshot.locks)) throw bad('locks', 'not an array');
  if (!Array.isArray(snapshot.recentTrades)) throw bad('recentTrades', 'not an array');
  if (!Array.isArray(t.api_errors?.errorTimes)) throw bad('triggers.api_errors.errorTimes', 'not an array');
  return {
    latch:
      l === null
        ? null
        : {
            level: action('latch.state', l?.state),
            cause:
              l.cause === 'panic' || (SAFETY_TRIGGERS as readonly string[]).includes(l.cause)
                ? l.cause
                : (() => {
                    throw bad('latch.cause', `unknown cause ${JSON.stringify(l.cause)}`);
                  })(),
            reason: text('latch.reason', l.reason),
            at: time('latch.at', l.at),
            guardUntil: time('latch.guardUntil', l.guardUntil),
          },
    paused:
      p === null
        ? null
        : {
            level: action('pause.state', p?.state),
            reason: text('pause.reason', p.reason),
            at: time('pause.at', p.at),
            until: p.until === null ? null : time('pause.until', p.until),
          },
    current: snapshot.state,
    reason: snapshot.reason === null ? null : text('reason', snapshot.reason),
    since: time('since', snapshot.since),
    day: dayOf(day),
    dailyPnl: decimal('triggers.daily_loss.pnl', t.daily_loss?.pnl),
    lossStreak: whole('triggers.consecutive_losses.count', t.consecutive_losses?.count),
    apiErrorTimes: t.api_errors.errorTimes.map((at, i) => time(`triggers.api_errors.errorTimes[${i}]`, at)),
    lastSlippageBps:
      t.slippage?.lastBps == null ? null : decimal('triggers.slippage.lastBps', t.slippage.lastBps),
    slippageBreaches: whole('triggers.slippage.breaches', t.slippage?.breaches),
    lastSentiment: sentiment ?? null,
    privacyBreaches: whole('triggers.privacy_breach.count', t.privacy_breach?.count),
    lastPrivacyBreach:
      breach == null
        ? null
        : {
            at: time('triggers.privacy_breach.last.at', breach.at),
            message: text('triggers.privacy_breach.last.message', breach.message),
            ...(breach.category === undefined
              ? {}
              : { category: text('triggers.privacy_breach.last.category', breach.category) }),
          },
    trades: snapshot.recentTrades.map((trade, i) => ({
      symbol: text(`recentTrades[${i}].symbol`, trade.symbol),
      pnl: decimal(`recentTrades[${i}].pnl`, trade.pnl),
      at: time(`recentTrades[${i}].closedAt`, trade.closedAt),
      exit: trade.exit === null ? null : text(`recentTrades[${i}].exit`, trade.exit),
    })),
    tripped,
    locks: snapshot.locks.map((lock, i): [string, Lock] => {
      if (!SAFETY_PROTECTIONS.includes(lock.protection))
        throw bad(`locks[${i}].protection`, `unknown protection ${JSON.stringify(lock.protection)}`);
      return [
        text(`locks[${i}].symbol`, lock.symbol),
        {
          protection: lock.protection,
          reason: text(`locks[${i}].reason`, lock.reason),
          until: time(`locks[${i}].until`, lock.until),
        },
      ];
    }),
  };
}
