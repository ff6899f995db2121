import type { Clock } from '../clock';
import { CandleSeriesFeed, type CandleSeriesFeedOptions } from './candle-series-feed';
import { decimalsOf, roundToStep } from './price-steps';
import { hashString, normalDraw, type RandomSource, seededRandom } from './seeded-random';
import { TIMEFRAME_MS, type Timeframe } from './timeframes';
import type { Candle, Market } from './types';

/** One market of a {@link SyntheticFeed}. */
export interface SyntheticMarketSpec {
  symbol: string;
  /** Price of the first bar's open. */
  startPrice: number;
  /**
   * Annualised volatility of the random walk (0.6 = 60 %, typical of bitcoin).
   * @default 0.6
   */
  volatility?: number;
  /**
   * Typical base-asset volume of one bar.
   * @default 10
   */
  volumePerBar?: number;
  /** @default 0.01 */
  tickSize?: number;
  /** @default 0.00001 */
  lotSize?: number;
  /** @default lotSize */
  minQuantity?: number;
  /** @default 1 */
  minNotional?: number;
}

export interface SyntheticFeedOptions {
  /** Market time. */
  clock: Clock;
  /** The same seed and origin give the same candles, whenever and in whatever order they are read. */
  seed: number | string;
  /** Open time of the first bar (ms UTC); aligned down to `timeframe`. */
  origin: number;
  /**
   * Bar length of the generated series; longer timeframes are aggregated from it.
   * @default '1m'
   */
  timeframe?: Timeframe;
  /** @default BTC/USDT from 60,000 and ETH/USDT from 3,000 */
  markets?: readonly SyntheticMarketSpec[];
  book?: CandleSeriesFeedOptions['book'];
}

/** The markets a synthetic feed has when none are given. */
export const DEFAULT_SYNTHETIC_MARKETS: readonly SyntheticMarketSpec[] = Object.freeze([
  { symbol: 'BTC/USDT', startPrice: 60_000, volatility: 0.6, volumePerBar: 10 },
  { symbol: 'ETH/USDT', startPrice: 3_000, volatility: 0.75, volumePerBar: 150, lotSize: 0.0001 },
]);

const YEAR = 365.25 * 86_400_000;
/** Price points simulated inside each bar, from which its high and low are taken. */
const STEPS_PER_BAR = 6;

interface Walk {
  spec: Required<Pick<SyntheticMarketSpec, 'tickSize' | 'lotSize'>> & SyntheticMarketSpec;
  random: RandomSource;
  price: number;
  candles: Candle[];
}

/**
 * A seeded random-walk market, for demos and tests that need prices without data files or a network.
 * Each market walks a geometric Brownian motion with its own generator (seeded by the seed and the
 * symbol), so one market's prices do not depend on which others exist. Bars exist from `origin` up to the
 * clock's now and are generated lazily, in order, the first time they are read.
 *
 * @example
 * const feed = new SyntheticFeed({ clock, seed: 42, origin: Date.parse('2024-01-01T00:00:00Z') });
 * await feed.getCandles('BTC/USDT', '1h', { limit: 24 });
 */
export class SyntheticFeed extends CandleSeriesFeed {
  readonly seed: number | string;
  readonly origin: number;
  readonly timeframe: Timeframe;
  private readonly walks: Map<string, Walk>;

  constructor(options: SyntheticFeedOptions) {
    const timeframe = options.timeframe ?? '1m';
    const ms = TIMEFRAME_MS[timeframe];
    if (!Number.isFinite(options.origin)) throw new RangeError('origin must be a time in milliseconds');
    const specs = (options.markets ?? DEFAULT_SYNTHETIC_MARKETS).map((spec) => ({
      tickSize: 0.01,
      lotSize: 0.00001,
      ...spec,
    }));
    const walks = new Map<string, Walk>();
    const markets = specs.map((spec) => {
      if (!(spec.startPrice > 0)) throw new RangeError(`${spec.symbol}: startPrice must be positive`);
      const [base = '', quote = ''] = spec.symbol.split('/');
      const candles: Candle[] = [];
      walks.set(spec.symbol, {
        spec,
        random: seededRandom(hashString(`${String(options.seed)}\u0000${spec.symbol}`)),
        price: spec.startPrice,
        candles,
      });
      const market: Omit<Market, 'timeframes'> = {
        symbol: spec.symbol,
        base,
        quote,
        tickSize: spec.tickSize,
        lotSize: spec.lotSize,
        pricePrecision: decimalsOf(spec.tickSize),
        amountPrecision: decimalsOf(spec.lotSize),
        minQuantity: spec.minQuantity ?? spec.lotSize,
        minNotional: spec.minNotional ?? 1,
        source: `synthetic random walk (seed ${JSON.stringify(options.seed)}, ${timeframe} bars)`,
      };
      return { market, series: { [timeframe]: candles } };
    });
    super({ kind: 'synthetic', clock: options.clock, markets, book: options.book });
    this.seed = options.seed;
    this.origin = Math.floor(options.origin / ms) * ms;
    this.timeframe = timeframe;
    this.walks = walks;
  }

  protected override nativeSeries(symbol: string, timeframe: Timeframe, time: number): readonly Candle[] {
    const walk = this.walks.get(symbol);
    if (!walk || timeframe !== this.timeframe) return super.nativeSeries(symbol, timeframe, time);
    const ms = TIMEFRAME_MS[this.timeframe];
    const sigma = (walk.spec.volatility ?? 0.6) * Math.sqrt(ms / YEAR / STEPS_PER_BAR);
    const volume = walk.spec.volumePerBar ?? 10;
    // Generate every bar that has closed by `time`.
    let next = this.origin + walk.candles.length * ms;
    while (next + ms <= time) {
      const open = walk.price;
      let high = open;
      let low = open;
      let price = open;
      for (let i = 0; i < STEPS_PER_BAR; i++) {
        // Drift −σ²/2 keeps the expected price flat.
        price *= Math.exp(sigma * normalDraw(walk.random) - (sigma * sigma) / 2);
        if (price > high) high = price;
        if (price < low) low = price;
      }
      walk.price = price;
      const move = Math.abs(Math.log(price / open)) / (sigma * Math.sqrt(STEPS_PER_BAR));
      const { tickSize, lotSize } = walk.spec;
      walk.candles.push({
        time: next,
        open: roundToStep(open, tickSize),
        high: roundToStep(high, tickSize),
        low: roundToStep(low, tickSize),
        close: roundToStep(price, tickSize),
        // Busier bars move more: volume grows with the size of the move, with lognormal noise.
        volume: roundToStep(volume * (0.5 + move) * Math.exp(0.4 * normalDraw(walk.random)), lotSize),
      });
      next += ms;
    }
    return walk.candles;
  }
}
