import { Decimal, type DecimalInput, type RoundingMode } from '../decimal';

/** How the paper venue charges and fills. Every field has a default. */
export interface PaperConfig {
  /** Fee rate for fills of resting orders; negative for a rebate. @default '0.001' (0.1 %) */
  makerFeeRate?: DecimalInput;
  /** Fee rate for fills that take liquidity. @default '0.001' (0.1 %) */
  takerFeeRate?: DecimalInput;
  /**
   * Extra price moved against a market order, in basis points, on top of walking the book
   * (a buy at 65,000 with 2 bps fills at 65,013). @default 0
   */
  slippageBps?: DecimalInput;
  /**
   * Whether a resting order fills when the market only touches its price (asks down to exactly the
   * bid, or a traded low equal to it). Off by default: a touch rarely fills a real queue.
   * @default false
   */
  fillOnTouch?: boolean;
  /** Fractional digits fees are rounded to (quote currency precision). @default 8 */
  feeScale?: number;
  /** @default 'half-up' */
  feeRounding?: RoundingMode;
}

/** {@link PaperConfig} with the defaults filled in and the numbers parsed. */
export interface PaperSettings {
  readonly makerFeeRate: Decimal;
  readonly takerFeeRate: Decimal;
  /** `slippageBps / 10,000`. */
  readonly slippage: Decimal;
  readonly fillOnTouch: boolean;
  readonly feeScale: number;
  readonly feeRounding: RoundingMode;
  /** `max(makerFeeRate, takerFeeRate, 0)`: what a buy order reserves for fees. */
  readonly maxFeeRate: Decimal;
}

const BPS = Decimal.from('0.0001');

/**
 * Fills in defaults and validates.
 * @throws {RangeError} for fee rates outside (−1, 1), negative slippage or a fee scale outside 0..18.
 */
export function paperSettings(config: PaperConfig = {}): PaperSettings {
  const makerFeeRate = Decimal.from(config.makerFeeRate ?? '0.001');
  const takerFeeRate = Decimal.from(config.takerFeeRate ?? '0.001');
  for (const [name, rate] of [
    ['makerFeeRate', makerFeeRate],
    ['takerFeeRate', takerFeeRate],
  ] as const) {
    if (rate.lte(-1) || rate.gte(1)) throw new RangeError(`${name} must be between -1 and 1, got ${rate}`);
  }
  const slippageBps = Decimal.from(config.slippageBps ?? 0);
  if (slippageBps.isNegative()) throw new RangeError(`slippageBps cannot be negative, got ${slippageBps}`);
  const feeScale = config.feeScale ?? 8;
  if (!Number.isInteger(feeScale) || feeScale < 0 || feeScale > Decimal.MAX_SCALE) {
    throw new RangeError(`feeScale must be an integer from 0 to ${Decimal.MAX_SCALE}, got ${feeScale}`);
  }
  return Object.freeze({
    makerFeeRate,
    takerFeeRate,
    slippage: slippageBps.mul(BPS),
    fillOnTouch: config.fillOnTouch ?? false,
    feeScale,
    feeRounding: config.feeRounding ?? 'half-up',
    maxFeeRate: Decimal.max(makerFeeRate, takerFeeRate, 0),
  });
}
