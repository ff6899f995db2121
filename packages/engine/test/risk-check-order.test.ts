import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOrder,
  Decimal,
  type PortfolioPosition,
  type RiskCheck,
  RiskConfigError,
  type RiskContext,
  type RiskLimits,
  RiskManager,
  type RiskOrder,
  riskSettings,
} from '../src';

const D = (value: string | number) => Decimal.from(value);
const NOW = Date.parse('2024-06-01T12:00:00Z');

function order(side: 'buy' | 'sell', quantity: string, limitPrice?: string): RiskOrder {
  return {
    symbol: 'BTC/USDT',
    side,
    type: limitPrice === undefined ? 'market' : 'limit',
    quantity: D(quantity),
    ...(limitPrice === undefined ? {} : { limitPrice: D(limitPrice) }),
  };
}

function context(overrides: Partial<RiskContext> & { positions?: PortfolioPosition[] } = {}): RiskContext {
  const { positions, ...rest } = overrides;
  return {
    now: NOW,
    portfolio: { equity: D('100000'), cash: D('100000'), positions: positions ?? [] },
    lastPrice: D('50000'),
    dailyPnl: Decimal.ZERO,
    recentOrderTimes: [],
    ...rest,
  };
}

const check = (limits: RiskLimits, o: RiskOrder, ctx: RiskContext = context()) =>
  checkOrder(o, ctx, riskSettings(limits));
const codes = (result: RiskCheck) => (result.ok ? [] : result.violations.map((v) => v.code));

