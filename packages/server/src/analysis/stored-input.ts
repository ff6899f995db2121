import {
  type AnalysisInput,
  type Candle,
  canonicalAnalysisInput,
  isTimeframe,
  type Timeframe,
} from '@sigmax/engine';

/**
 * An analysis input as the text stored with the analysis: the engine's canonical JSON, with candles as
 * `[time, open, high, low, close, volume]` arrays. {@link restoreInput} gives back an input with the same
 * `inputHash`.
 */
export function storeInput(input: AnalysisInput): string {
  return canonicalAnalysisInput(input);
}

/** The input back from {@link storeInput}'s text: equal to the original, so it hashes the same. */
export function restoreInput(text: string): AnalysisInput {
  const stored = JSON.parse(text) as Omit<AnalysisInput, 'candles'> & { candles: Record<string, number[][]> };
  const candles: Partial<Record<Timeframe, Candle[]>> = {};
  for (const [timeframe, rows] of Object.entries(stored.candles)) {
    if (!isTimeframe(timeframe)) throw new Error(`stored analysis input: unknown timeframe ${timeframe}`);
    candles[timeframe] = rows.map(([time, open, high, low, close, volume]) => ({
      time: time as number,
      open: open as number,
      high: high as number,
      low: low as number,
      close: close as number,
      volume: volume as number,
    }));
  }
  return {
    symbol: stored.symbol,
    market: stored.market,
    candles,
    news: stored.news,
    capital: stored.capital,
    parameters: stored.parameters,
  };
}
