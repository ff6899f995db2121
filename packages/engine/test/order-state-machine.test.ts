import { describe, expect, it } from 'vitest';
import {
  applyExecution,
  cancelOrder,
  canTransition,
  createOrder,
  Decimal,
  isCancelable,
  isTerminal,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type Order,
  OrderStateError,
  type OrderStatus,
  OrderValidationError,
  TERMINAL_ORDER_STATUSES,
  transition,
} from '../src';

const at = new Date('2024-06-01T12:00:00Z');
const later = new Date('2024-06-01T12:00:05Z');

const limitBuy = (overrides: Partial<Parameters<typeof createOrder>[0]> = {}) =>
  createOrder(
    {
      id: 'ord_1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.5',
      limitPrice: '64000',
      ...overrides,
    },
    { at },
  );

function stateError(action: () => unknown): OrderStateError {
  try {
    action();
  } catch (error) {
    if (error instanceof OrderStateError) return error;
    throw error;
  }
  throw new Error('expected an OrderStateError');
}

function validationField(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof OrderValidationError) return `${error.code}:${error.field}`;
    throw error;
  }
  throw new Error('expected an OrderValidationError');
}

describe('order state machine', () => {
  it('starts every order in pending_new with nothing filled', () => {
    const order = limitBuy({ clientOrderId: 'my-bot-42' });
    expect(order.status).toBe('pending_new');
    expect(order.clientOrderId).toBe('my-bot-42');
    expect(order.timeInForce).toBe('GTC');
    expect(order.postOnly).toBe(false);
    expect(order.filledQuantity.isZero() && order.fees.isZero()).toBe(true);
    expect(order.averageFillPrice).toBeUndefined();
    expect(order.createdAt).toEqual(at);
    expect(JSON.parse(JSON.stringify(order))).toMatchObject({
      quantity: '0.5',
      limitPrice: '64000',
      filledQuantity: '0',
    });
  });

  it('has exactly these terminal statuses, which lead nowhere', () => {
    expect([...TERMINAL_ORDER_STATUSES].sort()).toEqual([
      'canceled',
      'denied',
      'expired',
      'filled',
      'rejected',
      'replaced',
    ]);
    for (const status of ORDER_STATUSES) {
      expect(isTerminal(status)).toBe(TERMINAL_ORDER_STATUSES.includes(status));
      expect(ORDER_TRANSITIONS[status].includes(status)).toBe(false); // no self-loops
    }
  });

  it('walks the happy path pending_new → open → partially_filled → filled, recording each step', () => {
    const accepted = transition(limitBuy(), 'open', { reason: 'accepted', at });
    expect(accepted.transition).toEqual({
      orderId: 'ord_1',
      from: 'pending_new',
      to: 'open',
      reason: 'accepted',
      at,
    });

    const half = applyExecution(accepted.order, {
      price: Decimal.from('64000'),
      quantity: Decimal.from('0.2'),
      notional: Decimal.from('12800'),
      fee: Decimal.from('12.8'),
      at: later,
    });
    expect(half.order.status).toBe('partially_filled');
    expect(half.transition).toMatchObject({ from: 'open', to: 'partially_filled' });

    const rest = applyExecution(half.order, {
      price: Decimal.from('63990'),
      quantity: Decimal.from('0.3'),
      notional: Decimal.from('19197'),
      fee: Decimal.from('19.197'),
      at: later,
    });
    expect(rest.order.status).toBe('filled');
    expect(rest.order.filledQuantity.toString()).toBe('0.5');
    // (12,800 + 19,197) / 0.5 = 63,994
    expect(rest.order.averageFillPrice?.toString()).toBe('63994');
    expect(rest.order.fees.toString()).toBe('31.997');
    expect(rest.order.fillCount).toBe(2);
    expect(rest.order.updatedAt).toEqual(later);
  });

  it('does not record a transition for a second partial fill: the status did not change', () => {
    const open = transition(limitBuy(), 'open', { reason: 'accepted', at }).order;
    const fill = {
      price: Decimal.from('64000'),
      quantity: Decimal.from('0.1'),
      notional: Decimal.from('6400'),
      fee: Decimal.ZERO,
      at,
    };
    const first = applyExecution(open, fill);
    const second = applyExecution(first.order, fill);
    expect(second.transition).toBeUndefined();
    expect(second.order.filledQuantity.toString()).toBe('0.2');
  });

  it('refuses to fill past the order quantity', () => {
    const open = transition(limitBuy(), 'open', { reason: 'accepted', at }).order;
    const error = stateError(() =>
      applyExecution(open, {
        price: Decimal.from('64000'),
        quantity: Decimal.from('0.6'),
        notional: Decimal.from('38400'),
        fee: Decimal.ZERO,
        at,
      }),
    );
    expect(error.code).toBe('order_overfilled');
  });

  it('refuses to fill a canceled order', () => {
    const canceled = cancelOrder(transition(limitBuy(), 'open', { reason: 'accepted', at }).order, {
      reason: 'user',
      at,
    }).order;
    const error = stateError(() =>
      applyExecution(canceled, {
        price: Decimal.from('64000'),
        quantity: Decimal.from('0.1'),
        notional: Decimal.from('6400'),
        fee: Decimal.ZERO,
        at,
      }),
    );
    expect(error.code).toBe('illegal_order_transition');
    expect([error.from, error.to]).toEqual(['canceled', 'partially_filled']);
  });

  it('allows every pair in the table and refuses every pair outside it', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const order: Order = { ...limitBuy(), status: from };
        if (canTransition(from, to)) {
          expect(transition(order, to, { reason: 'test', at }).order.status).toBe(to);
        } else {
          const error = stateError(() => transition(order, to, { reason: 'test', at }));
          const canceling = to === 'canceled' || to === 'pending_cancel';
          expect(error.code).toBe(canceling ? 'order_not_cancelable' : 'illegal_order_transition');
        }
      }
    }
  });

  it('lets a live cancel be refused by the venue (pending_cancel → open) or overtaken by a fill', () => {
    const cancelable: OrderStatus[] = ORDER_STATUSES.filter(isCancelable);
    expect(cancelable.sort()).toEqual([
      'open',
      'partially_filled',
      'pending_cancel',
      'pending_new',
      'unknown',
    ]);
    expect(canTransition('pending_cancel', 'open')).toBe(true);
    expect(canTransition('pending_cancel', 'filled')).toBe(true);
    expect(canTransition('pending_new', 'denied')).toBe(true);
    expect(canTransition('open', 'denied')).toBe(false);
  });

  it('validates requests before creating anything', () => {
    expect(validationField(() => limitBuy({ limitPrice: undefined }))).toBe('invalid_order:limitPrice');
    expect(validationField(() => limitBuy({ limitPrice: '-1' }))).toBe('invalid_order:limitPrice');
    expect(validationField(() => limitBuy({ quantity: '0' }))).toBe('invalid_order:quantity');
    expect(validationField(() => limitBuy({ quantity: '1e-3' }))).toBe('invalid_order:quantity');
    expect(validationField(() => limitBuy({ symbol: 'BTCUSDT' }))).toBe('invalid_order:symbol');
    expect(validationField(() => limitBuy({ side: 'long' as 'buy' }))).toBe('invalid_order:side');
    expect(validationField(() => limitBuy({ postOnly: true, timeInForce: 'IOC' }))).toBe(
      'invalid_order:postOnly',
    );
    expect(validationField(() => limitBuy({ type: 'market' }))).toBe('invalid_order:limitPrice');
    expect(validationField(() => limitBuy({ type: 'market', limitPrice: undefined, postOnly: true }))).toBe(
      'invalid_order:postOnly',
    );
    expect(limitBuy({ type: 'market', limitPrice: undefined }).timeInForce).toBe('IOC');
  });

  it('checks tick size, lot size and minimums when the instrument has rules', () => {
    const rules = { tickSize: '0.01', lotSize: '0.00001', minQuantity: '0.00001', minNotional: '5' };
    const request = {
      id: 'o',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.5',
      limitPrice: '64000.01',
    } as const;
    expect(createOrder(request, { at, rules }).limitPrice?.toString()).toBe('64000.01');
    expect(validationField(() => createOrder({ ...request, limitPrice: '64000.005' }, { at, rules }))).toBe(
      'invalid_order:limitPrice',
    );
    expect(validationField(() => createOrder({ ...request, quantity: '0.000005' }, { at, rules }))).toBe(
      'invalid_order:quantity',
    );
    // 0.00005 × 64,000 = 3.2 USDT, under the 5 USDT minimum
    expect(validationField(() => createOrder({ ...request, quantity: '0.00005' }, { at, rules }))).toBe(
      'invalid_order:quantity',
    );
  });
});
