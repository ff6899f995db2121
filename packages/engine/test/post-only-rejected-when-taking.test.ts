import { describe, expect, it } from 'vitest';
import { book, paperExchange, plain } from './support/btc-usdt';

describe('a post-only order is rejected when it would take liquidity', () => {
  it('rejects a post-only bid at the best ask, with no fill and no funds moved', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    const before = plain(exchange.ledger.snapshot());
    const { order, fills, transitions, ledgerEntries } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        postOnly: true,
        quantity: '0.1',
        limitPrice: '65010.5',
      },
      book(),
    );
    expect(fills).toEqual([]);
    expect(ledgerEntries).toEqual([]);
    expect(order.status).toBe('rejected');
    expect(transitions).toEqual([
      expect.objectContaining({
        from: 'pending_new',
        to: 'rejected',
        reason: 'post-only: would take liquidity',
      }),
    ]);
    expect(plain(exchange.ledger.snapshot())).toEqual(before);
  });

  it('rejects a post-only ask at or below the best bid', () => {
    const { exchange } = paperExchange({ ledger: { balances: { BTC: '1' }, entryPrices: { BTC: '65000' } } });
    const { order } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'limit',
        postOnly: true,
        quantity: '0.1',
        limitPrice: '65000',
      },
      book(),
    );
    expect(order.status).toBe('rejected');
    expect(exchange.ledger.balance('BTC').locked.isZero()).toBe(true);
  });

  it('rests a post-only bid one tick under the best ask, then fills it as maker', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { USDT: '100000' } },
      config: { makerFeeRate: '-0.0001', takerFeeRate: '0.001' }, // a maker rebate
    });
    const { order } = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        postOnly: true,
        quantity: '0.1',
        limitPrice: '65010',
      },
      book(),
    );
    expect(order.status).toBe('open');
    const [update] = exchange.onMarket('BTC/USDT', book({ asks: [['65009', '1']], bids: [['65000', '1']] }));
    // 0.1 × 65,010 = 6,501.0; the rebate pays 0.6501 back
    expect(update?.fills.map((f) => [f.liquidity, f.notional.toString(), f.fee.toString()])).toEqual([
      ['maker', '6501', '-0.6501'],
    ]);
    expect(exchange.ledger.balance('USDT').free.toString()).toBe('93499.6501');
  });
});
