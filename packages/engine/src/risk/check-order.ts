import { Decimal } from '../decimal';
import type { OrderSide, OrderType } from '../orders/order';
import { type RiskLimits, type RiskSettings, riskSettings, type SymbolRiskSettings } from './limits';

/** The part of an order the risk checks read; an engine {@link Order} fits. */
export interface RiskOrder {
  readonly symbol: string;
  readonly side: OrderSide;
  /** @default 'market' unless a `limitPrice` is given */
  readonly type?: OrderType;
  /** In base units, greater than zero. */
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
}

/** A holding valued at a mark price. `quantity` is signed: negative for a short. */
export interface PortfolioPosition {
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly mark: Decimal;
}

/** The account in quote currency. `equity` = cash + Σ signed quantity × mark. */
export interface RiskPortfolio {
  readonly equity: Decimal;
  readonly cash: Decimal;
  readonly positions: readonly PortfolioPosition[];
}

/** Everything {@link checkOrder} needs besides the order; all figures in quote units. */
export interface RiskContext {
  /** Now, from the injected clock (a `Date` or ms since the epoch). */
  readonly now: Date | number;
  readonly portfolio: RiskPortfolio;
  /** The last traded price of the order's symbol. */
  readonly lastPrice: Decimal;
  /** Today's (UTC) realised + unrealised P&L; negative for a loss. */
  readonly dailyPnl: Decimal;
  /** Equity at the start of the UTC day. @default portfolio.equity − dailyPnl */
  readonly startOfDayEquity?: Decimal;
  /** When recent orders were placed (ms since the epoch or `Date`), any order; older ones are ignored. */
  readonly recentOrderTimes?: readonly (number | Date)[];
}

/** Stable machine codes of a {@link RiskViolation}, one per limit. */
export type RiskViolationCode =
  | 'max_position'
  | 'max_notional'
  | 'max_gross_exposure'
  | 'max_leverage'
  | 'non_positive_equity'
  | 'daily_loss_limit'
  | 'daily_loss_fraction'
  | 'price_band'
  | 'order_rate_limit';

/** One limit an order would break. Figures are decimal strings, so a violation serialises as is. */
export interface RiskViolation {
  readonly code: RiskViolationCode;
  /** The configured limit. */
  readonly limit: string;
  /** What the order would make of it (ratios rounded to 6 decimals, bps to 2, for display). */
  readonly actual: string;
  readonly symbol: string;
  readonly message: string;
}

/** The answer of {@link checkOrder}: approved, or every limit the order breaks. */
export type RiskCheck = { readonly ok: true } | { readonly ok: false; readonly violations: RiskViolation[] };

const APPROVED: RiskCheck = Object.freeze({ ok: true });
const MINUTE_MS = 60_000;
const BPS_PER_UNIT = Decimal.from(10_000);
const NO_LIMITS: SymbolRiskSettings = Object.freeze({});

const toMs = (time: number | Date) => (typeof time === 'number' ? time : time.getTime());

/**
 * Checks an order against pre-trade risk limits. Pure: the same order, context and limits always
 * give the same answer. All comparisons are exact and inclusive (a value exactly at its limit passes).
 *
 * - The order's symbol is valued at the higher of the order's price (`limitPrice`, else the last price)
 *   and the last price; the cash it moves at the order's price; other positions at their marks.
 * - Size, exposure, leverage and daily-loss limits only refuse an order that makes its figure worse:
 *   an order that reduces a position (or the exposure) always passes them, so a position can be closed
 *   after the limits were lowered or the day's loss was reached.
 * - Ratios are taken against the equity after the order: `equity + signed quantity × (value price −
 *   order price)`; fees are ignored.
 * - The price band applies to limit orders only; the rate limit to every order.
 *
 * @example
 * const check = checkOrder(
 *   { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: Decimal.from('0.5') },
 *   { now: clock.now(), portfolio, lastPrice: Decimal.from('65000'), dailyPnl: Decimal.ZERO },
 *   riskSettings({ symbols: { 'BTC/USDT': { maxNotional: '30000' } } }),
 * );
 * if (!check.ok) check.violations[0]?.code; // 'max_notional' (0.5 × 65,000 = 32,500)
 */
