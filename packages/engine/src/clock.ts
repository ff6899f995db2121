/**
 * Where the engine gets the time. Live trading uses the system clock; backtests and tests use a
 * manual clock, so the same code runs in both and its results do not depend on when it ran.
 */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | number | string = 0) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new RangeError(`invalid start time: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves forward by `ms` milliseconds; time never goes backwards. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot advance by ${ms} ms`);
    this.current += ms;
  }

  /** Jumps to `time`, which must not be earlier than now. */
  set(time: Date | number): void {
    const next = new Date(time).getTime();
    if (!(next >= this.current)) throw new RangeError('a clock cannot go backwards');
    this.current = next;
  }
}
