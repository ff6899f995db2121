import {
  ManualClock,
  type MarketViewInput,
  marketView,
  PaperExchange,
  type PaperExchangeOptions,
} from '../../src';

/** 12:00 UTC on 1 June 2024, when BTC traded near 67,700 USDT. */
export const START = '2024-06-01T12:00:00Z';

/**
 * A thin BTC/USDT book, as a quiet minute on a spot venue looks at the top:
 * asks 65,010.5 × 0.40, 65,011.0 × 0.75, 65,012.5 × 1.20 (2.35 BTC),
 * bids 65,009.5 × 0.50, 65,009.0 × 0.80, 65,007.5 × 1.50 (2.8 BTC).
 */
export const BOOK: MarketViewInput = {
  asks: [
    ['65010.5', '0.40'],
    ['65011.0', '0.75'],
    ['65012.5', '1.20'],
  ],
  bids: [
    ['65009.5', '0.50'],
    ['65009.0', '0.80'],
    ['65007.5', '1.50'],
  ],
  last: '65010',
};

export const book = (input: MarketViewInput = BOOK) => marketView(input);

/** A paper exchange on a manual clock with the given account and config. */
export function paperExchange(options: Partial<Omit<PaperExchangeOptions, 'clock'>> = {}) {
  const clock = new ManualClock(START);
  const exchange = new PaperExchange({ clock, ...options });
  return { clock, exchange };
}

/** Decimals (and anything holding them) as their canonical strings, for readable assertions. */
export const plain = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
