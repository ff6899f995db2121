/** Stable machine codes of {@link ParallelError}. */
export type ParallelErrorCode =
  /** A worker could not start (or load the strategy) or died. */
  | 'worker_failed'
  /** Evaluating a parameter set threw in a worker; `causeName` and `causeCode` say what. */
  | 'evaluation_failed'
  /** The backtest configuration holds something a worker cannot receive (a function). */
  | 'not_transferable'
  /** The pool was closed. */
  | 'closed';

/** Parameter sets could not be evaluated on worker threads. */
export class ParallelError extends Error {
  override readonly name = 'ParallelError';
  constructor(
    readonly code: ParallelErrorCode,
    message: string,
    /** For `evaluation_failed`: the name and code of the error the worker caught. */
    readonly causeName?: string,
    readonly causeCode?: string,
  ) {
    super(message);
  }
}
