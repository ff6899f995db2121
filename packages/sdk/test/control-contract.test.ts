import {
  PermissionDeniedError,
  ResumeNeedsForceError,
  RiskLimitError,
  Sigmax,
  TradingPausedError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The safety and control resources against the reference server in-process (paper exchange, the
// replayed market standing still). Every response passes the server's spec validator. The tests run
// in order: the panic comes last but one, the forced resume after it.

const BUY = { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' } as const;

describe('SDK safety and control against the reference server', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  let trader: Sigmax;
  const as = (apiKey: string) =>
    new Sigmax({ baseUrl: 'http://localhost', apiKey, fetch: t.fetch, maxRetries: 0 });

  beforeAll(async () => {
    t = await startTestServer({ config: { replayStart: '2021-01-04T00:00:00Z', replaySpeed: 0.001 } });
    sigmax = as(t.adminKey);
    trader = as((await sigmax.apiKeys.create({ name: 'trader', scopes: ['trade'] })).key);
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  it('reads the safety status: state, triggers, locks and limits', async () => {
    const status = await trader.safety.get();
    expect(status).toMatchObject({ state: 'ACTIVE', reason: null, pausedUntil: null, locks: [] });
    expect(status.triggers.map((trigger) => trigger.name)).toContain('consecutive_losses');
    expect(Object.keys(status.limits).sort()).toEqual(['compliance', 'risk', 'safety']);
  });

  it('updates the limits (admin only), refuses bad ones, and the new limits refuse an order', async () => {
    const { limits } = await sigmax.safety.get();
    expect(await rejection(trader.safety.updateLimits({ risk: limits.risk }))).toBeInstanceOf(
      PermissionDeniedError,
    );
    const bad = await rejection(
      sigmax.safety.updateLimits({ compliance: { allowList: ['BTC/USDT'], denyList: ['BTC/USDT'] } }),
    );
    expect(bad).toBeInstanceOf(UnprocessableEntityError);
    expect((bad as UnprocessableEntityError).problem?.errors?.map((e) => e.path)).toContain(
      'body.compliance.denyList[0]',
    );
    expect((await sigmax.safety.get()).limits).toEqual(limits);

    const updated = await sigmax.safety.updateLimits({
      risk: { ...limits.risk, defaultSymbol: { maxNotional: '10' } },
    });
    expect(updated.limits.risk.defaultSymbol).toEqual({ maxNotional: '10' });
    expect(updated.limits.safety).toEqual(limits.safety);
    try {
      const error = await rejection(trader.orders.create(BUY));
      expect(error).toBeInstanceOf(RiskLimitError);
      expect((error as RiskLimitError).violations.length).toBeGreaterThan(0);
      expect((error as RiskLimitError).violations[0]?.limit).toBe('10');
    } finally {
      await sigmax.safety.updateLimits({ risk: limits.risk });
    }
    expect((await sigmax.safety.get()).limits).toEqual(limits);
  });

  it('pauses: orders throw TradingPausedError until resumed', async () => {
    const paused = await trader.control.pause({ reason: 'maintenance window', durationSeconds: 600 });
    expect(paused).toMatchObject({ state: 'HALTED', reason: 'maintenance window' });
    expect(paused.pausedUntil).not.toBeNull();
    const error = await rejection(trader.orders.create(BUY));
    expect(error).toBeInstanceOf(TradingPausedError);
    expect((error as TradingPausedError).state).toBe('HALTED');

    // A plain pause needs no force to end.
    expect((await trader.control.resume({ reason: 'done' })).state).toBe('ACTIVE');
    expect((await trader.orders.create(BUY)).status).toBe('filled');
  });

  it('starts, reads and stops the autonomous loop', async () => {
    expect(await trader.control.loop()).toMatchObject({ running: false, cycles: 0 });
    const started = await trader.control.start({ symbols: ['BTC/USDT', 'ETH/USDT'], timeframe: '4h' });
    expect(started).toMatchObject({ running: true, symbols: ['BTC/USDT', 'ETH/USDT'], timeframe: '4h' });
    expect(started.startedAt).not.toBeNull();
    expect((await trader.control.loop()).running).toBe(true);
    expect((await trader.control.stop()).running).toBe(false);
  });

  it('panics: cancels the open orders, closes the positions, halts; resuming then needs force', async () => {
    const { bids } = await trader.markets.orderBook('BTC/USDT', { depth: 1 });
    const resting = await trader.orders.create({
      ...BUY,
      type: 'limit',
      price: (Number(bids[0]?.[0]) / 2).toFixed(2),
    });
    expect(resting.status).toBe('open');

    const report = await trader.control.panic({ reason: 'drill' });
    expect(report.errors).toEqual([]);
    expect(report.canceledOrders).toContain(resting.id);
    expect(report.closingOrders.map((o) => [o.symbol, o.side])).toEqual([['BTC/USDT', 'sell']]);
    expect(report.safety).toMatchObject({ state: 'HALTED', reason: 'panic: drill' });
    expect(report.safety.guardUntil).not.toBeNull();
    expect((await trader.orders.list({ status: 'open' })).data).toEqual([]);
    expect((await trader.positions.list()).data.filter((p) => Number(p.quantity) > 0)).toEqual([]);
    expect(await rejection(trader.orders.create(BUY))).toBeInstanceOf(TradingPausedError);

    const needsForce = await rejection(trader.control.resume());
    expect(needsForce).toBeInstanceOf(ResumeNeedsForceError);
    expect((needsForce as ResumeNeedsForceError).code).toBe('resume_needs_force');
    // Force needs the admin scope.
    expect(await rejection(trader.control.resume({ force: true }))).toBeInstanceOf(PermissionDeniedError);
    const resumed = await sigmax.control.resume({ force: true, reason: 'drill over' });
    expect(resumed.state).toBe('ACTIVE');
    expect((await trader.orders.create(BUY)).status).toBe('filled');
  });
});
