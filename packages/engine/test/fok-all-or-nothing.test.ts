import { describe, expect, it } from 'vitest';
import { book, paperExchange, plain } from './support/btc-usdt';

describe('fill-or-kill is all or nothing', () => {
  it('expires without a fill when the book up to its limit holds less than its quantity', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '200000' } } });
    const before = plain(exchange.ledger.snapshot());
    // asks up to 65,011 hold 0.40 + 0.75 = 1.15 BTC < 1.5
    const { order, fills, transitions, ledgerEntries } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        timeInForce: 'FOK',
        quantity: '1.5',
        limitPrice: '65011',
      },
      book(),
    );
    expect(fills).toEqual([]);
    expect(ledgerEntries).toEqual([]);
    expect(order.status).toBe('expired');
    expect(order.filledQuantity.isZero()).toBe(true);
    expect(transitions).toEqual([
      expect.objectContaining({
        from: 'pending_new',
        to: 'expired',
        reason: 'fill-or-kill: not fully fillable',
      }),
    ]);
    expect(plain(exchange.ledger.snapshot())).toEqual(before);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('fills in full, across levels, when the book holds enough', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '200000' } } });
    // 0.4 × 65,010.5 + 0.75 × 65,011 + 0.85 × 65,012.5 = 26,004.2 + 48,758.25 + 55,260.625
    const { order, fills } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', timeInForce: 'FOK', quantity: '2' },
      book(),
    );
    expect(fills.map((f) => f.quantity.toString())).toEqual(['0.4', '0.75', '0.85']);
    expect(order.status).toBe('filled');
    expect(order.filledNotional.toString()).toBe('130023.075');
    expect(order.averageFillPrice?.toString()).toBe('65011.5375');
    // fees 130.023075, rounded to 8 decimals: exact
    expect(order.fees.toString()).toBe('130.023075');
    expect(exchange.ledger.balance('USDT').free.toString()).toBe('69846.901925');
  });

  it('expires a market FOK sell larger than all the bids', () => {
    const { exchange } = paperExchange({ ledger: { balances: { BTC: '5' }, entryPrices: { BTC: '64000' } } });
    const { order, fills } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', timeInForce: 'FOK', quantity: '2.81' },
      book(),
    );
    expect(fills).toEqual([]);
    expect(order.status).toBe('expired');
    expect(exchange.ledger.balance('BTC').free.toString()).toBe('5');
  });
});
