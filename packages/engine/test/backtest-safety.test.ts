import { describe, expect, it } from 'vitest';
import { BacktestConfigError, runBacktest, smaCrossover } from '../src';
import { shippedCandles } from './support/shipped-candles';

const candles = shippedCandles('btc-usd', '4h').slice(-3000);
const base = {
  candles,
  symbol: 'BTC/USD',
  lotSize: '0.00001',
  sizing: { kind: 'fraction', fraction: 0.5 } as const,
  strategy: smaCrossover.create({ fast: 5, slow: 20 }),
};
const losses = { triggers: { consecutiveLosses: { threshold: 2 } } };

describe('the safety enforcer inside a backtest', () => {
  it('stops new entries after the consecutive-loss trigger, and never resumes without a resume policy', () => {
    const free = runBacktest(base);
    const guarded = runBacktest({ ...base, safety: { config: losses } });
    const report = guarded.safety;
    expect(report?.pauses).toBe(1);
    expect(report?.resumes).toBe(0);
    expect(report?.finalState).toBe('REDUCING');
    expect(report?.blockedEntries).toBeGreaterThan(0);
    // Up to the first two losing trades in a row, both runs trade alike; then the guarded one stops.
    const pnls = free.trades.map((t) => t.pnl.toNumber());
    const stop = pnls.findIndex((p, i) => i > 0 && p <= 0 && (pnls[i - 1] as number) <= 0);
    expect(stop).toBeGreaterThan(0);
    expect(guarded.trades).toHaveLength(stop + 1);
    expect(guarded.trades.map((t) => t.pnl.toString())).toEqual(
      free.trades.slice(0, stop + 1).map((t) => t.pnl.toString()),
    );
    expect(
      report?.events.some((e) => e.type === 'safety.triggered' && e.trigger === 'consecutive_losses'),
    ).toBe(true);
  });

  it('resumes after the pause when told to, and opens nothing while paused', () => {
    const day = 24 * 60;
    const guarded = runBacktest({
      ...base,
      safety: { config: { ...losses, guardMinutes: 0 }, resumeAfterMinutes: day },
    });
    const report = guarded.safety;
    expect(report?.pauses).toBeGreaterThan(1);
    expect(report?.resumes).toBeGreaterThan(0);
    const triggered = (report?.events ?? [])
      .filter((e) => e.type === 'safety.triggered')
      .map((e) => Date.parse(e.at));
    for (const at of triggered) {
      const opened = guarded.trades.filter((t) => t.entryTime > at && t.entryTime < at + day * 60_000);
      expect(opened).toEqual([]);
    }
  });

  it('refuses a bad safety setting', () => {
    expect(() => runBacktest({ ...base, safety: { resumeAfterMinutes: 0 } })).toThrow(BacktestConfigError);
    expect(() =>
      runBacktest({ ...base, safety: { config: { triggers: { consecutiveLosses: { threshold: 0 } } } } }),
    ).toThrow(/safety/);
  });
});
