import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type Candle, isTimeframe, type Timeframe } from '@sigmax/engine';

/** The candle files shipped with the server (packages/server/data/candles). */
export const SHIPPED_CANDLE_DIR = fileURLToPath(new URL('../../../../data/candles/', import.meta.url));

/** One shipped series, as listed in manifest.json. */
export interface CandleDataset {
  file: string;
  /** The symbol the replay market serves it as. */
  symbol: string;
  timeframe: Timeframe;
  exchange: string;
  /** The exchange's own name of the pair the data comes from. */
  pair: string;
  upstream: string;
  licence: string;
  rows: number;
  /** Open time of the first and last bar, ISO 8601. */
  first: string;
  last: string;
  missingBars: number;
  notes: string[];
}

/** Reads manifest.json of a candle folder. */
export function readCandleManifest(dir: string = SHIPPED_CANDLE_DIR): CandleDataset[] {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { datasets?: CandleDataset[] };
  if (!Array.isArray(manifest.datasets)) throw new Error(`${path}: no datasets`);
  for (const dataset of manifest.datasets) {
    if (!isTimeframe(dataset.timeframe)) throw new Error(`${path}: bad timeframe ${dataset.timeframe}`);
  }
  return manifest.datasets;
}

// Parsed files are shared by every feed of the process: they are frozen, and feeds hand out copies.
const cache = new Map<string, readonly Candle[]>();

/**
 * Reads one gzip'd candle CSV (`time,open,high,low,close,volume`, time in Unix seconds, oldest first) into
 * candles with millisecond times.
 */
export function readCandleFile(path: string): readonly Candle[] {
  const key = resolve(path);
  const cached = cache.get(key);
  if (cached) return cached;
  const lines = gunzipSync(readFileSync(key)).toString('utf8').split('\n');
  if (lines[0] !== 'time,open,high,low,close,volume')
    throw new Error(`${path}: unexpected header ${lines[0]}`);
  const candles: Candle[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const [time, open, high, low, close, volume] = line.split(',').map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (![time, open, high, low, close, volume].every(Number.isFinite)) {
      throw new Error(`${path}:${i + 1}: not a candle: ${line}`);
    }
    candles.push(Object.freeze({ time: time * 1000, open, high, low, close, volume }));
  }
  Object.freeze(candles);
  cache.set(key, candles);
  return candles;
}