export function checkOrder(order: RiskOrder, context: RiskContext, limits: RiskSettings): RiskCheck {
  let violations: RiskViolation[] | undefined;
  const fail = (
    code: RiskViolationCode,
    limit: Decimal | number,
    actual: Decimal | number | string,
    message: string,
  ) => {
    violations ??= [];
    violations.push({ code, limit: String(limit), actual: String(actual), symbol: order.symbol, message });
  };

  const symbol = order.symbol;
  const last = context.lastPrice;
  const orderPrice = order.limitPrice ?? last;
  const valuePrice = orderPrice.gt(last) ? orderPrice : last;
  const signed = order.side === 'buy' ? order.quantity : order.quantity.neg();
  const { portfolio } = context;

  // Positions: the order's symbol before/after; the rest of the book for exposure and leverage.
  let before = Decimal.ZERO;
  let otherGross = Decimal.ZERO;
  let otherLong = Decimal.ZERO;
  const needPortfolio = limits.maxGrossExposure !== undefined || limits.maxLeverage !== undefined;
  for (const position of portfolio.positions) {
    if (position.symbol === symbol) {
      before = before.add(position.quantity);
    } else if (needPortfolio) {
      const value = position.quantity.mul(position.mark);
      otherGross = otherGross.add(value.abs());
      if (value.isPositive()) otherLong = otherLong.add(value);
    }
  }
  const after = before.add(signed);
  const sizeBefore = before.abs();
  const sizeAfter = after.abs();
  const grows = sizeAfter.gt(sizeBefore);

  if (grows) {
    const caps = limits.symbols.get(symbol) ?? limits.defaultSymbol ?? NO_LIMITS;
    if (caps.maxPosition !== undefined && sizeAfter.gt(caps.maxPosition))
      fail(
        'max_position',
        caps.maxPosition,
        sizeAfter,
        `${symbol} position would be ${sizeAfter}, above the limit of ${caps.maxPosition}`,
      );
    if (caps.maxNotional !== undefined) {
      const notional = sizeAfter.mul(valuePrice);
      if (notional.gt(caps.maxNotional))
        fail(
          'max_notional',
          caps.maxNotional,
          notional,
          `${symbol} position would be worth ${notional}, above the limit of ${caps.maxNotional}`,
        );
    }
  }

  if (needPortfolio) {
    const equity = portfolio.equity.add(signed.mul(valuePrice.sub(orderPrice)));
    const valueBefore = before.mul(valuePrice);
    const valueAfter = after.mul(valuePrice);
    if (limits.maxGrossExposure !== undefined) {
      const grossBefore = otherGross.add(valueBefore.abs());
      const grossAfter = otherGross.add(valueAfter.abs());
      if (grossAfter.gt(grossBefore)) {
        if (!equity.isPositive()) {
          fail(
            'non_positive_equity',
            limits.maxGrossExposure,
            equity,
            `equity is ${equity}: no exposure can be added`,
          );
        } else if (grossAfter.gt(limits.maxGrossExposure.mul(equity))) {
          fail(
            'max_gross_exposure',
            limits.maxGrossExposure,
            grossAfter.div(equity, 6),
            `gross exposure would be ${grossAfter.div(equity, 6)} × equity, above the limit of ${limits.maxGrossExposure}`,
          );
        }
      }
    }
    if (limits.maxLeverage !== undefined) {
      const cashBefore = portfolio.cash;
      const cashAfter = cashBefore.sub(signed.mul(orderPrice));
      const assetsBefore = otherLong
        .add(valueBefore.isPositive() ? valueBefore : Decimal.ZERO)
        .add(cashBefore.isPositive() ? cashBefore : Decimal.ZERO);
      const assetsAfter = otherLong
        .add(valueAfter.isPositive() ? valueAfter : Decimal.ZERO)
        .add(cashAfter.isPositive() ? cashAfter : Decimal.ZERO);
      if (assetsAfter.gt(assetsBefore)) {
        if (!equity.isPositive()) {
          if (!violations?.some((v) => v.code === 'non_positive_equity'))
            fail(
              'non_positive_equity',
              limits.maxLeverage,
              equity,
              `equity is ${equity}: no leverage can be added`,
            );
        } else if (assetsAfter.gt(limits.maxLeverage.mul(equity))) {
          fail(
            'max_leverage',
            limits.maxLeverage,
            assetsAfter.div(equity, 6),
            `leverage would be ${assetsAfter.div(equity, 6)}, above the limit of ${limits.maxLeverage}`,
          );
        }
      }
    }
  }

  if (grows && context.dailyPnl.isNegative()) {
    const loss = context.dailyPnl.neg();
    if (limits.dailyLossLimit !== undefined && loss.gt(limits.dailyLossLimit))
      fail(
        'daily_loss_limit',
        limits.dailyLossLimit,
        loss,
        `today's loss of ${loss} is beyond the limit of ${limits.dailyLossLimit}: only reducing orders`,
      );
    if (limits.dailyLossFraction !== undefined) {
      const start = context.startOfDayEquity ?? portfolio.equity.sub(context.dailyPnl);
      if (loss.gt(limits.dailyLossFraction.mul(start)))
        fail(
          'daily_loss_fraction',
          limits.dailyLossFraction,
          start.isPositive() ? loss.div(start, 6) : loss,
          `today's loss of ${loss} is beyond ${limits.dailyLossFraction} of the day's starting equity ${start}: only reducing orders`,
        );
    }
  }

  if (limits.priceBandBps !== undefined && order.limitPrice !== undefined && order.type !== 'market') {
    const distance = order.limitPrice.sub(last).abs();
    if (distance.mul(BPS_PER_UNIT).gt(limits.priceBandBps.mul(last))) {
      const bps = last.isPositive() ? distance.mul(BPS_PER_UNIT).div(last, 2).toString() : 'unbounded';
      fail(
        'price_band',
        limits.priceBandBps,
        bps,
        `limit price ${order.limitPrice} is ${bps} bps from the last price ${last}, beyond the band of ${limits.priceBandBps} bps`,
      );
    }
  }

  if (limits.maxOrdersPerMinute !== undefined) {
    const now = toMs(context.now);
    let count = 1;
    for (const time of context.recentOrderTimes ?? []) {
      const at = toMs(time);
      if (at <= now && now - at < MINUTE_MS) count++;
    }
    if (count > limits.maxOrdersPerMinute)
      fail(
        'order_rate_limit',
        limits.maxOrdersPerMinute,
        count,
        `${count} orders in the last minute, above the limit of ${limits.maxOrdersPerMinute}`,
      );
  }

  return violations === undefined ? APPROVED : { ok: false, violations };
}

/**
 * {@link checkOrder} with its limits parsed once.
 * @example
 * const risk = new RiskManager({ maxOrdersPerMinute: 30 });
 * risk.checkOrder(order, context); // { ok: true } | { ok: false, violations }
 */
export class RiskManager {
  readonly limits: RiskSettings;

  /** @throws {RiskConfigError} `invalid_risk_limits` for malformed limits. */
  constructor(limits: RiskLimits | RiskSettings = {}) {
    this.limits = isSettings(limits) ? limits : riskSettings(limits);
  }

  checkOrder(order: RiskOrder, context: RiskContext): RiskCheck {
    return checkOrder(order, context, this.limits);
  }
}

function isSettings(limits: RiskLimits | RiskSettings): limits is RiskSettings {
  return limits.symbols instanceof Map;
}
