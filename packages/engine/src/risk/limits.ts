import { Decimal, DecimalError, type DecimalInput } from '../decimal';
import { RiskConfigError } from './errors';

/** Caps on one symbol. Both are inclusive: a position exactly at the cap is allowed. */
export interface SymbolRiskLimits {
  /** Largest |position| after the order, in base units. */
  maxPosition?: DecimalInput;
  /** Largest |position| × price after the order, in quote units. */
  maxNotional?: DecimalInput;
}

/**
 * What {@link checkOrder} enforces. Every limit is optional (absent: not checked) and inclusive
 * (a value exactly at the limit passes). Decimals may be given as strings.
 *
 * @example
 * const limits: RiskLimits = {
 *   symbols: { 'BTC/USDT': { maxPosition: '2', maxNotional: '150000' } },
 *   defaultSymbol: { maxNotional: '25000' },
 *   maxGrossExposure: '1.5',
 *   maxLeverage: '2',
 *   dailyLossLimit: '5000',
 *   dailyLossFraction: '0.03',
 *   priceBandBps: '500',
 *   maxOrdersPerMinute: 60,
 * };
 */
export interface RiskLimits {
  /** Per-symbol caps, keyed by `BASE/QUOTE`. */
  symbols?: Readonly<Record<string, SymbolRiskLimits>>;
  /** Caps for every symbol not listed in `symbols`. */
  defaultSymbol?: SymbolRiskLimits;
  /** Largest Σ |quantity × mark| over all positions after the order, as a fraction of equity ('1.5' = 150 %). */
  maxGrossExposure?: DecimalInput;
  /**
   * Largest balance-sheet leverage after the order: assets ÷ equity, where assets = max(cash, 0) + Σ
   * long position values. A spot account that never borrows stays at 1; buying on margin or holding
   * short proceeds raises it.
   */
  maxLeverage?: DecimalInput;
  /** Largest loss of the UTC day (realised + unrealised), in quote units, e.g. '5000'. */
  dailyLossLimit?: DecimalInput;
  /** Largest loss of the UTC day as a fraction of the equity at the start of the day, e.g. '0.03'. */
  dailyLossFraction?: DecimalInput;
  /** Largest distance of a limit price from the last price, in basis points (fat-finger guard). */
  priceBandBps?: DecimalInput;
  /** Most orders in any rolling 60 seconds, this one included. */
  maxOrdersPerMinute?: number;
}

/** {@link SymbolRiskLimits} parsed. */
export interface SymbolRiskSettings {
  readonly maxPosition?: Decimal;
  readonly maxNotional?: Decimal;
}

/** {@link RiskLimits} validated and parsed; what {@link checkOrder} takes. */
export interface RiskSettings {
  readonly symbols: ReadonlyMap<string, SymbolRiskSettings>;
  readonly defaultSymbol: SymbolRiskSettings;
  readonly maxGrossExposure?: Decimal;
  readonly maxLeverage?: Decimal;
  readonly dailyLossLimit?: Decimal;
  readonly dailyLossFraction?: Decimal;
  readonly priceBandBps?: Decimal;
  readonly maxOrdersPerMinute?: number;
}

function limitField(field: string, value: DecimalInput | undefined, allowZero: boolean): Decimal | undefined {
  if (value === undefined) return undefined;
  let decimal: Decimal;
  try {
    decimal = Decimal.from(value);
  } catch (error) {
    if (error instanceof DecimalError)
      throw new RiskConfigError('invalid_risk_limits', field, `${field}: ${error.message}`);
    throw error;
  }
  if (decimal.isNegative() || (!allowZero && decimal.isZero()))
    throw new RiskConfigError(
      'invalid_risk_limits',
      field,
      `${field} must be ${allowZero ? 'zero or more' : 'greater than zero'}, got ${decimal}`,
    );
  return decimal;
}

function symbolSettings(prefix: string, limits: SymbolRiskLimits | undefined): SymbolRiskSettings {
  if (limits === undefined) return Object.freeze({});
  const maxPosition = limitField(`${prefix}.maxPosition`, limits.maxPosition, true);
  const maxNotional = limitField(`${prefix}.maxNotional`, limits.maxNotional, true);
  return Object.freeze({
    ...(maxPosition ? { maxPosition } : {}),
    ...(maxNotional ? { maxNotional } : {}),
  });
}

/**
 * Validates and parses {@link RiskLimits}. Size caps, the daily loss limit and the price band may be
 * zero (nothing allowed); exposure and leverage caps must be positive.
 * @throws {RiskConfigError} `invalid_risk_limits`, naming the field, for a malformed or negative limit.
 * @example riskSettings({ maxLeverage: '2' }).maxLeverage?.toString() // '2'
 */
export function riskSettings(limits: RiskLimits = {}): RiskSettings {
  const symbols = new Map<string, SymbolRiskSettings>();
  for (const [symbol, symbolLimits] of Object.entries(limits.symbols ?? {}))
    symbols.set(symbol, symbolSettings(`symbols.${symbol}`, symbolLimits));
  const rate = limits.maxOrdersPerMinute;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 0))
    throw new RiskConfigError(
      'invalid_risk_limits',
      'maxOrdersPerMinute',
      `maxOrdersPerMinute must be a whole number of zero or more, got ${rate}`,
    );
  const fraction = limitField('dailyLossFraction', limits.dailyLossFraction, true);
  if (fraction?.gt(1))
    throw new RiskConfigError(
      'invalid_risk_limits',
      'dailyLossFraction',
      `dailyLossFraction must be from 0 to 1, got ${fraction}`,
    );
  const settings: {
    -readonly [K in keyof RiskSettings]: RiskSettings[K];
  } = {
    symbols,
    defaultSymbol: symbolSettings('defaultSymbol', limits.defaultSymbol),
  };
  const maxGrossExposure = limitField('maxGrossExposure', limits.maxGrossExposure, false);
  const maxLeverage = limitField('maxLeverage', limits.maxLeverage, false);
  const dailyLossLimit = limitField('dailyLossLimit', limits.dailyLossLimit, true);
  const priceBandBps = limitField('priceBandBps', limits.priceBandBps, true);
  if (maxGrossExposure) settings.maxGrossExposure = maxGrossExposure;
  if (maxLeverage) settings.maxLeverage = maxLeverage;
  if (dailyLossLimit) settings.dailyLossLimit = dailyLossLimit;
  if (fraction) settings.dailyLossFraction = fraction;
  if (priceBandBps) settings.priceBandBps = priceBandBps;
  if (rate !== undefined) settings.maxOrdersPerMinute = rate;
  return Object.freeze(settings);
}
