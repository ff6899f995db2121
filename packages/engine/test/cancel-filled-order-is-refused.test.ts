import { describe, expect, it } from 'vitest';
import { cancelOrder, OrderNotFoundError, OrderStateError } from '../src';
import { book, paperExchange, plain } from './support/btc-usdt';

function refusal(action: () => unknown): OrderStateError {
  try {
    action();
  } catch (error) {
    if (error instanceof OrderStateError) return error;
    throw error;
  }
  throw new Error('expected the cancel to be refused');
}

describe('cancel of a filled order is refused', () => {
  it('refuses to cancel an order that filled on arrival, with code order_not_cancelable (HTTP 409)', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    // A limit buy through the best ask fills at once: 0.3 BTC at 65,010.5
    const { order } = exchange.submit(
      {
        id: 'ord_fill',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.3',
        limitPrice: '65011',
      },
      book(),
    );
    expect(order.status).toBe('filled');
    const before = plain(exchange.ledger.snapshot());

    // the server hands over the order it stored; the venue only holds open ones
    const error = refusal(() => exchange.cancel(order));
    expect(error.code).toBe('order_not_cancelable');
    expect([error.orderId, error.from, error.to]).toEqual(['ord_fill', 'filled', 'canceled']);
    expect(plain(exchange.ledger.snapshot())).toEqual(before);
  });

  it('refuses the same through the pure state machine, for every order that is over', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    const { order } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' },
      book(),
    );
    expect(order.status).toBe('filled');
    expect(refusal(() => cancelOrder(order, { reason: 'user', at: order.updatedAt })).code).toBe(
      'order_not_cancelable',
    );

    const resting = exchange.submit(
      {
        id: 'ord_rest',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.1',
        limitPrice: '64000',
      },
      book(),
    );
    const canceled = exchange.cancel(resting.order.id);
    expect(canceled.order.status).toBe('canceled');
    expect(refusal(() => exchange.cancel(canceled.order)).from).toBe('canceled');
    expect(
      refusal(() => cancelOrder(canceled.order, { reason: 'again', at: canceled.order.updatedAt })).code,
    ).toBe('order_not_cancelable');
  });

  it('cancels a partly filled resting order, keeps its fills and releases only the unfilled part', () => {
    const { exchange, clock } = paperExchange({
      ledger: { balances: { USDT: '100000' } },
      config: { makerFeeRate: '0.001' },
    });
    const { order } = exchange.submit(
      {
        id: 'ord_part',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.5',
        limitPrice: '65000',
      },
      book(),
    );
    // reserved: 0.5 × 65,000 = 32,500 plus 0.1 % for fees = 32,532.5
    expect(exchange.ledger.balance('USDT').locked.toString()).toBe('32532.5');
    clock.advance(1_000);
    // asks drop to 64,999.5 × 0.2: the bid at 65,000 buys 0.2 as maker for 13,000 + 13 fee
    exchange.onMarket('BTC/USDT', book({ asks: [['64999.5', '0.2']], bids: [['64990', '1']] }));
    expect(exchange.openOrder(order.id)?.status).toBe('partially_filled');

    clock.advance(1_000);
    const update = exchange.cancel(order.id);
    expect(update.order.status).toBe('canceled');
    expect(update.order.filledQuantity.toString()).toBe('0.2');
    expect(update.transitions).toEqual([
      expect.objectContaining({ from: 'partially_filled', to: 'canceled', reason: 'canceled by user' }),
    ]);
    // 32,532.5 − 13,013 = 19,519.5 goes back to free
    expect(plain(update.ledgerEntries)).toEqual([
      {
        kind: 'release',
        asset: 'USDT',
        free: '19519.5',
        locked: '-19519.5',
        orderId: 'ord_part',
        at: '2024-06-01T12:00:02.000Z',
      },
    ]);
    expect(plain(exchange.ledger.balance('USDT'))).toEqual({ asset: 'USDT', free: '86987', locked: '0' });
    expect(refusal(() => exchange.cancel(update.order)).code).toBe('order_not_cancelable');
  });

  it('answers a bare id it holds no open order for with order_not_found (HTTP 404)', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    expect(() => exchange.cancel('ord_nope')).toThrow(OrderNotFoundError);
    const { order } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' },
      book(),
    );
    expect(() => exchange.cancel(order.id)).toThrow(OrderNotFoundError);
  });
});
