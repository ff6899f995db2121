import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  type SafetyConfig,
  SafetyEnforcer,
  SafetyError,
  type SafetyEvent,
  type SafetySnapshot,
  safetySettings,
} from '../src';

const START = '2024-06-01T12:00:00.000Z';
const MINUTE = 60_000;
const BTC = 'BTC/USDT';
const open = { symbol: BTC, reducesPosition: false };
const close = { symbol: BTC, reducesPosition: true };

/** Only the account-wide trigger under test, unless the config says otherwise. */
function setup(config: SafetyConfig = {}, start: string = START) {
  const clock = new ManualClock(start);
  const events: SafetyEvent[] = [];
  const safety = new SafetyEnforcer({
    clock,
    config: {
      ...config,
      protections: { cooldown: { enabled: false }, stopLossGuard: { enabled: false }, ...config.protections },
    },
    onEvent: (event) => events.push(event),
  });
  return { clock, safety, events, types: () => events.map((e) => e.type) };
}

function safetyError(action: () => unknown): SafetyError {
  try {
    action();
  } catch (error) {
    if (error instanceof SafetyError) return error;
    throw error;
  }
  throw new Error('expected a SafetyError');
}

describe('safety triggers fire at their threshold, not one below', () => {
  it('consecutive losses: the third losing trade in a row moves to REDUCING', () => {
    const { safety, events, types } = setup();
    safety.recordTrade({ symbol: BTC, pnl: '-10' });
    safety.recordTrade({ symbol: BTC, pnl: '-0.01' });
    expect(safety.state).toBe('ACTIVE');
    expect(events).toEqual([]);
    safety.recordTrade({ symbol: BTC, pnl: '-5' });
    expect(safety.state).toBe('REDUCING');
    expect(types()).toEqual(['safety.triggered', 'safety.reducing']);
    expect(events[0]).toEqual({
      type: 'safety.triggered',
      at: START,
      trigger: 'consecutive_losses',
      action: 'REDUCING',
      value: '3',
      threshold: '3',
      reason: '3 losing trades in a row (threshold 3)',
      previousState: 'ACTIVE',
      state: 'REDUCING',
    });
    expect(safety.canTrade(open)).toEqual({
      allowed: false,
      code: 'reduce_only',
      reason: 'reducing only: 3 losing trades in a row (threshold 3)',
      state: 'REDUCING',
    });
    expect(safety.canTrade(close)).toEqual({ allowed: true, code: null, reason: null, state: 'REDUCING' });
    // The streak goes on without firing again.
    safety.recordTrade({ symbol: BTC, pnl: '-1' });
    expect(events).toHaveLength(2);
    expect(safety.snapshot().triggers.consecutive_losses).toMatchObject({
      count: 4,
      threshold: 3,
      tripped: true,
    });
  });

  it('consecutive losses: a win or a break-even trade ends the streak', () => {
    const { safety } = setup();
    for (const pnl of ['-1', '-1', '0', '-1', '-1', '2', '-1', '-1'])
      safety.recordTrade({ symbol: BTC, pnl });
    expect(safety.state).toBe('ACTIVE');
    expect(safety.snapshot().triggers.consecutive_losses.count).toBe(2);
  });

  it('daily loss: fires when the realised loss reaches the limit', () => {
    const { safety, events } = setup({ triggers: { dailyLoss: { limit: '1000' } } });
    safety.recordTrade({ symbol: BTC, pnl: '-600' });
    safety.recordTrade({ symbol: BTC, pnl: '200' });
    safety.recordTrade({ symbol: BTC, pnl: '-599.99' });
    expect(safety.state).toBe('ACTIVE');
    safety.recordTrade({ symbol: BTC, pnl: '-0.01' });
    expect(safety.state).toBe('REDUCING');
    expect(events[0]).toMatchObject({ trigger: 'daily_loss', value: '1000', threshold: '1000' });
  });

  it('daily loss: the figure restarts at 00:00 UTC', () => {
    const { safety, clock } = setup(
      { triggers: { dailyLoss: { limit: '1000' }, consecutiveLosses: { enabled: false } } },
      '2024-06-01T23:59:00Z',
    );
    safety.recordTrade({ symbol: BTC, pnl: '-999' });
    expect(safety.snapshot()).toMatchObject({ day: '2024-06-01', triggers: { daily_loss: { pnl: '-999' } } });
    clock.advance(MINUTE);
    expect(safety.snapshot()).toMatchObject({ day: '2024-06-02', triggers: { daily_loss: { pnl: '0' } } });
    safety.recordTrade({ symbol: BTC, pnl: '-999' });
    // A late report of yesterday's trade does not count today.
    safety.recordTrade({ symbol: BTC, pnl: '-500', closedAt: new Date('2024-06-01T23:30:00Z') });
    expect(safety.state).toBe('ACTIVE');
    expect(safety.snapshot().triggers.daily_loss.pnl).toBe('-999');
  });

  it('API errors: the threshold-th error within a rolling minute halts', () => {
    const { safety, clock, events } = setup({ triggers: { apiErrors: { threshold: 5 } } });
    for (let i = 0; i < 4; i++) {
      safety.recordApiError();
      clock.advance(15_000);
    }
    // The first error, 60 s old now, has left the window.
    safety.recordApiError();
    expect(safety.state).toBe('ACTIVE');
    expect(safety.snapshot().triggers.api_errors.count).toBe(4);
    clock.advance(1);
    safety.recordApiError();
    expect(safety.state).toBe('HALTED');
    expect(events.map((e) => e.type)).toEqual(['safety.triggered', 'safety.halted']);
    expect(safety.canTrade(close)).toMatchObject({ allowed: false, code: 'halted' });
  });

  it('slippage: a fill above the limit (bps of the expected price), adverse side only', () => {
    const { safety } = setup({ triggers: { slippage: { maxBps: '50' } } });
    const fill = (side: 'buy' | 'sell', actualPrice: string) =>
      safety.recordFill({ symbol: BTC, side, expectedPrice: '10000', actualPrice });
    expect(fill('buy', '10050').toString()).toBe('50');
    expect(fill('sell', '9950').toString()).toBe('50');
    expect(fill('buy', '9000').toString()).toBe('-1000');
    expect(safety.state).toBe('ACTIVE');
    expect(fill('sell', '9949.99').toString()).toBe('50.01');
    expect(safety.state).toBe('REDUCING');
    expect(safety.snapshot().triggers.slippage).toMatchObject({
      lastBps: '50.01',
      breaches: 1,
      maxBps: '50',
    });
    expect(safetyError(() => fill('buy', 'abc')).code).toBe('invalid_input');
  });

  it('sentiment: fires below the floor, not at it; re-arms once it recovers', () => {
    const { safety, events } = setup({ triggers: { sentiment: { floor: -0.5 } } });
    safety.recordSentiment(-0.5);
    expect(safety.state).toBe('ACTIVE');
    safety.recordSentiment(-0.51);
    expect(safety.state).toBe('REDUCING');
    safety.recordSentiment(-0.9);
    expect(events.filter((e) => e.type === 'safety.triggered')).toHaveLength(1);
    safety.recordSentiment(0.2);
    safety.recordSentiment(-0.6);
    expect(events.filter((e) => e.type === 'safety.triggered')).toHaveLength(2);
    expect(safetyError(() => safety.recordSentiment(1.5)).code).toBe('invalid_input');
  });

  it('privacy breach: one report halts', () => {
    const { safety, events } = setup();
    safety.recordPrivacyBreach({ message: 'an API key in an outgoing prompt', category: 'secret' });
    expect(safety.state).toBe('HALTED');
    expect(events[1]).toMatchObject({ type: 'safety.halted', cause: 'privacy_breach' });
    expect(safety.snapshot().triggers.privacy_breach).toMatchObject({
      count: 1,
      last: { at: START, message: 'an API key in an outgoing prompt', category: 'secret' },
    });
  });

  it('a disabled trigger counts but never fires; actions are configurable', () => {
    const { safety } = setup({
      triggers: { consecutiveLosses: { enabled: false }, sentiment: { action: 'HALTED' } },
    });
    for (let i = 0; i < 5; i++) safety.recordTrade({ symbol: BTC, pnl: '-1' });
    expect(safety.state).toBe('ACTIVE');
    expect(safety.snapshot().triggers.consecutive_losses).toMatchObject({ enabled: false, count: 5 });
    safety.recordSentiment(-1);
    expect(safety.state).toBe('HALTED');
  });

  it('the stricter action wins when triggers pile up', () => {
    const { safety } = setup();
    safety.recordPrivacyBreach({ message: 'leak' });
    for (let i = 0; i < 3; i++) safety.recordTrade({ symbol: BTC, pnl: '-1' });
    expect(safety.snapshot()).toMatchObject({ state: 'HALTED', reason: 'privacy breach: leak' });
  });
});

