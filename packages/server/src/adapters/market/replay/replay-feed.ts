import { join } from 'node:path';
import {
  type Candle,
  type CandleFilter,
  type CandleListener,
  CandleSeriesFeed,
  type CandleSeriesFeedOptions,
  type Clock,
  decimalsOf,
  type Market,
  ReplayClock,
  type SeriesMarket,
  TIMEFRAME_MS,
  type Timeframe,
  type Unsubscribe,
} from '@sigmax/engine';
import { PollTimer } from '../poll-timer';
import { type CandleDataset, readCandleFile, readCandleManifest, SHIPPED_CANDLE_DIR } from './candle-files';

/** Where a replay starts when none is given: years of history behind it, and almost six years ahead. */
export const DEFAULT_REPLAY_START = '2020-01-01T00:00:00Z';
/** One minute of market per second: a 4h bar closes every four minutes. */
export const DEFAULT_REPLAY_SPEED = 60;

export interface ReplayFeedOptions {
  /**
   * Market time at which the replay starts.
   * @default '2020-01-01T00:00:00Z'
   */
  start?: Date | number | string;
  /**
   * Market milliseconds per wall-clock millisecond: `3600` replays one hour of market per second.
   * @default 60
   */
  speed?: number;
  /** Serve only these symbols. @default every symbol of the data folder */
  symbols?: string[];
  /** A folder with manifest.json and candle files. @default the files shipped with the server */
  dataDir?: string;
  /**
   * Wall-clock milliseconds between checks for closed candles, while someone listens.
   * @default 1000
   */
  pollIntervalMs?: number;
  book?: CandleSeriesFeedOptions['book'];
  /** Receives errors thrown by candle listeners. @default a process warning */
  onError?: (error: unknown) => void;
}

/**
 * Trading rules of the replay markets. The data carries prices only, so these are Coinbase's spot rules
 * for the USD pairs the candles come from (price step 0.01, quantity step 1e-8, 1 USD minimum).
 */
const MARKET_RULES: Record<string, Pick<Market, 'tickSize' | 'lotSize' | 'minQuantity' | 'minNotional'>> = {
  'BTC/USDT': { tickSize: 0.01, lotSize: 0.00000001, minQuantity: 0.00001, minNotional: 1 },
  'ETH/USDT': { tickSize: 0.01, lotSize: 0.00000001, minQuantity: 0.0001, minNotional: 1 },
};
const DEFAULT_RULES = { tickSize: 0.01, lotSize: 0.00000001, minQuantity: 0.00000001, minNotional: 1 };

/**
 * A market replayed from the candle files shipped with the server (real Coinbase history, see
 * data/candles/README.md): BTC/USDT (4h 2016–2025, 1h 2017–2019) and ETH/USDT (4h 2016–2025).
 *
 * Market time runs on a {@link ReplayClock} from `start` at `speed` × the wall clock, and the feed shows
 * only bars closed by that time. When the data runs out the replay stops: its clock holds at the close
 * of the last bar, no more candles close, and tickers and books say `stale`. It does not wrap around,
 * because jumping from 2025 back to 2016 prices would corrupt every position and P&L built on the way.
 * Bars missing from the data stay missing (see `gaps()`), and a ticker read while the latest bar is
 * missing is `stale`.
 *
 * @example
 * const feed = new ReplayFeed(systemClock, { start: '2021-01-01T00:00:00Z', speed: 3600 });
 * await feed.getCandles('BTC/USDT', '4h', { limit: 100 });
 */
export class ReplayFeed extends CandleSeriesFeed {
  /** Market time of the replay; give it to the engine as its clock. */
  readonly replayClock: ReplayClock;
  /** The data sets behind the markets. */
  readonly datasets: readonly CandleDataset[];
  private readonly timer: PollTimer;

  constructor(wallClock: Clock, options: ReplayFeedOptions = {}) {
    const dir = options.dataDir ?? SHIPPED_CANDLE_DIR;
    const datasets = readCandleManifest(dir).filter(
      (dataset) => !options.symbols || options.symbols.includes(dataset.symbol),
    );
    const missing = options.symbols?.filter((symbol) => !datasets.some((d) => d.symbol === symbol));
    if (missing?.length) throw new RangeError(`no replay data for ${missing.join(', ')}`);
    if (datasets.length === 0) throw new RangeError(`no candle data in ${dir}`);

    const bySymbol = new Map<
      string,
      { datasets: CandleDataset[]; series: Partial<Record<Timeframe, readonly Candle[]>> }
    >();
    let end = Number.NEGATIVE_INFINITY;
    for (const dataset of datasets) {
      const candles = readCandleFile(join(dir, dataset.file));
      const entry = bySymbol.get(dataset.symbol) ?? { datasets: [], series: {} };
      entry.datasets.push(dataset);
      entry.series[dataset.timeframe] = candles;
      bySymbol.set(dataset.symbol, entry);
      const last = candles.at(-1);
      if (last) end = Math.max(end, last.time + TIMEFRAME_MS[dataset.timeframe]);
    }
    const markets: SeriesMarket[] = [...bySymbol].map(([symbol, entry]) => {
      const [base = '', quote = ''] = symbol.split('/');
      const rules = MARKET_RULES[symbol] ?? DEFAULT_RULES;
      return {
        market: {
          symbol,
          base,
          quote,
          ...rules,
          pricePrecision: decimalsOf(rules.tickSize),
          amountPrecision: decimalsOf(rules.lotSize),
          source: describeSource(symbol, entry.datasets),
        },
        series: entry.series,
      };
    });

    const replayClock = new ReplayClock(wallClock, {
      start: options.start ?? DEFAULT_REPLAY_START,
      speed: options.speed ?? DEFAULT_REPLAY_SPEED,
      end,
    });
    super({ kind: 'replay', clock: replayClock, markets, book: options.book, finite: true });
    this.replayClock = replayClock;
    this.datasets = datasets;
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

/** "Coinbase BTC-USD 4h 2016-05-18..2025-10-28 (ta4j, MIT); …; USD prices served as BTC/USDT". */
function describeSource(symbol: string, datasets: CandleDataset[]): string {
  const parts = datasets.map(
    (d) =>
      `${d.exchange} ${d.pair} ${d.timeframe} ${d.first.slice(0, 10)}..${d.last.slice(0, 10)} (${d.upstream.split(',')[0]}, ${d.licence})`,
  );
  const pairs = [...new Set(datasets.map((d) => d.pair))];
  const sameName = pairs.every((pair) => pair.replace('-', '/') === symbol);
  return `replay of ${parts.join('; ')}${sameName ? '' : `; served as ${symbol}`}`;
}
