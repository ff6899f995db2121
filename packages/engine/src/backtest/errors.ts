/** Stable machine codes of {@link BacktestConfigError}. */
export type BacktestConfigErrorCode =
  | 'invalid_param'
  | 'invalid_config'
  | 'invalid_candles'
  | 'invalid_signal';

/** A backtest was asked for something it cannot run: nothing ran. */
export class BacktestConfigError extends Error {
  override readonly name = 'BacktestConfigError';
  constructor(
    readonly code: BacktestConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}
