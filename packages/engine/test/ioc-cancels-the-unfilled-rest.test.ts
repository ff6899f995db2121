import { describe, expect, it } from 'vitest';
import { book, paperExchange, plain } from './support/btc-usdt';

describe('immediate-or-cancel cancels the unfilled rest', () => {
  it('fills what crosses now and cancels the rest, locking nothing', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    // up to 65,011: 0.4 + 0.75 = 1.15 of the 1.2 asked
    const { order, fills, transitions, ledgerEntries } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        timeInForce: 'IOC',
        quantity: '1.2',
        limitPrice: '65011',
      },
      book(),
    );
    expect(fills.map((f) => f.quantity.toString())).toEqual(['0.4', '0.75']);
    expect(order.status).toBe('canceled');
    expect(order.filledQuantity.toString()).toBe('1.15');
    expect(transitions.map((t) => `${t.from}→${t.to}: ${t.reason}`)).toEqual([
      'pending_new→partially_filled: fill',
      'partially_filled→canceled: immediate-or-cancel: unfilled quantity canceled',
    ]);
    expect(ledgerEntries.some((e) => e.kind === 'lock')).toBe(false);
    // 100,000 − 74,762.45 − 74.76245
    expect(plain(exchange.ledger.balance('USDT'))).toEqual({
      asset: 'USDT',
      free: '25162.78755',
      locked: '0',
    });
    expect(exchange.openOrders()).toEqual([]);
  });

  it('cancels at once, unfilled, when nothing crosses', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    const { order, fills } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        timeInForce: 'IOC',
        quantity: '0.1',
        limitPrice: '65000',
      },
      book(),
    );
    expect(fills).toEqual([]);
    expect([order.status, order.filledQuantity.toString()]).toEqual(['canceled', '0']);
  });
});
