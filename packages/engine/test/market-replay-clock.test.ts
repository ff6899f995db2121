import { describe, expect, it } from 'vitest';
import { type Clock, ManualClock, ReplayClock } from '../src';

describe('replay clock', () => {
  it('runs market time at speed × wall time from its start', () => {
    const wall = new ManualClock('2030-06-01T12:00:00Z');
    const clock = new ReplayClock(wall, { start: '2020-01-01T00:00:00Z', speed: 3600 });
    expect(clock.now().toISOString()).toBe('2020-01-01T00:00:00.000Z');
    wall.advance(1000);
    expect(clock.now().toISOString()).toBe('2020-01-01T01:00:00.000Z');
    wall.advance(23_500);
    expect(clock.now().toISOString()).toBe('2020-01-02T00:30:00.000Z');
  });

  it('runs in real time by default and holds at its end', () => {
    const wall = new ManualClock(0);
    const clock = new ReplayClock(wall, { start: 1_000, end: 5_000 });
    wall.advance(2_500);
    expect(clock.time()).toBe(3_500);
    expect(clock.ended).toBe(false);
    wall.advance(10_000);
    expect(clock.time()).toBe(5_000);
    expect(clock.ended).toBe(true);
  });

  it('never goes backwards, even when the wall clock does', () => {
    let wallTime = 10_000;
    const wall: Clock = { now: () => new Date(wallTime) };
    const clock = new ReplayClock(wall, { start: 0, speed: 2 });
    wallTime = 11_000;
    expect(clock.time()).toBe(2_000);
    wallTime = 10_500;
    expect(clock.time()).toBe(2_000);
  });

  it('rejects settings that cannot run', () => {
    const wall = new ManualClock(0);
    expect(() => new ReplayClock(wall, { start: 0, speed: 0 })).toThrow(RangeError);
    expect(() => new ReplayClock(wall, { start: 'someday' })).toThrow(RangeError);
    expect(() => new ReplayClock(wall, { start: 10, end: 5 })).toThrow(RangeError);
  });
});
