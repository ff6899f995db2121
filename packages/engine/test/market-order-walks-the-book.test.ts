import { describe, expect, it } from 'vitest';
import { Decimal } from '../src';
import { book, paperExchange, plain } from './support/btc-usdt';

describe('a market order walks the book', () => {
  it('buys 1 BTC across two ask levels at their prices and pays the taker fee in USDT', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '100000' } } });
    const { order, fills, transitions, ledgerEntries } = exchange.submit(
      { id: 'ord_mkt', symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '1' },
      book(),
    );

    // 0.40 × 65,010.5 = 26,004.2 and 0.60 × 65,011 = 39,006.6; fees 0.1 % of each
    expect(plain(fills)).toEqual([
      {
        tradeId: 'ord_mkt-1',
        orderId: 'ord_mkt',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: '65010.5',
        quantity: '0.4',
        notional: '26004.2',
        fee: '26.0042',
        feeAsset: 'USDT',
        liquidity: 'taker',
        at: '2024-06-01T12:00:00.000Z',
      },
      {
        tradeId: 'ord_mkt-2',
        orderId: 'ord_mkt',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: '65011',
        quantity: '0.6',
        notional: '39006.6',
        fee: '39.0066',
        feeAsset: 'USDT',
        liquidity: 'taker',
        at: '2024-06-01T12:00:00.000Z',
      },
    ]);
    expect(order.status).toBe('filled');
    expect(order.filledQuantity.toString()).toBe('1');
    // (26,004.2 + 39,006.6) / 1
    expect(order.averageFillPrice?.toString()).toBe('65010.8');
    expect(order.fees.toString()).toBe('65.0108');
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      ['pending_new', 'partially_filled'],
      ['partially_filled', 'filled'],
    ]);

    // 100,000 − 65,010.8 − 65.0108 = 34,924.1892
    expect(plain(exchange.ledger.balances())).toEqual([
      { asset: 'BTC', free: '1', locked: '0' },
      { asset: 'USDT', free: '34924.1892', locked: '0' },
    ]);
    expect(plain(exchange.ledger.position('BTC/USDT'))).toEqual({
      symbol: 'BTC/USDT',
      quantity: '1',
      costBasis: '65010.8',
      averageEntryPrice: '65010.8',
      realizedPnl: '0',
      feesPaid: '65.0108',
    });
    // every balance change is journalled: Σ entries = balance
    const usdt = Decimal.sum(ledgerEntries.filter((e) => e.asset === 'USDT').map((e) => e.free));
    expect(usdt.toString()).toBe('-65075.8108');
  });

  it('sells into the bids until they run out, then cancels the rest for insufficient liquidity', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { USDT: '0', BTC: '3' }, entryPrices: { BTC: '60000' } },
    });
    const { order, fills, transitions } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '3' },
      book(),
    );
    // bids hold 0.5 + 0.8 + 1.5 = 2.8 BTC
    expect(
      fills.map((f) => [f.price.toString(), f.quantity.toString(), f.notional.toString(), f.fee.toString()]),
    ).toEqual([
      ['65009.5', '0.5', '32504.75', '32.50475'],
      ['65009', '0.8', '52007.2', '52.0072'],
      ['65007.5', '1.5', '97511.25', '97.51125'],
    ]);
    expect(order.status).toBe('canceled');
    expect(order.statusReason).toBe('insufficient liquidity');
    expect(order.filledQuantity.toString()).toBe('2.8');
    // 182,023.2 / 2.8 = 65,008.285714... rounded half-even at 18 decimals
    expect(order.averageFillPrice?.toString()).toBe('65008.285714285714285714');
    expect(transitions.at(-1)).toMatchObject({
      from: 'partially_filled',
      to: 'canceled',
      reason: 'insufficient liquidity',
    });

    // proceeds 182,023.2 − fees 182.0232; 0.2 BTC stays
    expect(exchange.ledger.balance('USDT').free.toString()).toBe('181841.1768');
    expect(exchange.ledger.balance('BTC').free.toString()).toBe('0.2');
    const position = exchange.ledger.position('BTC/USDT');
    // bought at 60,000: realized (65,008.2857... − 60,000) × 2.8 = 182,023.2 − 168,000 = 14,023.2
    expect(position?.realizedPnl.toString()).toBe('14023.2');
    expect(position?.costBasis.toString()).toBe('12000');
    expect(position?.averageEntryPrice?.toString()).toBe('60000');
  });

  it('cancels a market order on an empty book without a fill and without touching the account', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '1000' } } });
    const { order, fills, ledgerEntries } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' },
      book({ bids: [], asks: [] }),
    );
    expect(fills).toEqual([]);
    expect(ledgerEntries).toEqual([]);
    expect([order.status, order.statusReason]).toEqual(['canceled', 'insufficient liquidity']);
  });

  it('moves the price a configured number of basis points against the taker', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { USDT: '100000', BTC: '1' }, entryPrices: { BTC: '65000' } },
      config: { slippageBps: '2' },
    });
    // buy: 65,010.5 × 1.0002 = 65,023.5021; 0.4 BTC → 26,009.40084 USDT, fee 26.00940084
    const buy = exchange.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.4' }, book());
    expect(plain(buy.fills.map((f) => [f.price, f.notional, f.fee]))).toEqual([
      ['65023.5021', '26009.40084', '26.00940084'],
    ]);
    // sell: 65,009.5 × 0.9998 = 64,996.4981
    const sell = exchange.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '0.5' },
      book(),
    );
    expect(sell.fills[0]?.price.toString()).toBe('64996.4981');
    // limit orders are protected by their price: no slippage
    const limit = exchange.submit(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        timeInForce: 'IOC',
        quantity: '0.1',
        limitPrice: '65011',
      },
      book(),
    );
    expect(limit.fills[0]?.price.toString()).toBe('65010.5');
  });

  it('gives the same result every time for the same inputs', () => {
    const run = () => {
      const { exchange } = paperExchange({
        ledger: { balances: { USDT: '200000' } },
        config: { slippageBps: '1.5' },
      });
      return plain(
        exchange.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '1.7' }, book()),
      );
    };
    expect(run()).toEqual(run());
  });
});