describe('safety state transitions', () => {
  it('resuming within the guard window after a trigger needs force', () => {
    const { safety, clock, events } = setup();
    safety.recordPrivacyBreach({ message: 'leak' });
    clock.advance(29 * MINUTE);
    const error = safetyError(() => safety.resume());
    expect(error.code).toBe('resume_needs_force');
    expect(safety.state).toBe('HALTED');
    expect(safety.resume({ force: true })).toBe('ACTIVE');
    expect(events.at(-1)).toMatchObject({
      type: 'safety.resumed',
      forced: true,
      previousState: 'HALTED',
      state: 'ACTIVE',
    });
  });

  it('after the guard window a resume needs no force', () => {
    const { safety, clock, events } = setup();
    for (let i = 0; i < 3; i++) safety.recordTrade({ symbol: BTC, pnl: '-1' });
    clock.advance(30 * MINUTE);
    expect(safety.resume({ reason: 'reviewed' })).toBe('ACTIVE');
    expect(events.at(-1)).toMatchObject({ type: 'safety.resumed', forced: false, reason: 'reviewed' });
    // The streak starts again from zero.
    safety.recordTrade({ symbol: BTC, pnl: '-1' });
    expect(safety.state).toBe('ACTIVE');
  });

  it('panic halts at once and needs force within the guard window', () => {
    const { safety, events } = setup({ guardMinutes: 5 });
    expect(safety.panic('operator kill switch')).toBe('HALTED');
    expect(events).toEqual([
      {
        type: 'safety.halted',
        at: START,
        cause: 'panic',
        reason: 'operator kill switch',
        previousState: 'ACTIVE',
        state: 'HALTED',
      },
    ]);
    expect(safety.canTrade(close)).toMatchObject({ allowed: false, reason: 'operator kill switch' });
    expect(safetyError(() => safety.resume()).code).toBe('resume_needs_force');
  });

  it('a manual pause resumes without force; a timed one ends by the clock', () => {
    const { safety, clock, events } = setup();
    safety.pause({ reason: 'maintenance' });
    expect(safety.canTrade(close)).toMatchObject({ allowed: false, code: 'halted', reason: 'maintenance' });
    expect(safety.resume()).toBe('ACTIVE');

    const until = new Date(Date.parse(START) + 10 * MINUTE);
    safety.pause({ reason: 'news event', until, state: 'REDUCING' });
    expect(safety.snapshot()).toMatchObject({ state: 'REDUCING', pausedUntil: until.toISOString() });
    clock.advance(10 * MINUTE - 1);
    expect(safety.canTrade(open).allowed).toBe(false);
    clock.advance(1);
    expect(safety.canTrade(open).allowed).toBe(true);
    expect(events.at(-1)).toEqual({
      type: 'safety.resumed',
      at: until.toISOString(),
      reason: 'pause ended: news event',
      forced: false,
      previousState: 'REDUCING',
      state: 'ACTIVE',
    });
    expect(safetyError(() => safety.pause({ reason: 'x', until: clock.now() })).code).toBe('invalid_pause');
  });

  it('a pause never shortens a trigger: the latch outlives it', () => {
    const { safety, clock } = setup();
    safety.pause({ reason: 'lunch', until: Date.parse(START) + 5 * MINUTE });
    for (let i = 0; i < 3; i++) safety.recordTrade({ symbol: BTC, pnl: '-1' });
    expect(safety.state).toBe('HALTED');
    clock.advance(5 * MINUTE);
    expect(safety.snapshot()).toMatchObject({ state: 'REDUCING', pausedUntil: null });
  });

  it('events are plain serialisable objects', () => {
    const { safety, events } = setup({ triggers: { dailyLoss: { limit: '1' } } });
    safety.recordTrade({ symbol: BTC, pnl: '-2', exit: 'stop_loss' });
    safety.pause({ reason: 'x' });
    safety.panic();
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });
});

