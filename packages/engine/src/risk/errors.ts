/** Stable machine codes of {@link RiskConfigError}. */
export type RiskConfigErrorCode = 'invalid_risk_limits' | 'invalid_sizing_input' | 'invalid_exit_spec';

/**
 * Risk limits, a sizing input or a protective-exit spec is malformed (a negative limit, a win rate
 * above 1, a stop on the wrong side of the entry). Raised before anything is computed.
 *
 * @example
 * try { riskSettings({ maxLeverage: '-1' }) } catch (error) {
 *   if (error instanceof RiskConfigError) error.field; // 'maxLeverage'
 * }
 */
export class RiskConfigError extends Error {
  override readonly name = 'RiskConfigError';
  constructor(
    readonly code: RiskConfigErrorCode,
    /** The input field at fault (`maxLeverage`, `symbols.BTC/USDT.maxNotional`, `winRate`, ...). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
