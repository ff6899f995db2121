import type { Candle } from '../market/types';
import type { FillModel } from './types';

/** The fill models, for validation and docs. */
export const FILL_MODELS: readonly FillModel[] = ['next-open', 'close', 'intrabar'];

/**
 * The price, before the paper venue's slippage, at which an order fills on `bar` under `model`
 * (`bar` is the candle after the signal, or the signal candle itself for `'close'`). Floats: the
 * price becomes a Decimal only when the order is submitted.
 */
export function fillPrice(model: FillModel, bar: Candle, buy: boolean, intrabarSlippage: number): number {
  if (model === 'close') return bar.close;
  if (model === 'next-open') return bar.open;
  return buy
    ? bar.open + intrabarSlippage * (bar.high - bar.open)
    : bar.open - intrabarSlippage * (bar.open - bar.low);
}
