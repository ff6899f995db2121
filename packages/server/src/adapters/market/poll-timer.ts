/**
 * Calls `tick` every `intervalMs` while at least one user holds it, so a feed polls only while someone
 * listens to candle closes. The timer does not keep the process alive, and an async tick never overlaps
 * the previous one.
 */
export class PollTimer {
  private timer: ReturnType<typeof setInterval> | undefined;
  private users = 0;
  private busy = false;

  constructor(
    private readonly tick: () => unknown,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = reportPollError,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`poll interval must be positive, got ${intervalMs}`);
  }

  /** Starts the timer if it is not running; the returned function lets go of it (once). */
  acquire(): () => void {
    this.users++;
    if (!this.timer) {
      this.timer = setInterval(() => this.run(), this.intervalMs);
      this.timer.unref?.();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    if (this.busy) return;
    this.busy = true;
    try {
      const result = this.tick();
      if (result instanceof Promise) {
        result.catch(this.onError).finally(() => {
          this.busy = false;
        });
        return;
      }
    } catch (error) {
      this.onError(error);
    }
    this.busy = false;
  }
}

function reportPollError(error: unknown): void {
  process.emitWarning(`market data poll failed: ${error instanceof Error ? error.message : String(error)}`, {
    type: 'SigmaxMarketDataWarning',
  });
}
