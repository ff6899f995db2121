import type { Decimal } from '../decimal';

/** Stable machine codes of {@link LedgerError}. */
export type LedgerErrorCode =
  | 'insufficient_funds'
  | 'unsupported_symbol'
  | 'missing_mark_price'
  | 'entry_price_required'
  | 'invalid_amount'
  | 'duplicate_reservation';

/** The ledger refused a change; nothing was changed. */
export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The account does not hold enough of `asset`: a buy without the quote to pay for it and its fees, or
 * a sell without the base (spot: no shorting). Raised when the order is accepted, before anything
 * changes, so the API can answer 422 with code `insufficient_funds`.
 */
export class InsufficientFundsError extends LedgerError {
  override readonly name = 'InsufficientFundsError';
  declare readonly code: 'insufficient_funds';
  constructor(
    readonly asset: string,
    readonly required: Decimal,
    readonly available: Decimal,
  ) {
    super('insufficient_funds', `insufficient ${asset}: ${required} required, ${available} available`);
  }
}