describe('risk checkOrder: each limit, exactly at the limit passes', () => {
  it('approves anything without limits', () => {
    expect(check({}, order('buy', '100'))).toEqual({ ok: true });
  });

  it('max position in base units, per symbol and by default', () => {
    const limits = { symbols: { 'BTC/USDT': { maxPosition: '0.5' } }, defaultSymbol: { maxPosition: '0.1' } };
    expect(check(limits, order('buy', '0.5'))).toEqual({ ok: true });
    const result = check(limits, order('buy', '0.50000001'));
    expect(result).toEqual({
      ok: false,
      violations: [
        {
          code: 'max_position',
          limit: '0.5',
          actual: '0.50000001',
          symbol: 'BTC/USDT',
          message: 'BTC/USDT position would be 0.50000001, above the limit of 0.5',
        },
      ],
    });
    // Adds to an existing position; the default applies to unlisted symbols.
    const held = context({ positions: [{ symbol: 'BTC/USDT', quantity: D('0.4'), mark: D('50000') }] });
    expect(codes(check(limits, order('buy', '0.1'), held))).toEqual([]);
    expect(codes(check(limits, order('buy', '0.2'), held))).toEqual(['max_position']);
    const eth: RiskOrder = { symbol: 'ETH/USDT', side: 'buy', quantity: D('0.11') };
    expect(codes(check(limits, eth, context({ lastPrice: D('3000') })))).toEqual(['max_position']);
  });

  it('max notional in quote units, valued at the higher of the order and last price', () => {
    const limits = { symbols: { 'BTC/USDT': { maxNotional: '25000' } } };
    expect(check(limits, order('buy', '0.5'))).toEqual({ ok: true }); // 0.5 × 50,000 = 25,000
    expect(codes(check(limits, order('buy', '0.50000001')))).toEqual(['max_notional']);
    // A limit buy above the last price is valued at its limit.
    expect(codes(check(limits, order('buy', '0.5', '50000.01')))).toEqual(['max_notional']);
    // A limit buy below it at the last price.
    expect(check(limits, order('buy', '0.5', '49000'))).toEqual({ ok: true });
    // A short counts by its size.
    expect(codes(check(limits, order('sell', '0.6')))).toEqual(['max_notional']);
  });

  it('orders that reduce a position pass the size limits, even above them', () => {
    const limits = { symbols: { 'BTC/USDT': { maxPosition: '0.5', maxNotional: '1000' } } };
    const held = context({ positions: [{ symbol: 'BTC/USDT', quantity: D('2'), mark: D('50000') }] });
    expect(check(limits, order('sell', '1'), held)).toEqual({ ok: true });
    // A flip to a short smaller than the long is a reduction too; a bigger one is not.
    expect(check(limits, order('sell', '2.4'), held)).toEqual({ ok: true });
    expect(codes(check(limits, order('sell', '4.1'), held))).toEqual(['max_position', 'max_notional']);
  });

  it('max gross exposure as a fraction of equity, across symbols', () => {
    const positions = [{ symbol: 'ETH/USDT', quantity: D('10'), mark: D('3000') }]; // 30,000
    const ctx = context({ positions, portfolio: { equity: D('100000'), cash: D('70000'), positions } });
    const limits = { maxGrossExposure: '0.8' };
    // 30,000 + 1 × 50,000 = 80,000 = 0.8 × 100,000
    expect(check(limits, order('buy', '1'), ctx)).toEqual({ ok: true });
    const result = check(limits, order('buy', '1.00002'), ctx);
    expect(codes(result)).toEqual(['max_gross_exposure']);
    expect(result.ok ? undefined : result.violations[0]?.actual).toBe('0.80001');
    // Shorts count by their absolute value.
    expect(codes(check(limits, order('sell', '1.00000002'), ctx))).toEqual(['max_gross_exposure']);
  });

  it('max leverage: assets over equity; a spot account without borrowing stays at 1', () => {
    const limits = { maxLeverage: '1' };
    // Spending all the cash: assets = 100,000 of BTC = equity.
    expect(check(limits, order('buy', '2'))).toEqual({ ok: true });
    // Buying on margin: cash −50, assets 100,050 > 100,000.
    expect(codes(check(limits, order('buy', '2.001')))).toEqual(['max_leverage']);
    // A short keeps its proceeds as cash: assets 150,000, equity 100,000 → 1.5.
    expect(codes(check(limits, order('sell', '1')))).toEqual(['max_leverage']);
    expect(check({ maxLeverage: '1.5' }, order('sell', '1'))).toEqual({ ok: true });
    // A limit buy below the last price does not look like leverage: the gain is equity too.
    expect(check(limits, order('buy', '2', '49000'))).toEqual({ ok: true });
  });

  it('exposure and leverage need positive equity to grow', () => {
    const ctx = context({ portfolio: { equity: D('0'), cash: D('0'), positions: [] } });
    expect(codes(check({ maxGrossExposure: '1', maxLeverage: '2' }, order('buy', '0.001'), ctx))).toEqual([
      'non_positive_equity',
    ]);
  });

  it('daily loss limit (quote): a loss equal to the limit passes; beyond it only reducing orders', () => {
    const limits = { dailyLossLimit: '5000' };
    expect(check(limits, order('buy', '0.1'), context({ dailyPnl: D('-5000') }))).toEqual({ ok: true });
    const beyond = context({
      dailyPnl: D('-5000.01'),
      positions: [{ symbol: 'BTC/USDT', quantity: D('1'), mark: D('50000') }],
    });
    expect(codes(check(limits, order('buy', '0.1'), beyond))).toEqual(['daily_loss_limit']);
    expect(check(limits, order('sell', '0.5'), beyond)).toEqual({ ok: true });
  });

  it('daily loss limit as a fraction of the start-of-day equity', () => {
    const limits = { dailyLossFraction: '0.03' };
    // Equity 97,000 after a loss of 3,000: the day started at 100,000, and 3 % of it is 3,000.
    const portfolio = { equity: D('97000'), cash: D('97000'), positions: [] };
    expect(check(limits, order('buy', '0.1'), context({ portfolio, dailyPnl: D('-3000') }))).toEqual({
      ok: true,
    });
    const beyond = { portfolio: { ...portfolio, equity: D('96999.99') }, dailyPnl: D('-3000.01') };
    expect(codes(check(limits, order('buy', '0.1'), context(beyond)))).toEqual(['daily_loss_fraction']);
    const given = context({ dailyPnl: D('-3000'), startOfDayEquity: D('100000') });
    expect(check(limits, order('buy', '0.1'), given)).toEqual({ ok: true });
    expect(codes(check(limits, order('buy', '0.1'), { ...given, dailyPnl: D('-3000.000001') }))).toEqual([
      'daily_loss_fraction',
    ]);
  });

  it('price band for limit orders, in bps of the last price', () => {
    const limits = { priceBandBps: '500' }; // 5 % of 50,000 = 2,500
    expect(check(limits, order('buy', '0.1', '52500'))).toEqual({ ok: true });
    expect(check(limits, order('sell', '0.1', '47500'))).toEqual({ ok: true });
    const result = check(limits, order('buy', '0.1', '52500.5'));
    expect(result.ok ? undefined : result.violations[0]).toMatchObject({
      code: 'price_band',
      limit: '500',
      actual: '500.1',
    });
    expect(codes(check(limits, order('sell', '0.1', '47499.5')))).toEqual(['price_band']);
    // Market orders have no price to check.
    expect(check(limits, order('buy', '0.1'))).toEqual({ ok: true });
  });

  it('order rate limit over a rolling minute, this order included', () => {
    const limits = { maxOrdersPerMinute: 3 };
    const two = [NOW - 59_999, new Date(NOW - 1000)];
    expect(check(limits, order('buy', '0.1'), context({ recentOrderTimes: two }))).toEqual({ ok: true });
    const three = [...two, NOW];
    const result = check(limits, order('buy', '0.1'), context({ recentOrderTimes: three }));
    expect(result.ok ? undefined : result.violations[0]).toMatchObject({
      code: 'order_rate_limit',
      limit: '3',
      actual: '4',
    });
    // An order exactly a minute old has left the window.
    expect(check(limits, order('buy', '0.1'), context({ recentOrderTimes: [NOW - 60_000, ...two] }))).toEqual(
      {
        ok: true,
      },
    );
  });

  it('reports every broken limit at once', () => {
    const limits: RiskLimits = {
      symbols: { 'BTC/USDT': { maxPosition: '0.1', maxNotional: '1000' } },
      priceBandBps: '10',
      maxOrdersPerMinute: 0,
    };
    expect(codes(check(limits, order('buy', '1', '51000')))).toEqual([
      'max_position',
      'max_notional',
      'price_band',
      'order_rate_limit',
    ]);
  });

  it('RiskManager parses the limits once', () => {
    const risk = new RiskManager({ symbols: { 'BTC/USDT': { maxNotional: '25000' } } });
    expect(risk.checkOrder(order('buy', '0.5'), context())).toEqual({ ok: true });
    expect(new RiskManager(risk.limits).limits).toBe(risk.limits);
  });

  it('refuses malformed limits, naming the field', () => {
    const field = (limits: RiskLimits) => {
      try {
        riskSettings(limits);
      } catch (error) {
        if (error instanceof RiskConfigError) return [error.code, error.field];
        throw error;
      }
      return undefined;
    };
    expect(field({ maxLeverage: '0' })).toEqual(['invalid_risk_limits', 'maxLeverage']);
    expect(field({ maxGrossExposure: 'lots' })).toEqual(['invalid_risk_limits', 'maxGrossExposure']);
    expect(field({ symbols: { 'BTC/USDT': { maxNotional: '-1' } } })).toEqual([
      'invalid_risk_limits',
      'symbols.BTC/USDT.maxNotional',
    ]);
    expect(field({ dailyLossFraction: '1.5' })).toEqual(['invalid_risk_limits', 'dailyLossFraction']);
    expect(field({ maxOrdersPerMinute: 1.5 })).toEqual(['invalid_risk_limits', 'maxOrdersPerMinute']);
  });
});

