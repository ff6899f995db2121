/** Why the paper venue moved an order; stored with each transition. */
export const PAPER_REASONS = Object.freeze({
  accepted: 'accepted',
  fill: 'fill',
  insufficientLiquidity: 'insufficient liquidity',
  immediateOrCancel: 'immediate-or-cancel: unfilled quantity canceled',
  fillOrKill: 'fill-or-kill: not fully fillable',
  postOnlyWouldTake: 'post-only: would take liquidity',
  canceledByUser: 'canceled by user',
  insufficientFunds: 'insufficient funds',
});
