import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type Candle, type Market, resampleCandles, type Timeframe } from '../../src';

/** The real Coinbase candles the server ships (see packages/server/data/candles/README.md). */
const DATA = new URL('../../../server/data/candles/', import.meta.url);

const cache = new Map<string, Candle[]>();

/** One shipped series, e.g. `shippedCandles('btc-usd', '4h')`, parsed once per test process. */
export function shippedCandles(market: 'btc-usd' | 'eth-usd', timeframe: '1h' | '4h'): Candle[] {
  const file = `coinbase-${market}-${timeframe}.csv.gz`;
  let candles = cache.get(file);
  if (!candles) {
    const text = gunzipSync(readFileSync(new URL(file, DATA))).toString('utf8');
    candles = [];
    for (const line of text.split('\n').slice(1)) {
      if (!line) continue;
      const [time, open, high, low, close, volume] = line.split(',').map(Number) as number[];
      candles.push({
        time: (time as number) * 1000,
        open: open as number,
        high: high as number,
        low: low as number,
        close: close as number,
        volume: volume as number,
      });
    }
    cache.set(file, candles);
  }
  return candles;
}

/** The last `count` candles that closed by `until` (ms UTC). */
export function closedBefore(
  candles: readonly Candle[],
  timeframe: Timeframe,
  until: number,
  count: number,
): Candle[] {
  const step = {
    '1m': 60_000,
    '5m': 300_000,
    '15m': 900_000,
    '1h': 3_600_000,
    '4h': 14_400_000,
    '1d': 86_400_000,
  }[timeframe];
  const closed = candles.filter((c) => c.time + step <= until);
  return closed.slice(-count);
}

/**
 * BTC-USD as the analysis sees it at `until` (a UTC midnight): the last `count` closed 1h and 4h bars,
 * and `count` daily bars aggregated from the 4h series (complete days only).
 */
export function btcWindow(until: string, count = 500): Partial<Record<Timeframe, Candle[]>> {
  const end = Date.parse(until);
  const h1 = closedBefore(shippedCandles('btc-usd', '1h'), '1h', end, count);
  const h4 = shippedCandles('btc-usd', '4h');
  const h4Window = closedBefore(h4, '4h', end, count);
  const daily = closedBefore(
    resampleCandles(
      h4.filter((c) => c.time < end),
      '1d',
      { partial: 'drop' },
    ),
    '1d',
    end,
    count,
  );
  return { '1h': h1, '4h': h4Window, '1d': daily };
}

/** BTC/USD as the replay market describes it: cents and 0.00001 BTC. */
export const BTC_USD: Market = {
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  tickSize: 0.01,
  lotSize: 0.00001,
  pricePrecision: 2,
  amountPrecision: 5,
  minQuantity: 0.00001,
  minNotional: 1,
  timeframes: ['1h', '4h', '1d'],
  source: 'Coinbase BTC-USD (shipped replay data)',
};