describe('risk checkOrder property', () => {
  const decimal = (max: number, digits: number) =>
    fc.integer({ min: 1, max: max * 10 ** digits }).map((n) => Decimal.from(n).div(10 ** digits, digits));

  it('never approves an order that takes a position beyond max notional', () => {
    fc.assert(
      fc.property(
        decimal(100_000, 2), // max notional
        decimal(100, 8), // quantity
        decimal(100_000, 2), // last price
        fc.option(decimal(100_000, 2), { nil: undefined }), // limit price
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.integer({ min: -200, max: 200 }).map((n) => Decimal.from(n).div(100, 2)), // held position
        (maxNotional, quantity, last, limitPrice, side, held) => {
          const limits = riskSettings({ symbols: { 'BTC/USDT': { maxNotional } } });
          const o: RiskOrder = {
            symbol: 'BTC/USDT',
            side,
            quantity,
            ...(limitPrice ? { type: 'limit' as const, limitPrice } : { type: 'market' as const }),
          };
          const positions = held.isZero() ? [] : [{ symbol: 'BTC/USDT', quantity: held, mark: last }];
          const result = checkOrder(o, context({ lastPrice: last, positions }), limits);
          if (!result.ok) return;
          const after = side === 'buy' ? held.add(quantity) : held.sub(quantity);
          const price = Decimal.max(limitPrice ?? last, last);
          // Approved: within the cap, or it shrank the position.
          expect(after.abs().mul(price).lte(maxNotional) || after.abs().lt(held.abs())).toBe(true);
          // From flat, the order's own notional is within the cap.
          if (held.isZero()) expect(quantity.mul(price).lte(maxNotional)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
