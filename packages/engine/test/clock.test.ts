import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../src';

describe('clocks', () => {
  it('a manual clock moves only forward, and only when told', () => {
    const clock = new ManualClock('2024-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2024-01-01T00:01:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(0)).toThrow(RangeError);
    expect(() => new ManualClock('not a date')).toThrow(RangeError);
  });

  it('the system clock tells the current time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
