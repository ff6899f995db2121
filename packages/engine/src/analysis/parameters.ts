import type { AnalysisParameters } from './types';

/**
 * The parameters an analysis runs with when the caller gives none: two debate rounds, half-Kelly capped at
 * a quarter of capital, sized for 40 % annualised volatility, stop-loss 2 ATRs and take-profit 3 ATRs away.
 */
export const defaultAnalysisParameters: Readonly<AnalysisParameters> = Object.freeze({
  debateRounds: 2,
  kellyFraction: 0.5,
  maxPositionFraction: 0.25,
  targetVolatility: 0.4,
  stopAtr: 2,
  takeProfitAtr: 3,
});