describe('safety per-symbol protections', () => {
  it('cooldown after a stop-loss locks the symbol for its minutes; closing still passes', () => {
    const { safety, clock, events } = setup({ protections: { cooldown: { enabled: true, minutes: 30 } } });
    safety.recordTrade({ symbol: BTC, pnl: '-50', exit: 'stop_loss' });
    expect(safety.canTrade(open)).toMatchObject({ allowed: false, code: 'symbol_locked' });
    expect(safety.canTrade(close).allowed).toBe(true);
    expect(safety.canTrade({ symbol: 'ETH/USDT', reducesPosition: false }).allowed).toBe(true);
    expect(events).toEqual([
      {
        type: 'safety.symbol_locked',
        at: START,
        symbol: BTC,
        protection: 'cooldown',
        reason: 'cooldown after a stop-loss on BTC/USDT (30 min)',
        until: '2024-06-01T12:30:00.000Z',
      },
    ]);
    clock.advance(30 * MINUTE - 1);
    expect(safety.canTrade(open).allowed).toBe(false);
    clock.advance(1);
    expect(safety.canTrade(open).allowed).toBe(true);
    // A take-profit exit starts no cooldown.
    safety.recordTrade({ symbol: BTC, pnl: '50', exit: 'take_profit' });
    expect(safety.canTrade(open).allowed).toBe(true);
  });

  it('stop-loss guard: N stop-losses within the window lock the symbol', () => {
    const { safety, clock } = setup({
      triggers: { consecutiveLosses: { enabled: false } },
      protections: { stopLossGuard: { enabled: true, count: 3, windowMinutes: 60, lockMinutes: 120 } },
    });
    safety.recordTrade({ symbol: BTC, pnl: '-1', exit: 'stop_loss' });
    clock.advance(30 * MINUTE);
    safety.recordTrade({ symbol: BTC, pnl: '-1', exit: 'stop_loss' });
    safety.recordTrade({ symbol: 'ETH/USDT', pnl: '-1', exit: 'stop_loss' });
    clock.advance(30 * MINUTE);
    // The first stop is 60 minutes old: out of the window, so only 2 count.
    safety.recordTrade({ symbol: BTC, pnl: '-1', exit: 'stop_loss' });
    expect(safety.canTrade(open).allowed).toBe(true);
    clock.advance(MINUTE);
    safety.recordTrade({ symbol: BTC, pnl: '-1', exit: 'stop_loss' });
    expect(safety.canTrade(open)).toMatchObject({ allowed: false, code: 'symbol_locked' });
    expect(safety.snapshot().locks).toEqual([
      {
        symbol: BTC,
        protection: 'stop_loss_guard',
        reason: '3 stop-losses on BTC/USDT within 60 min (limit 3)',
        until: new Date(clock.now().getTime() + 120 * MINUTE).toISOString(),
      },
    ]);
    expect(safety.unlock(BTC)).toBe(true);
    expect(safety.canTrade(open).allowed).toBe(true);
  });

  it('low-profit pair: total P&L of its recent trades below the threshold', () => {
    const config = { protections: { lowProfit: { enabled: true, minProfit: '0', minTrades: 3 } } };
    const even = setup(config);
    for (const pnl of ['10', '-4', '-6']) even.safety.recordTrade({ symbol: BTC, pnl });
    expect(even.safety.canTrade(open).allowed).toBe(true); // exactly 0 is not below 0
    const poor = setup(config);
    for (const pnl of ['10', '-4', '-6.01']) poor.safety.recordTrade({ symbol: BTC, pnl });
    expect(poor.safety.canTrade(open)).toMatchObject({ allowed: false, code: 'symbol_locked' });
    expect(poor.safety.snapshot().locks[0]?.protection).toBe('low_profit');
  });

  it('max drawdown: the symbol’s realised P&L falls from its peak by the limit', () => {
    const config = { protections: { maxDrawdown: { limit: '100' } } };
    const within = setup(config);
    for (const pnl of ['50', '-60', '-39.99', '30']) within.safety.recordTrade({ symbol: BTC, pnl });
    expect(within.safety.canTrade(open).allowed).toBe(true);
    const beyond = setup(config);
    for (const pnl of ['50', '-60', '-40']) beyond.safety.recordTrade({ symbol: BTC, pnl });
    expect(beyond.safety.snapshot().locks.map((l) => l.protection)).toEqual(['max_drawdown']);
  });
});

