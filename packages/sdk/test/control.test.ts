import {
  BacktestNotCancelableError,
  ConflictError,
  PermissionDeniedError,
  ResumeNeedsForceError,
  type SafetyStatus,
} from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { order, requests } from './support/trading';

const STATUS: SafetyStatus = {
  state: 'ACTIVE',
  reason: null,
  since: '2025-01-01T00:00:00.000Z',
  pausedUntil: null,
  guardUntil: null,
  triggers: [
    {
      name: 'consecutive_losses',
      enabled: true,
      action: 'REDUCING',
      tripped: false,
      value: '0',
      threshold: '3',
    },
  ],
  locks: [],
  exits: [],
  limits: { risk: { maxLeverage: '1' }, safety: { guardMinutes: 60 }, compliance: { profile: 'balanced' } },
};

const LOOP = {
  running: false,
  leader: false,
  symbols: ['BTC/USDT'],
  timeframe: '4h',
  startedAt: null,
  lastCycleAt: null,
  cycles: 0,
  lastError: null,
} as const;

describe('sigmax.safety', () => {
  it('get() reads the status; updateLimits() PUTs the sections, without an Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch(json(STATUS), json(STATUS));
    const sigmax = client(fetch);
    expect(await sigmax.safety.get()).toEqual(STATUS);
    await sigmax.safety.updateLimits({ risk: { maxLeverage: '2', maxOrdersPerMinute: 30 } });
    expect(requests(calls)).toEqual([`GET ${BASE_URL}/v1/safety`, `PUT ${BASE_URL}/v1/safety/limits`]);
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual({ risk: { maxLeverage: '2', maxOrdersPerMinute: 30 } });
    expect(calls[1]?.request.headers.get('content-type')).toBe('application/json');
    expect(calls[1]?.request.headers.get('idempotency-key')).toBeNull();
    expect(calls[1]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_test');
  });

  it('updateLimits() needs admin: a trade key gets PermissionDeniedError', async () => {
    const { fetch } = fakeFetch(problem(403, 'forbidden'));
    expect(await rejection(client(fetch).safety.updateLimits({ risk: {} }))).toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});

describe('sigmax.control', () => {
  it('pause, resume, panic, loop, start and stop send what the spec says', async () => {
    const report = { canceledOrders: ['ord_1'], closingOrders: [order('ord_2')], errors: [], safety: STATUS };
    const { fetch, calls } = fakeFetch(
      json({ ...STATUS, state: 'HALTED', reason: 'drill' }),
      json(STATUS),
      json(STATUS),
      json(report),
      json(report),
      json(LOOP),
      json({ ...LOOP, running: true, leader: true }),
      json({ ...LOOP, running: true, leader: true }),
      json(LOOP),
    );
    const sigmax = client(fetch);
    expect((await sigmax.control.pause({ reason: 'drill', durationSeconds: 60 })).state).toBe('HALTED');
    await sigmax.control.resume();
    await sigmax.control.resume({ force: true, reason: 'checked' });
    expect(await sigmax.control.panic({ reason: 'incident' })).toEqual(report);
    await sigmax.control.panic();
    expect(await sigmax.control.loop()).toEqual(LOOP);
    await sigmax.control.start({ symbols: ['BTC/USDT', 'ETH/USDT'], timeframe: '1h' });
    await sigmax.control.start();
    await sigmax.control.stop();

    expect(requests(calls)).toEqual([
      `POST ${BASE_URL}/v1/control/pause`,
      `POST ${BASE_URL}/v1/control/resume`,
      `POST ${BASE_URL}/v1/control/resume`,
      `POST ${BASE_URL}/v1/control/panic`,
      `POST ${BASE_URL}/v1/control/panic`,
      `GET ${BASE_URL}/v1/control/loop`,
      `POST ${BASE_URL}/v1/control/start`,
      `POST ${BASE_URL}/v1/control/start`,
      `POST ${BASE_URL}/v1/control/stop`,
    ]);
    expect(calls.map((c) => c.body)).toEqual([
      '{"reason":"drill","durationSeconds":60}',
      '{}',
      '{"force":true,"reason":"checked"}',
      '{"reason":"incident"}',
      '{}',
      '',
      '{"symbols":["BTC/USDT","ETH/USDT"],"timeframe":"1h"}',
      '{}',
      '',
    ]);
  });

  it('resume() within the guard window throws ResumeNeedsForceError', async () => {
    const { fetch } = fakeFetch(problem(409, 'resume_needs_force', { detail: 'Resume with "force": true' }));
    const error = await rejection(client(fetch).control.resume({ reason: 'too soon' }));
    expect(error).toBeInstanceOf(ResumeNeedsForceError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ResumeNeedsForceError).name).toBe('ResumeNeedsForceError');
  });

  it('backtest_not_cancelable maps to BacktestNotCancelableError, still a ConflictError', async () => {
    const { fetch } = fakeFetch(problem(409, 'backtest_not_cancelable'));
    const error = await rejection(client(fetch).backtests.cancel('bt_1'));
    expect(error).toBeInstanceOf(BacktestNotCancelableError);
    expect(error).toBeInstanceOf(ConflictError);
  });
});
