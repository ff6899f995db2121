import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  type Fill,
  InsufficientFundsError,
  Ledger,
  ManualClock,
  type MarketView,
  marketView,
  type Order,
  PaperExchange,
} from '../src';

const SYMBOL = 'BTC/USDT';
const ZERO = Decimal.ZERO;

/** What the fills say the account should hold, tracked independently of the ledger. */
class Expected {
  baseQuantity: Decimal;
  cash: Decimal;
  fees = ZERO;
  readonly fillsByOrder = new Map<string, Fill[]>();

  constructor(startCash: Decimal, startBase: Decimal) {
    this.cash = startCash;
    this.baseQuantity = startBase;
  }

  record(fills: readonly Fill[]): void {
    for (const fill of fills) {
      const buy = fill.side === 'buy';
      this.baseQuantity = buy ? this.baseQuantity.add(fill.quantity) : this.baseQuantity.sub(fill.quantity);
      this.cash = buy
        ? this.cash.sub(fill.notional).sub(fill.fee)
        : this.cash.add(fill.notional).sub(fill.fee);
      this.fees = this.fees.add(fill.fee);
      const list = this.fillsByOrder.get(fill.orderId) ?? [];
      list.push(fill);
      this.fillsByOrder.set(fill.orderId, list);
    }
  }
}

/** Every accounting invariant, checked against the ledger at `mark`. */
function checkInvariants(
  ledger: Ledger,
  expected: Expected,
  startEquityAtCost: Decimal,
  mark: Decimal,
): void {
  const snapshot = ledger.snapshot();
  for (const balance of snapshot.balances) {
    expect(balance.free.isNegative(), `${balance.asset} free ${balance.free}`).toBe(false);
    expect(balance.locked.isNegative(), `${balance.asset} locked ${balance.locked}`).toBe(false);
    const reserved = Decimal.sum(
      snapshot.reservations.filter((r) => r.asset === balance.asset).map((r) => r.amount),
    );
    expect(reserved.toString(), `locked ${balance.asset} = Σ reservations`).toBe(balance.locked.toString());
  }
  for (const reservation of snapshot.reservations) expect(reservation.amount.isNegative()).toBe(false);

  const base = ledger.balance('BTC');
  const quote = ledger.balance('USDT');
  const position = ledger.position(SYMBOL);
  const quantity = position?.quantity ?? ZERO;
  expect(quantity.toString(), 'position = Σ signed fills').toBe(expected.baseQuantity.toString());
  expect(base.free.add(base.locked).toString(), 'base balance = position').toBe(quantity.toString());
  expect(quote.free.add(quote.locked).toString(), 'cash = Σ cash flows of fills').toBe(
    expected.cash.toString(),
  );

  const valuation = ledger.valuation({ [SYMBOL]: mark });
  expect(valuation.feesPaid.toString(), 'fees = Σ fill fees').toBe(expected.fees.toString());
  expect(valuation.equity.toString(), 'equity = cash + Σ quantity × mark').toBe(
    valuation.cash.add(quantity.mul(mark)).toString(),
  );
  expect(valuation.equity.toString(), 'equity = start + realized − fees + unrealized').toBe(
    startEquityAtCost
      .add(valuation.realizedPnl)
      .sub(valuation.feesPaid)
      .add(valuation.unrealizedPnl)
      .toString(),
  );
}

function checkOrder(order: Order, expected: Expected): void {
  const fills = expected.fillsByOrder.get(order.id) ?? [];
  expect(order.filledQuantity.toString()).toBe(Decimal.sum(fills.map((f) => f.quantity)).toString());
  expect(order.fees.toString(), 'order fees = Σ its fill fees').toBe(
    Decimal.sum(fills.map((f) => f.fee)).toString(),
  );
  expect(order.filledQuantity.lte(order.quantity)).toBe(true);
}

const TICK = Decimal.from('0.5');

function view(mid: Decimal, sizes: readonly number[]): MarketView {
  const asks = sizes.map((size, i) => [mid.add(TICK.mul(i + 1)), Decimal.from(size).div(1000, 3)] as const);
  const bids = sizes.map((size, i) => [mid.sub(TICK.mul(i + 1)), Decimal.from(size).div(1000, 3)] as const);
  return marketView({ asks, bids, last: mid });
}

const action = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const, 'limit' as const),
      timeInForce: fc.constantFrom(
        'GTC' as const,
        'GTC' as const,
        'GTC' as const,
        'IOC' as const,
        'FOK' as const,
      ),
      postOnly: fc.boolean(),
      lots: fc.integer({ min: 1, max: 10_000 }), // × 0.0001 BTC: up to 1 BTC
      ticks: fc.integer({ min: -12, max: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('view' as const),
      move: fc.integer({ min: -20, max: 20 }),
      sizes: fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 0, maxLength: 6 }),
      traded: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

const account = fc.record({
  cash: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000 }) },
    { weight: 4, arbitrary: fc.integer({ min: 50_000, max: 500_000 }) },
  ),
  btc: fc.constantFrom(0, 0.5, 3),
  makerFeeRate: fc.constantFrom('-0.0001', '0', '0.0008', '0.001'),
  takerFeeRate: fc.constantFrom('0.001', '0.002', '0.0075'),
  slippageBps: fc.constantFrom('0', '1', '2.5'),
  fillOnTouch: fc.boolean(),
});

