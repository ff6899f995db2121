import type { Timeframe } from '../market/timeframes';

/** Stable machine codes of {@link AnalysisInputError}; the API answers them with 422. */
export type AnalysisInputErrorCode = 'invalid_analysis_input';

/**
 * Some timeframe has fewer candles than the indicators need to warm up (plus a safety margin). The API
 * answers 422 `insufficient_history`, naming how many candles are needed.
 *
 * @example
 * try { analyze(input) } catch (error) {
 *   if (error instanceof InsufficientHistoryError) error.needed['4h']; // e.g. 70
 * }
 */
export class InsufficientHistoryError extends Error {
  override readonly name = 'InsufficientHistoryError';
  readonly code = 'insufficient_history';
  constructor(
    /** Candles needed per timeframe that fell short. */
    readonly needed: Partial<Record<Timeframe, number>>,
    /** Candles given per timeframe that fell short. */
    readonly available: Partial<Record<Timeframe, number>>,
  ) {
    const parts = Object.keys(needed).map(
      (tf) => `${tf}: ${available[tf as Timeframe] ?? 0} of ${needed[tf as Timeframe]} candles`,
    );
    super(`not enough history for the analysis (${parts.join(', ')})`);
  }
}

/**
 * An analysis input that cannot be analysed at all: no timeframe with candles, a capital that is not a
 * positive decimal, parameters out of range, candles out of order. The field at fault is named.
 */
export class AnalysisInputError extends Error {
  override readonly name = 'AnalysisInputError';
  readonly code: AnalysisInputErrorCode = 'invalid_analysis_input';
  constructor(
    /** The input field at fault (`capital`, `candles.4h`, `parameters.debateRounds`, …). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
