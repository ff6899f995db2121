import { describe, expect, it } from 'vitest';
import { Decimal, marketView, synthesizeOrderBook } from '../src';
import { paperExchange } from './support/btc-usdt';

describe('a market order against a synthetic book', () => {
  it('trades on a book modelled from a price, in plain numbers, once turned into decimals', () => {
    const sides = synthesizeOrderBook(65_000, { levels: 20, tickSize: 0.01, lotSize: 0.00001 });
    const view = marketView({ ...sides, last: 65_000 });
    expect(view.asks.length).toBe(20);
    expect(view.asks[0]?.[0].gt(65_000)).toBe(true);

    const { exchange } = paperExchange({ ledger: { balances: { USDT: '1000000' } } });
    const { order, fills } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.5' },
      view,
    );
    expect(order.status).toBe('filled');
    // every fill at a level of the book, best first
    for (const [i, fill] of fills.entries()) expect(fill.price.eq(view.asks[i]?.[0] as Decimal)).toBe(true);
    expect(Decimal.sum(fills.map((f) => f.quantity)).toString()).toBe('0.5');
  });
});