describe('safety snapshot and restore', () => {
  function busy() {
    const setupResult = setup({
      triggers: { dailyLoss: { limit: '5000' } },
      protections: { cooldown: { enabled: true } },
    });
    const { safety, clock } = setupResult;
    safety.recordTrade({ symbol: BTC, pnl: '-120.5', exit: 'stop_loss' });
    safety.recordTrade({ symbol: 'ETH/USDT', pnl: '30' });
    safety.recordTrade({ symbol: 'ETH/USDT', pnl: '-1' });
    safety.recordFill({ symbol: BTC, side: 'buy', expectedPrice: '65000', actualPrice: '65100' });
    safety.recordSentiment(-0.7);
    safety.recordPrivacyBreach({ message: 'email in a log line', category: 'email' });
    clock.advance(MINUTE);
    safety.recordApiError();
    safety.pause({ reason: 'exchange maintenance', until: Date.parse(START) + 3 * 60 * MINUTE });
    return setupResult;
  }

  it('restore(snapshot()) round-trips, through JSON, and keeps the pause', () => {
    const { safety, clock } = busy();
    const snapshot = safety.snapshot();
    const restored = new SafetyEnforcer({
      clock,
      config: {
        triggers: { dailyLoss: { limit: '5000' } },
        protections: { stopLossGuard: { enabled: false } },
      },
    });
    restored.restore(JSON.parse(JSON.stringify(snapshot)) as SafetySnapshot);
    expect(restored.snapshot()).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      state: 'HALTED',
      pausedUntil: '2024-06-01T15:00:00.000Z',
      triggers: {
        consecutive_losses: { count: 1 },
        daily_loss: { pnl: '-91.5' },
        api_errors: { count: 1 },
        slippage: { lastBps: '15.38', breaches: 0 },
        sentiment: { last: -0.7, tripped: true },
        privacy_breach: { count: 1 },
      },
      locks: [{ symbol: BTC, protection: 'cooldown' }],
    });
    expect(restored.canTrade(close)).toMatchObject({ allowed: false, code: 'halted' });
    // The restored guard still applies.
    expect(safetyError(() => restored.resume()).code).toBe('resume_needs_force');
  });

  it('a restored timed pause still ends by the clock', () => {
    const clock = new ManualClock(START);
    const first = new SafetyEnforcer({ clock });
    first.pause({ reason: 'deploy', until: Date.parse(START) + 10 * MINUTE });
    const saved = first.snapshot();
    clock.advance(11 * MINUTE); // the process was down past the end of the pause
    const events: SafetyEvent[] = [];
    const second = new SafetyEnforcer({ clock, onEvent: (e) => events.push(e) });
    second.restore(saved);
    expect(second.state).toBe('ACTIVE');
    expect(events).toMatchObject([
      { type: 'safety.resumed', reason: 'pause ended: deploy', state: 'ACTIVE' },
    ]);
  });

  it('refuses a malformed snapshot, naming the field, and changes nothing', () => {
    const { safety } = busy();
    const snapshot = safety.snapshot();
    const fresh = new SafetyEnforcer({ clock: new ManualClock(START) });
    const before = fresh.snapshot();
    const bad = (patch: object) =>
      safetyError(() => fresh.restore({ ...snapshot, ...patch } as SafetySnapshot));
    expect(bad({ version: 2 })).toMatchObject({ code: 'invalid_snapshot', field: 'version' });
    expect(bad({ state: 'PANIC' })).toMatchObject({ field: 'state' });
    expect(bad({ since: 'yesterday' })).toMatchObject({ field: 'since' });
    expect(bad({ locks: [{ symbol: BTC, protection: 'vibes', reason: '', until: START }] })).toMatchObject({
      field: 'locks[0].protection',
    });
    expect(fresh.snapshot()).toEqual(before);
  });
});

