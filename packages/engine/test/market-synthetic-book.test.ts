import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candle, decimalsOf, type OrderBookSides, roundToStep, synthesizeOrderBook } from '../src';

const candle: Candle = { time: 0, open: 99.5, high: 101, low: 99, close: 100, volume: 1000 };

function expectWellFormed({ bids, asks }: OrderBookSides) {
  const [bestBid] = bids[0] ?? [];
  const [bestAsk] = asks[0] ?? [];
  if (bestBid !== undefined && bestAsk !== undefined) expect(bestBid).toBeLessThan(bestAsk);
  for (let i = 1; i < bids.length; i++) expect(bids[i]?.[0]).toBeLessThan(bids[i - 1]?.[0] as number);
  for (let i = 1; i < asks.length; i++) expect(asks[i]?.[0]).toBeGreaterThan(asks[i - 1]?.[0] as number);
  for (const [price, quantity] of [...bids, ...asks]) {
    expect(price).toBeGreaterThan(0);
    expect(quantity).toBeGreaterThan(0);
  }
}

describe('synthetic order book', () => {
  it('follows the documented model on a 2 % candle', () => {
    const { bids, asks } = synthesizeOrderBook(candle, { levels: 20 });
    // range 2 % → spread 1 bp + 2 % × 200 bp = 5 bp; step = max(2 % / 40, 2.5 bp, 0.5 bp) = 5 bp.
    expect(bids[0]?.[0]).toBeCloseTo(99.975, 9);
    expect(asks[0]?.[0]).toBeCloseTo(100.025, 9);
    expect(bids[1]?.[0]).toBeCloseTo(99.925, 9);
    expect(bids.at(-1)?.[0]).toBeCloseTo(100 * (1 - 0.00025 - 19 * 0.0005), 9);
    // 10 % of the bar's volume on each side, in proportion to 1, 2, …, 20.
    expect(bids[0]?.[1]).toBeCloseTo(100 / 210, 12);
    expect(bids[19]?.[1]).toBeCloseTo((100 * 20) / 210, 12);
    expect(bids.reduce((sum, [, q]) => sum + q, 0)).toBeCloseTo(100, 9);
    expect(asks.reduce((sum, [, q]) => sum + q, 0)).toBeCloseTo(100, 9);
  });

  it('widens with volatility and deepens with volume', () => {
    const quiet = synthesizeOrderBook({ ...candle, high: 100.1, low: 99.9 });
    const wild = synthesizeOrderBook({ ...candle, high: 104, low: 96 });
    const spread = (b: OrderBookSides) => (b.asks[0]?.[0] as number) - (b.bids[0]?.[0] as number);
    expect(spread(wild)).toBeGreaterThan(spread(quiet));
    const thin = synthesizeOrderBook({ ...candle, volume: 10 });
    expect(thin.bids[0]?.[1]).toBeCloseTo((synthesizeOrderBook(candle).bids[0]?.[1] as number) / 100, 12);
  });

  it('puts prices on the tick grid and quantities on the lot grid', () => {
    const { bids, asks } = synthesizeOrderBook(candle, { tickSize: 0.01, lotSize: 0.001 });
    expect(bids[0]).toEqual([99.97, 0.476]);
    expect(asks[0]).toEqual([100.03, 0.476]);
    for (const [price, quantity] of [...bids, ...asks]) {
      expect(roundToStep(price, 0.01)).toBe(price);
      expect(roundToStep(quantity, 0.001)).toBe(quantity);
    }
  });

  it('models a bare price with the default depth of 100,000 quote per side', () => {
    const book = synthesizeOrderBook(50_000, { levels: 5 });
    expect(book.bids[0]?.[0]).toBeCloseTo(50_000 * (1 - 0.00005), 6);
    expect(book.asks.reduce((sum, [, q]) => sum + q, 0)).toBeCloseTo(2, 9);
    expect(() => synthesizeOrderBook(0)).toThrow(RangeError);
    expect(() => synthesizeOrderBook(candle, { levels: 0 })).toThrow(RangeError);
    expect(() => synthesizeOrderBook(candle, { spreadBps: 0 })).toThrow(RangeError);
  });

  it('is deterministic and well formed for any candle, tick and depth (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0001, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(undefined, 1e-8, 0.0001, 0.01, 0.5, 1),
        fc.constantFrom(undefined, 1e-8, 0.001),
        (close, up, down, volume, levels, tickSize, lotSize) => {
          const c: Candle = {
            time: 0,
            open: close,
            high: close * (1 + up),
            low: close * (1 - down),
            close,
            volume,
          };
          const options = { levels, tickSize, lotSize };
          const book = synthesizeOrderBook(c, options);
          expectWellFormed(book);
          expect(book.bids.length).toBeLessThanOrEqual(levels);
          expect(book.asks.length).toBeLessThanOrEqual(levels);
          if (tickSize) {
            for (const [price] of [...book.bids, ...book.asks]) {
              expect(roundToStep(price, tickSize)).toBe(price);
            }
          }
          expect(synthesizeOrderBook(c, options)).toEqual(book);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('price steps', () => {
  it('count decimals and round without float noise', () => {
    expect(decimalsOf(0.01)).toBe(2);
    expect(decimalsOf(1e-8)).toBe(8);
    expect(decimalsOf(0.5)).toBe(1);
    expect(decimalsOf(5)).toBe(0);
    expect(roundToStep(0.1 * 3, 0.1)).toBe(0.3);
    expect(roundToStep(101.237, 0.01, 'down')).toBe(101.23);
    expect(roundToStep(101.231, 0.01, 'up')).toBe(101.24);
    expect(roundToStep(101.23, 0.01, 'up')).toBe(101.23);
  });
});
