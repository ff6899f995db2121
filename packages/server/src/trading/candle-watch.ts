import { type CandleClose, type MarketDataFeed, TIMEFRAME_MS, type Unsubscribe } from '@sigmax/engine';

/**
 * Listens to candle closes of the markets that have resting orders, and hands each stretch of market
 * time on once. A feed closes bars of several timeframes over the same time (a 1h bar, then the 4h bar
 * that contains it), and a feed that was not polled for a while delivers old bars at once; so per
 * symbol a watermark keeps the market time already accounted for, and a candle is passed on only if
 * it opens at or after it. The watermark starts at the close of the bar the order was placed on:
 * an order never fills on prices from before it was placed.
 */
export class CandleWatch {
  private readonly subscriptions = new Map<string, Unsubscribe>();
  private readonly watermarks = new Map<string, number>();

  constructor(
    private readonly feed: MarketDataFeed,
    private readonly onCandle: (event: CandleClose) => void,
  ) {}

  /** Market time (ms) up to which `symbol`'s prices are already priced in; it only moves forward. */
  advance(symbol: string, time: number): void {
    const current = this.watermarks.get(symbol);
    if (current === undefined || time > current) this.watermarks.set(symbol, time);
  }

  /** Whether `symbol`'s candle closes are being listened to. */
  watching(symbol: string): boolean {
    return this.subscriptions.has(symbol);
  }

  /** Listens to exactly these symbols. */
  sync(symbols: Iterable<string>): void {
    const wanted = new Set(symbols);
    for (const [symbol, unsubscribe] of this.subscriptions) {
      if (wanted.has(symbol)) continue;
      unsubscribe();
      this.subscriptions.delete(symbol);
    }
    for (const symbol of wanted) {
      if (this.subscriptions.has(symbol)) continue;
      this.subscriptions.set(
        symbol,
        this.feed.onCandle((event) => this.deliver(event), { symbol }),
      );
    }
  }

  close(): void {
    this.sync([]);
  }

  private deliver(event: CandleClose): void {
    const { symbol, candle, timeframe } = event;
    const watermark = this.watermarks.get(symbol);
    if (watermark !== undefined && candle.time < watermark) return;
    this.watermarks.set(symbol, candle.time + TIMEFRAME_MS[timeframe]);
    this.onCandle(event);
  }
}
