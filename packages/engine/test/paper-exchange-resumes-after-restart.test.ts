import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, PaperExchange, restoreOrder, type StoredOrder } from '../src';
import { book, paperExchange, plain, START } from './support/btc-usdt';

describe('the paper exchange resumes after a restart', () => {
  it('takes back its resting orders and their locked funds from storage, then fills them', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { USDT: '50000' } },
      config: { makerFeeRate: '0.0008' },
    });
    const { order } = exchange.submit(
      {
        id: 'ord_keep',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.5',
        limitPrice: '65000',
      },
      book(),
    );
    // What the server stores: JSON-shaped rows
    const storedLedger = plain(exchange.ledger.snapshot()) as Parameters<typeof Ledger.fromSnapshot>[0];
    const storedOrders = plain(exchange.openOrders()) as StoredOrder[];
    expect(storedOrders).toEqual([
      expect.objectContaining({ id: 'ord_keep', status: 'open', limitPrice: '65000' }),
    ]);

    const clock = new ManualClock(START);
    clock.advance(3_600_000);
    const restarted = new PaperExchange({
      clock,
      ledger: Ledger.fromSnapshot(storedLedger),
      config: { makerFeeRate: '0.0008' },
    });
    restarted.restore(storedOrders.map(restoreOrder));
    expect(plain(restarted.openOrders())).toEqual(plain([order]));
    expect(plain(restarted.ledger.snapshot())).toEqual(storedLedger);

    const [update] = restarted.onMarket('BTC/USDT', book({ asks: [['64990', '1']], bids: [['64980', '1']] }));
    expect(update?.order.status).toBe('filled');
    expect(update?.fills[0]?.at.toISOString()).toBe('2024-06-01T13:00:00.000Z');
    // 50,000 − 32,500 − 26 maker fee
    expect(plain(restarted.ledger.balances())).toEqual([
      { asset: 'BTC', free: '0.5', locked: '0' },
      { asset: 'USDT', free: '17474', locked: '0' },
    ]);
  });

  it('reads null columns as absent fields', () => {
    const stored = {
      id: 'ord_row',
      clientOrderId: 'bot-1',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      timeInForce: 'IOC',
      postOnly: false,
      quantity: '0.25',
      limitPrice: null,
      filledQuantity: '0',
      filledNotional: '0',
      averageFillPrice: null,
      fees: '0',
      fillCount: 0,
      status: 'pending_new',
      statusReason: null,
      createdAt: '2024-06-01T12:00:00.000Z',
      updatedAt: '2024-06-01T12:00:00.000Z',
    } satisfies StoredOrder;
    const order = restoreOrder(stored);
    expect(order.limitPrice).toBeUndefined();
    expect(order.quantity.toString()).toBe('0.25');
    expect(order.createdAt.getTime()).toBe(Date.parse(START));
  });
});