describe('safety config', () => {
  it('has documented defaults', () => {
    const s = safetySettings();
    expect(s.triggers.consecutive_losses).toEqual({ enabled: true, action: 'REDUCING', threshold: 3 });
    expect(s.triggers.daily_loss).toEqual({ enabled: false, action: 'REDUCING', limit: null });
    expect(s.triggers.api_errors).toEqual({ enabled: true, action: 'HALTED', threshold: 10 });
    expect(s.triggers.slippage.maxBps.toString()).toBe('50');
    expect(s.triggers.sentiment).toEqual({ enabled: true, action: 'REDUCING', floor: -0.5 });
    expect(s.triggers.privacy_breach).toEqual({ enabled: true, action: 'HALTED' });
    expect(s.protections.cooldown).toEqual({ enabled: true, minutes: 30 });
    expect(s.protections.stop_loss_guard).toEqual({
      enabled: true,
      count: 3,
      windowMinutes: 360,
      lockMinutes: 120,
    });
    expect(s.protections.low_profit.enabled).toBe(false);
    expect(s.protections.max_drawdown.enabled).toBe(false);
    expect(s.guardMinutes).toBe(30);
  });

  it('names the field of a bad setting', () => {
    const field = (config: SafetyConfig) => safetyError(() => safetySettings(config)).field;
    expect(field({ triggers: { consecutiveLosses: { threshold: 0 } } })).toBe(
      'triggers.consecutiveLosses.threshold',
    );
    expect(field({ triggers: { dailyLoss: { enabled: true } } })).toBe('triggers.dailyLoss.limit');
    expect(field({ triggers: { slippage: { maxBps: '-1' } } })).toBe('triggers.slippage.maxBps');
    expect(field({ triggers: { sentiment: { floor: -2 } } })).toBe('triggers.sentiment.floor');
    expect(field({ triggers: { apiErrors: { action: 'PANIC' as never } } })).toBe(
      'triggers.apiErrors.action',
    );
    expect(field({ guardMinutes: -1 })).toBe('guardMinutes');
  });
});
