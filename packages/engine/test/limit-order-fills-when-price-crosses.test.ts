import { describe, expect, it } from 'vitest';
import { book, paperExchange, plain } from './support/btc-usdt';

const config = { makerFeeRate: '0.0008', takerFeeRate: '0.001' };

describe('a limit order fills when the price crosses it', () => {
  it('rests below the market, then fills at its own price as maker when asks and trades come through it', () => {
    const { exchange, clock } = paperExchange({ ledger: { balances: { USDT: '50000' } }, config });
    const placed = exchange.submit(
      { id: 'ord_bid', symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', limitPrice: '65000' },
      book(), // best ask 65,010.5: nothing to take
    );
    expect(placed.order.status).toBe('open');
    expect(placed.fills).toEqual([]);
    // 0.5 × 65,000 = 32,500 + the highest fee rate (0.1 %) = 32,532.5 locked
    expect(plain(placed.ledgerEntries)).toEqual([
      {
        kind: 'lock',
        asset: 'USDT',
        free: '-32532.5',
        locked: '32532.5',
        orderId: 'ord_bid',
        at: '2024-06-01T12:00:00.000Z',
      },
    ]);

    // A seller hits the book down to 64,999.5: only the 0.2 BTC below 65,000 crosses the bid
    clock.advance(60_000);
    const [first] = exchange.onMarket(
      'BTC/USDT',
      book({
        asks: [
          ['64999.5', '0.2'],
          ['65000', '0.4'],
          ['65001', '1'],
        ],
        bids: [['64998', '1']],
      }),
    );
    expect(plain(first?.fills)).toEqual([
      {
        tradeId: 'ord_bid-1',
        orderId: 'ord_bid',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: '65000',
        quantity: '0.2',
        notional: '13000',
        fee: '10.4',
        feeAsset: 'USDT',
        liquidity: 'maker',
        at: '2024-06-01T12:01:00.000Z',
      },
    ]);
    expect(first?.order.status).toBe('partially_filled');
    // 32,532.5 − (13,000 + 10.4) = 19,522.1 still locked
    expect(plain(exchange.ledger.balance('USDT'))).toEqual({
      asset: 'USDT',
      free: '17467.5',
      locked: '19522.1',
    });

    // The next minute trades down to 64,990 on 3 BTC of volume: the rest fills
    clock.advance(60_000);
    const [second] = exchange.onMarket(
      'BTC/USDT',
      book({
        asks: [['65002', '1']],
        bids: [['64995', '1']],
        traded: { high: '65005', low: '64990', volume: '3' },
      }),
    );
    expect(second?.fills.map((f) => [f.price.toString(), f.quantity.toString(), f.fee.toString()])).toEqual([
      ['65000', '0.3', '15.6'],
    ]);
    expect(second?.order.status).toBe('filled');
    expect(second?.order.averageFillPrice?.toString()).toBe('65000');
    expect(second?.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['partially_filled→filled']);
    // what the fees did not use (19,522.1 − 19,515.6 = 6.5) is released
    expect(plain(second?.ledgerEntries.at(-1))).toMatchObject({
      kind: 'release',
      free: '6.5',
      locked: '-6.5',
    });
    // 50,000 − 32,500 − 26 fees
    expect(plain(exchange.ledger.balances())).toEqual([
      { asset: 'BTC', free: '0.5', locked: '0' },
      { asset: 'USDT', free: '17474', locked: '0' },
    ]);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('does not fill on a mere touch unless configured to', () => {
    const touchingAsk = book({ asks: [['65000', '1']], bids: [['64990', '1']] });
    for (const fillOnTouch of [false, true]) {
      const { exchange } = paperExchange({
        ledger: { balances: { USDT: '50000' } },
        config: { ...config, fillOnTouch },
      });
      exchange.submit(
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.1', limitPrice: '65000' },
        book(),
      );
      const updates = exchange.onMarket('BTC/USDT', touchingAsk);
      expect(updates.flatMap((u) => u.fills).length).toBe(fillOnTouch ? 1 : 0);
    }
  });

  it('takes what it can on arrival as taker and rests the rest', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '200000' } }, config });
    // 1.5 BTC at up to 65,011: takes 0.4 at 65,010.5 and 0.75 at 65,011, rests 0.35
    const { order, fills } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '1.5', limitPrice: '65011' },
      book(),
    );
    expect(fills.map((f) => [f.price.toString(), f.quantity.toString(), f.liquidity])).toEqual([
      ['65010.5', '0.4', 'taker'],
      ['65011', '0.75', 'taker'],
    ]);
    expect(order.status).toBe('partially_filled');
    expect(order.fees.toString()).toBe('74.76245'); // 26.0042 + 48.75825
    // the resting 0.35 locks 0.35 × 65,011 = 22,753.85 plus 22.75385 for fees
    expect(exchange.ledger.reservation(order.id)?.amount.toString()).toBe('22776.60385');
    expect(exchange.openOrders('BTC/USDT').map((o) => o.id)).toEqual([order.id]);
  });

  it('fills a resting sell when bids rise above it', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { BTC: '1' }, entryPrices: { BTC: '60000' } },
      config,
    });
    const { order } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'limit', quantity: '0.25', limitPrice: '65100' },
      book(),
    );
    expect(plain(exchange.ledger.balance('BTC'))).toEqual({ asset: 'BTC', free: '0.75', locked: '0.25' });
    const [update] = exchange.onMarket(
      'BTC/USDT',
      book({
        bids: [
          ['65100.5', '0.1'],
          ['65100', '3'],
        ],
        asks: [['65101', '1']],
      }),
    );
    // only the 0.1 BTC bid above 65,100 crosses; 0.1 × 65,100 = 6,510, maker fee 5.208
    expect(update?.fills.map((f) => [f.price.toString(), f.quantity.toString(), f.fee.toString()])).toEqual([
      ['65100', '0.1', '5.208'],
    ]);
    expect(update?.order.id).toBe(order.id);
    expect(plain(exchange.ledger.balances())).toEqual([
      { asset: 'BTC', free: '0.75', locked: '0.15' },
      { asset: 'USDT', free: '6504.792', locked: '0' },
    ]);
    // (65,100 − 60,000) × 0.1
    expect(exchange.ledger.position('BTC/USDT')?.realizedPnl.toString()).toBe('510');
  });

  it('shares the liquidity of one view between resting orders, best price first', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } }, config });
    const early = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.3', limitPrice: '65000' },
      book(),
    );
    const better = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.3', limitPrice: '65005' },
      book(),
    );
    const updates = exchange.onMarket('BTC/USDT', book({ asks: [['64990', '0.4']], bids: [['64980', '1']] }));
    expect(
      updates.map((u) => [u.order.id, u.fills[0]?.price.toString(), u.fills[0]?.quantity.toString()]),
    ).toEqual([
      [better.order.id, '65005', '0.3'],
      [early.order.id, '65000', '0.1'],
    ]);
  });

  it('is limited by the traded volume when the book does not cross', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } }, config });
    exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', limitPrice: '65000' },
      book(),
    );
    const view = book({
      asks: [['65003', '2']],
      bids: [['65001', '2']],
      traded: { high: '65020', low: '64995.5', volume: '0.05' },
    });
    const [update] = exchange.onMarket('BTC/USDT', view);
    expect(update?.fills[0]?.quantity.toString()).toBe('0.05');
    expect(update?.order.status).toBe('partially_filled');
  });
});