describe('accounting invariants hold for any fill sequence', () => {
  it('through the paper exchange: random orders, market moves and cancels', () => {
    fc.assert(
      fc.property(
        account,
        fc.array(action, { minLength: 1, maxLength: 80, size: 'medium' }),
        (setup, actions) => {
          const clock = new ManualClock('2024-06-01T12:00:00Z');
          const entryPrice = Decimal.from('60000');
          const exchange = new PaperExchange({
            clock,
            ledger: { balances: { USDT: setup.cash, BTC: setup.btc }, entryPrices: { BTC: entryPrice } },
            config: setup,
          });
          const ledger = exchange.ledger;
          const expected = new Expected(Decimal.from(setup.cash), Decimal.from(setup.btc));
          const startEquityAtCost = Decimal.from(setup.cash).add(entryPrice.mul(setup.btc));
          let mid = Decimal.from('65000');
          let market = view(mid, [400, 750, 1200, 900, 1500]);

          for (const step of actions) {
            clock.advance(1_000);
            if (step.kind === 'view') {
              mid = mid.add(TICK.mul(step.move));
              const traded =
                step.traded === undefined
                  ? undefined
                  : {
                      high: mid.add(TICK.mul(3)),
                      low: mid.sub(TICK.mul(3)),
                      volume: Decimal.from(step.traded).div(1000, 3),
                    };
              market = traded ? { ...view(mid, step.sizes), traded } : view(mid, step.sizes);
              for (const update of exchange.onMarket(SYMBOL, market)) {
                expected.record(update.fills);
                checkOrder(update.order, expected);
              }
            } else if (step.kind === 'cancel') {
              const open = exchange.openOrders();
              const target = open[step.pick % Math.max(open.length, 1)];
              if (target) {
                const update = exchange.cancel(target.id);
                expect(update.order.status).toBe('canceled');
                expect(ledger.reservation(target.id)).toBeUndefined();
              }
            } else {
              const limit = step.type === 'limit';
              const price = (
                step.side === 'buy' ? mid.add(TICK.mul(step.ticks)) : mid.sub(TICK.mul(step.ticks))
              ).max(TICK);
              const before = JSON.stringify(ledger.snapshot());
              try {
                const update = exchange.submit(
                  {
                    symbol: SYMBOL,
                    side: step.side,
                    type: step.type,
                    timeInForce: step.timeInForce,
                    postOnly: limit && step.postOnly && step.timeInForce === 'GTC',
                    quantity: Decimal.from(step.lots).div(10_000, 4),
                    ...(limit ? { limitPrice: price } : {}),
                  },
                  market,
                );
                expected.record(update.fills);
                checkOrder(update.order, expected);
                if (update.order.status === 'open' || update.order.status === 'partially_filled') {
                  expect(ledger.reservation(update.order.id)).toBeDefined();
                }
              } catch (error) {
                if (!(error instanceof InsufficientFundsError)) throw error;
                expect(JSON.stringify(ledger.snapshot()), 'a refused order changes nothing').toBe(before);
              }
            }
            checkInvariants(ledger, expected, startEquityAtCost, mid);
            expect(ledger.reservations().length).toBe(exchange.openOrders().length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in the ledger alone: fills with up to 8-decimal prices and quantities, any fee', () => {
    const price = fc
      .tuple(fc.integer({ min: 1, max: 200_000_000 }), fc.integer({ min: 0, max: 8 }))
      .map(([digits, scale]) => Decimal.from(digits).div(10 ** scale, scale));
    const step = fc.record({
      side: fc.constantFrom('buy' as const, 'sell' as const),
      price,
      fraction: fc.integer({ min: 1, max: 1_000 }), // per mille of what is affordable / held
      feeRate: fc.constantFrom('0', '0.001', '0.00075', '-0.0001'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(step, { maxLength: 40, size: 'medium' }),
        price,
        (cash, steps, mark) => {
          const ledger = new Ledger({ balances: { USDT: cash } });
          const expected = new Expected(Decimal.from(cash), ZERO);
          let n = 0;
          for (const s of steps) {
            n++;
            const held = ledger.balance('BTC').free;
            const quantity =
              s.side === 'sell'
                ? held.mul(s.fraction).div(1_000, 8, 'down')
                : ledger.balance('USDT').free.div(s.price, 8, 'down').mul(s.fraction).div(1_001, 8, 'down');
            if (!quantity.isPositive()) continue;
            const notional = s.price.mul(quantity);
            const fill: Fill = {
              tradeId: `t-${n}`,
              orderId: `o-${n}`,
              symbol: SYMBOL,
              side: s.side,
              price: s.price,
              quantity,
              notional,
              fee: notional.mul(s.feeRate, 8, 'half-up'),
              feeAsset: 'USDT',
              liquidity: 'taker',
              at: new Date(0),
            };
            const before = JSON.stringify(ledger.snapshot());
            try {
              ledger.applyFill(fill);
              expected.record([fill]);
            } catch (error) {
              if (!(error instanceof InsufficientFundsError)) throw error;
              expect(JSON.stringify(ledger.snapshot())).toBe(before);
            }
            checkInvariants(ledger, expected, Decimal.from(cash), mark);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
