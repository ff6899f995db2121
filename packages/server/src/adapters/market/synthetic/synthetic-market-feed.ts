import {
  type CandleFilter,
  type CandleListener,
  type Clock,
  SyntheticFeed,
  type SyntheticFeedOptions,
  TIMEFRAME_MS,
  type Unsubscribe,
} from '@sigmax/engine';
import { PollTimer } from '../poll-timer';

export interface SyntheticMarketFeedOptions extends Partial<Omit<SyntheticFeedOptions, 'clock' | 'origin'>> {
  /**
   * Open time of the first bar. The same seed and origin give the same prices on every run.
   * @default midnight UTC, `historyDays` before the clock's time at start
   */
  origin?: Date | number | string;
  /**
   * Days of history before now when no origin is given.
   * @default 30
   */
  historyDays?: number;
  /**
   * Milliseconds between checks for closed candles while someone listens.
   * @default 1000
   */
  pollIntervalMs?: number;
  /** Receives errors thrown by candle listeners. @default a process warning */
  onError?: (error: unknown) => void;
}

/**
 * The engine's seeded {@link SyntheticFeed} on the server's clock, polling for candle closes while someone
 * listens. Seeded with `0` unless told otherwise.
 */
export class SyntheticMarketFeed extends SyntheticFeed {
  private readonly timer: PollTimer;

  constructor(clock: Clock, options: SyntheticMarketFeedOptions = {}) {
    const day = TIMEFRAME_MS['1d'];
    const origin =
      options.origin !== undefined
        ? new Date(options.origin).getTime()
        : Math.floor(clock.now().getTime() / day) * day - (options.historyDays ?? 30) * day;
    if (Number.isNaN(origin)) throw new RangeError(`invalid synthetic origin: ${String(options.origin)}`);
    super({
      clock,
      seed: options.seed ?? 0,
      origin,
      timeframe: options.timeframe,
      markets: options.markets,
      book: options.book,
    });
    this.timer = new PollTimer(() => this.poll(), options.pollIntervalMs ?? 1000, options.onError);
  }

  override onCandle(listener: CandleListener, filter?: CandleFilter): Unsubscribe {
    const unsubscribe = super.onCandle(listener, filter);
    const release = this.timer.acquire();
    return () => {
      unsubscribe();
      release();
    };
  }

  override async close(): Promise<void> {
    this.timer.stop();
    await super.close();
  }
}
