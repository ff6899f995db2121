import type { Clock } from '../clock';

/** Where and how fast a replay runs. */
export interface ReplayClockOptions {
  /** Market time at which the replay starts. */
  start: Date | number | string;
  /**
   * Market time that passes per unit of wall time: `1` is real time, `3600` one hour of market per second.
   * @default 1
   */
  speed?: number;
  /** Market time at which the replay stops: the clock stays there once it is reached. */
  end?: Date | number | string;
}

/**
 * Market time for a replay, derived from a wall clock: `start + (wall − wall at creation) × speed`, held at
 * `end`. Give it to the engine as its clock in replay mode, so that "now" for the strategy is the replayed
 * moment. It never goes backwards, even if the wall clock does.
 *
 * @example
 * const clock = new ReplayClock(systemClock, { start: '2020-01-01T00:00:00Z', speed: 3600 });
 * // one second later: clock.now() is 2020-01-01T01:00:00Z
 */
export class ReplayClock implements Clock {
  readonly start: number;
  readonly speed: number;
  readonly end: number;
  private readonly anchor: number;
  private latest: number;

  constructor(
    private readonly wall: Clock,
    options: ReplayClockOptions,
  ) {
    this.start = toTime(options.start, 'start');
    this.end = options.end === undefined ? Number.POSITIVE_INFINITY : toTime(options.end, 'end');
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) {
      throw new RangeError(`replay speed must be a positive number, got ${this.speed}`);
    }
    if (this.end < this.start) throw new RangeError('replay end is before its start');
    this.anchor = wall.now().getTime();
    this.latest = this.start;
  }

  now(): Date {
    return new Date(this.time());
  }

  /** Market time in milliseconds. */
  time(): number {
    const elapsed = this.wall.now().getTime() - this.anchor;
    const time = Math.min(this.end, this.start + Math.floor(Math.max(0, elapsed) * this.speed));
    if (time > this.latest) this.latest = time;
    return this.latest;
  }

  /** True once the replay has reached its end. */
  get ended(): boolean {
    return this.time() >= this.end;
  }
}

function toTime(value: Date | number | string, name: string): number {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) throw new RangeError(`invalid replay ${name}: ${String(value)}`);
  return time;
}
