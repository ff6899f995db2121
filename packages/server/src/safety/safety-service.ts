import {
  type CandleClose,
  type Clock,
  Decimal,
  type MarketDataFeed,
  type Order,
  SafetyEnforcer,
  SafetyError,
  type SafetySnapshot,
  TIMEFRAMES,
  type Ticker,
  triggeredExit,
} from '@sigmax/engine';
import type { Db } from '../db/database';
import { readSetting, writeSetting } from '../db/queries/settings';
import type { BusEvent, EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import type { Logger } from '../logger';
import { ApiError } from '../problem';
import type { TradingService } from '../trading';
import { DEFAULT_LIMITS, type LimitEngines, type Limits, limitEngines } from './limits';

type Schemas = components['schemas'];

const SNAPSHOT = 'safety.snapshot';
const EXITS = 'safety.exits';
const LIMITS = 'safety.limits';
const MINUTE_MS = 60_000;
/** Redaction categories of the privacy agent that count as a breach (leaked secrets or payment data). */
const BREACH_CATEGORIES = ['secret', 'iban', 'card'];

export interface SafetyServiceOptions {
  db: Db;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  trading: TradingService;
  /** Candle closes drive the stop-loss and take-profit exits. */
  market: MarketDataFeed;
}

type Exit = Schemas['ProtectiveExit'];

/** The state of one symbol's position, to tell when a round trip closes. */
interface PositionMark {
  quantity: Decimal;
  /** Realised P&L less fees when the position was last flat. */
  base: Decimal;
  /** Realised P&L less fees now. */
  net: Decimal;
}

/**
 * The server side of the safety enforcer, the risk limits and the compliance policy: it persists the
 * enforcer's state and the limits, feeds the enforcer from what happens (fills and their slippage,
 * closed round trips, exchange errors, the analyses' news sentiment and privacy findings), gates every
 * new order, and publishes the enforcer's events on the bus.
 */
export class SafetyService {
  private limits: Limits = DEFAULT_LIMITS;
  private engines!: LimitEngines;
  private enforcer!: SafetyEnforcer;
  private stopEnforcer: () => void = () => {};
  private readonly unsubscribe: (() => void)[] = [];
  /** The price each working market order was expected to fill at (the quote when it was sent). */
  private readonly expected = new Map<string, { symbol: string; side: Order['side']; price: Decimal }>();
  private readonly marks = new Map<string, PositionMark>();
  /** Stop-loss and take-profit prices of open long positions, by symbol. */
  private readonly exits = new Map<string, Exit>();
  /** How the next close of a symbol's position came about (an exit that fired). */
  private readonly closing = new Map<string, 'stop_loss' | 'take_profit'>();
  /** Candle subscriptions of the symbols with exits (each feed needs a symbol and a timeframe). */
  private readonly watching = new Map<string, () => void>();
  private orderTimes: number[] = [];
  private dayStart: { day: string; equity: Decimal } | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(private readonly o: SafetyServiceOptions) {}

  static async start(o: SafetyServiceOptions): Promise<SafetyService> {
    const service = new SafetyService(o);
    service.limits = (await readSetting<Limits>(o.db, LIMITS)) ?? DEFAULT_LIMITS;
    service.engines = limitEngines(service.limits, 'limits');
    const snapshot = await readSetting<SafetySnapshot>(o.db, SNAPSHOT);
    service.build(snapshot);
    for (const position of await o.trading.positions()) {
      const net = Decimal.from(position.realizedPnl).sub(position.fees);
      service.marks.set(position.symbol, { quantity: Decimal.from(position.quantity), base: net, net });
    }
    service.unsubscribe.push(o.events.subscribe((event) => service.onEvent(event)));
    for (const exit of (await readSetting<Exit[]>(o.db, EXITS)) ?? []) {
      service.exits.set(exit.symbol, exit);
      await service.watch(exit.symbol);
    }
    o.trading.setOrderGate((order, ticker) => service.gate(order, ticker));
    return service;
  }

  /** A fresh enforcer on the current limits, restored from `snapshot` (its state survives). */
  private build(snapshot: SafetySnapshot | undefined): void {
    this.stopEnforcer();
    this.enforcer = new SafetyEnforcer({ clock: this.o.clock, config: this.engines.safety });
    if (snapshot) {
      try {
        this.enforcer.restore(snapshot);
      } catch (error) {
        this.o.logger.error({ err: error }, 'the stored safety state cannot be read; starting HALTED');
        this.enforcer.panic('the stored safety state could not be read');
      }
    }
    this.stopEnforcer = this.enforcer.subscribe((event) => {
      this.o.events.publish({ type: event.type, safety: event });
    });
  }

  close(): Promise<void> {
    for (const stop of this.unsubscribe) stop();
    for (const symbol of [...this.watching.keys()]) this.unwatch(symbol);
    this.stopEnforcer();
    return this.writing;
  }

  get state(): Schemas['SafetyState'] {
    return this.enforcer.state;
  }

  /** The compliance policy and risk manager in force. */
  get policy(): LimitEngines {
    return this.engines;
  }

  // --------------------------------------------------------------------------------------------
  // Status and control
  // --------------------------------------------------------------------------------------------

  status(): Schemas['SafetyStatus'] {
    const s = this.enforcer.snapshot();
    const t = s.triggers;
    const trigger = (
      name: Schemas['SafetyTriggerStatus']['name'],
      head: { enabled: boolean; action: 'REDUCING' | 'HALTED' },
      tripped: boolean,
      value: string | number | null,
      threshold: string | number | null,
    ): Schemas['SafetyTriggerStatus'] => ({
      name,
      enabled: head.enabled,
      action: head.action,
      tripped,
      value: value === null ? null : String(value),
      threshold: threshold === null ? null : String(threshold),
    });
    return {
      state: s.state,
      reason: s.reason,
      since: s.since,
      pausedUntil: s.pausedUntil,
      guardUntil:
        s.latch && Date.parse(s.latch.guardUntil) > this.o.clock.now().getTime() ? s.latch.guardUntil : null,
      triggers: [
        trigger(
          'consecutive_losses',
          t.consecutive_losses,
          t.consecutive_losses.tripped,
          t.consecutive_losses.count,
          t.consecutive_losses.threshold,
        ),
        trigger('daily_loss', t.daily_loss, t.daily_loss.tripped, t.daily_loss.pnl, t.daily_loss.limit),
        trigger('api_errors', t.api_errors, t.api_errors.tripped, t.api_errors.count, t.api_errors.threshold),
        trigger('slippage', t.slippage, t.slippage.breaches > 0, t.slippage.lastBps, t.slippage.maxBps),
        trigger('sentiment', t.sentiment, t.sentiment.tripped, t.sentiment.last, t.sentiment.floor),
        trigger('privacy_breach', t.privacy_breach, t.privacy_breach.count > 0, t.privacy_breach.count, null),
      ],
      locks: s.locks.map((l) => ({
        symbol: l.symbol,
        protection: l.protection,
        reason: l.reason,
        until: l.until,
      })),
      exits: [...this.exits.values()],
      limits: this.limits,
    };
  }

  /** Replaces the given sections of the limits (validated as a whole), persists them. */
  async updateLimits(update: Partial<Limits>): Promise<Schemas['SafetyStatus']> {
    const next: Limits = { ...this.limits, ...update };
    const engines = limitEngines(next);
    const snapshot = this.enforcer.snapshot();
    this.limits = next;
    this.engines = engines;
    this.build(snapshot);
    await writeSetting(this.o.db, LIMITS, next, this.o.clock.now());
    await this.persist();
    return this.status();
  }

  async pause(reason: string, durationSeconds: number | undefined): Promise<Schemas['SafetyStatus']> {
    const until =
      durationSeconds === undefined ? undefined : this.o.clock.now().getTime() + durationSeconds * 1000;
    this.enforcer.pause({ reason, ...(until !== undefined ? { until } : {}), state: 'HALTED' });
    await this.persist();
    return this.status();
  }

  /** 409 `resume_needs_force` within the guard window without `force`. */
  async resume(force: boolean, reason: string | undefined): Promise<Schemas['SafetyStatus']> {
    try {
      this.enforcer.resume({ force, ...(reason ? { reason } : {}) });
    } catch (error) {
      if (error instanceof SafetyError && error.code === 'resume_needs_force') {
        throw new ApiError(
          409,
          'resume_needs_force',
          `${error.message} Resume with "force": true (admin scope).`,
        );
      }
      throw error;
    }
    await this.persist();
    return this.status();
  }

  /** HALTED at once (the first step of a panic). */
  async halt(reason: string): Promise<void> {
    this.enforcer.panic(reason);
    await this.persist();
  }

  // --------------------------------------------------------------------------------------------
  // The gate
  // --------------------------------------------------------------------------------------------

  /**
   * Refuses an order the enforcer does not allow now (409 `trading_paused`) or that breaks a risk
   * limit (422 `risk_limit_exceeded`, one field error per violation).
   */
  async gate(order: Order, ticker: Ticker): Promise<void> {
    const held = this.o.trading.positionQuantity(order.symbol);
    const reduces = order.side === 'sell' ? held.isPositive() && order.quantity.lte(held) : held.isNegative();
    const permission = this.enforcer.canTrade({ symbol: order.symbol, reducesPosition: reduces });
    if (!permission.allowed) {
      throw new ApiError(409, 'trading_paused', `Trading is ${permission.state}: ${permission.reason}`, {
        state: permission.state,
      });
    }
    const check = await this.riskCheck(order, Decimal.fromNumber(ticker.last));
    if (!check.ok) {
      const errors = check.violations.map((v) => ({ path: `risk.${v.code}`, message: v.message }));
      throw new ApiError(422, 'risk_limit_exceeded', errors.map((e) => e.message).join('; '), {
        errors,
        violations: check.violations,
      });
    }
    const now = this.o.clock.now().getTime();
    this.orderTimes.push(now);
    if (order.type === 'market') {
      const price = order.side === 'buy' ? ticker.ask || ticker.last : ticker.bid || ticker.last;
      this.expected.set(order.id, {
        symbol: order.symbol,
        side: order.side,
        price: Decimal.fromNumber(price),
      });
    }
  }

  /** The risk limits' verdict on an order at `lastPrice`, against the account as it is now. */
  async riskCheck(
    order: Pick<Order, 'symbol' | 'side' | 'type' | 'quantity'> & { limitPrice?: Decimal | null },
    lastPrice: Decimal,
    known?: Schemas['Portfolio'],
  ): Promise<Schemas['RiskVerdict']> {
    const now = this.o.clock.now().getTime();
    this.orderTimes = this.orderTimes.filter((t) => t > now - MINUTE_MS);
    // Without any risk limit there is nothing to check: no valuation of the account on the order path.
    if (!this.hasRiskLimits()) return { ok: true, violations: [] };
    const portfolio = known ?? (await this.o.trading.portfolio());
    const equity = Decimal.from(portfolio.equity);
    const day = new Date(now).toISOString().slice(0, 10);
    if (this.dayStart?.day !== day) this.dayStart = { day, equity };
    const check = this.engines.risk.checkOrder(
      {
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        quantity: order.quantity,
        ...(order.limitPrice ? { limitPrice: order.limitPrice } : {}),
      },
      {
        now,
        portfolio: {
          equity,
          cash: Decimal.from(portfolio.cash),
          positions: portfolio.positions.map((p) => ({
            symbol: p.symbol,
            quantity: Decimal.from(p.quantity),
            mark: Decimal.from(p.markPrice ?? p.averageEntryPrice ?? '0'),
          })),
        },
        lastPrice,
        dailyPnl: equity.sub(this.dayStart.equity),
        startOfDayEquity: this.dayStart.equity,
        recentOrderTimes: this.orderTimes,
      },
    );
    if (check.ok) return { ok: true, violations: [] };
    return {
      ok: false,
      violations: check.violations.map((v) => ({
        code: v.code,
        message: v.message,
        ...(v.limit !== undefined ? { limit: String(v.limit) } : {}),
        ...(v.actual !== undefined ? { actual: String(v.actual) } : {}),
      })),
    };
  }

  /**
   * Attaches a stop-loss and/or take-profit to `symbol`'s long position (replacing earlier ones): on
   * each candle close whose range reaches one, the position is closed at market, and the round trip
   * is recorded with that exit (a stop-loss feeds the cooldown and the stop-loss guard).
   */
  async attachExits(
    symbol: string,
    entryPrice: string,
    stopLoss: string | null,
    takeProfit: string | null,
  ): Promise<void> {
    if (stopLoss === null && takeProfit === null) return;
    this.exits.set(symbol, {
      symbol,
      entryPrice,
      stopLoss,
      takeProfit,
      since: this.o.clock.now().toISOString(),
    });
    await this.watch(symbol);
    await this.saveExits();
  }

  /**
   * Follows the candle closes of `symbol` on each of its timeframes, where exits are checked (a feed
   * may have stopped serving one of them: a replay whose hourly data ends earlier, say).
   */
  private async watch(symbol: string): Promise<void> {
    if (this.watching.has(symbol)) return;
    try {
      const market = await this.o.market.getMarket(symbol);
      const stops = TIMEFRAMES.filter((tf) => market.timeframes.includes(tf)).map((timeframe) =>
        this.o.market.onCandle((close) => void this.onCandle(close), { symbol, timeframe }),
      );
      this.watching.set(symbol, () => {
        for (const stop of stops) stop();
      });
    } catch (error) {
      this.o.logger.error({ err: error, symbol }, 'cannot follow the candles of a position with exits');
    }
  }

  private unwatch(symbol: string): void {
    this.watching.get(symbol)?.();
    this.watching.delete(symbol);
  }

  private async onCandle(close: CandleClose): Promise<void> {
    const exit = this.exits.get(close.symbol);
    if (!exit || this.closing.has(close.symbol)) return;
    const hit = triggeredExit(
      {
        side: 'long',
        entryPrice: Decimal.from(exit.entryPrice),
        ...(exit.stopLoss !== null ? { stopPrice: Decimal.from(exit.stopLoss) } : {}),
        ...(exit.takeProfit !== null ? { takeProfitPrice: Decimal.from(exit.takeProfit) } : {}),
      },
      {
        open: Decimal.fromNumber(close.candle.open),
        high: Decimal.fromNumber(close.candle.high),
        low: Decimal.fromNumber(close.candle.low),
      },
    );
    if (!hit) return;
    this.closing.set(close.symbol, hit.kind);
    this.exits.delete(close.symbol);
    this.unwatch(close.symbol);
    try {
      await this.saveExits();
      await this.o.trading.closePosition(close.symbol);
    } catch (error) {
      this.closing.delete(close.symbol);
      this.o.logger.error(
        { err: error, symbol: close.symbol, exit: hit.kind },
        'cannot close the position at its exit',
      );
    }
  }

  private async saveExits(): Promise<void> {
    await writeSetting(this.o.db, EXITS, [...this.exits.values()], this.o.clock.now());
  }

  /** Whether any risk limit is set (the proposals' position fraction is sizing, not a limit). */
  private hasRiskLimits(): boolean {
    const { positionFraction: _sizing, ...limits } = this.limits.risk;
    return Object.keys(limits).length > 0;
  }

  /** An exchange or market-data call failed (counts toward the API error burst trigger). */
  recordApiError(): void {
    this.enforcer.recordApiError();
    void this.persist();
  }

  // --------------------------------------------------------------------------------------------
  // Feeds
  // --------------------------------------------------------------------------------------------

  private onEvent(event: BusEvent): void {
    switch (event.type) {
      case 'fill': {
        const expected = this.expected.get(event.fill.orderId);
        if (!expected) return;
        this.enforcer.recordFill({
          symbol: expected.symbol,
          side: expected.side,
          expectedPrice: expected.price,
          actualPrice: event.fill.price,
        });
        void this.persist();
        return;
      }
      case 'order.updated':
        if (['filled', 'canceled', 'rejected', 'expired', 'replaced'].includes(event.order.status)) {
          this.expected.delete(event.order.id);
        }
        return;
      case 'position.updated':
        this.onPosition(event.position);
        return;
      case 'analysis.completed':
        this.onAnalysis(event.analysis);
        return;
      default:
        return;
    }
  }

  /** A position that went back to flat closed a round trip: its P&L (fees included) is a trade. */
  private onPosition(position: Schemas['Position']): void {
    const quantity = Decimal.from(position.quantity);
    const net = Decimal.from(position.realizedPnl).sub(position.fees);
    const before = this.marks.get(position.symbol) ?? {
      quantity: Decimal.ZERO,
      base: Decimal.ZERO,
      net: Decimal.ZERO,
    };
    if (before.quantity.isZero() && !quantity.isZero()) {
      this.marks.set(position.symbol, { quantity, base: before.net, net });
      return;
    }
    this.marks.set(position.symbol, { quantity, base: quantity.isZero() ? net : before.base, net });
    if (!before.quantity.isZero() && quantity.isZero()) {
      const exit = this.closing.get(position.symbol) ?? 'manual';
      this.closing.delete(position.symbol);
      this.enforcer.recordTrade({ symbol: position.symbol, pnl: net.sub(before.base), exit });
      if (this.exits.delete(position.symbol)) {
        this.unwatch(position.symbol);
        void this.saveExits();
      }
      void this.persist();
    }
  }

  /** The researcher's news sentiment and the privacy agent's findings. */
  private onAnalysis(analysis: Schemas['Analysis']): void {
    const researcher = analysis.agents.find((a) => a.agent === 'researcher');
    const sentiment = researcher?.evidence.find((e) => e.name === 'news sentiment');
    const score =
      typeof sentiment?.value === 'number' && !analysis.missingInputs.includes('news')
        ? sentiment.value
        : undefined;
    if (score !== undefined) this.enforcer.recordSentiment(score);
    const privacy = analysis.agents.find((a) => a.agent === 'privacy');
    const breaches = BREACH_CATEGORIES.map((category) => ({
      category,
      count: Number(privacy?.evidence.find((e) => e.name === `redactions: ${category}`)?.value ?? 0),
    })).filter((b) => b.count > 0);
    for (const breach of breaches) {
      this.enforcer.recordPrivacyBreach({
        message: `the privacy agent redacted ${breach.count} ${breach.category} item(s) from the inputs of analysis ${analysis.id}`,
        category: breach.category,
      });
    }
    // An analysis that brought neither changed nothing to store.
    if (score !== undefined || breaches.length > 0) void this.persist();
  }

  /** Writes the enforcer's state; writes are serial, and a burst of changes makes one more write. */
  private persist(): Promise<void> {
    if (this.dirty) return this.writing;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      try {
        await writeSetting(this.o.db, SNAPSHOT, this.enforcer.snapshot(), this.o.clock.now());
      } catch (error) {
        this.o.logger.error({ err: error }, 'cannot store the safety state');
      }
    });
    return this.writing;
  }
}
