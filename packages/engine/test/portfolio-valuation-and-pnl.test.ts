import { describe, expect, it } from 'vitest';
import { Decimal, Ledger, type LedgerError } from '../src';
import { plain } from './support/btc-usdt';
import { fill } from './support/fills';

describe('portfolio valuation and P&L', () => {
  it('averages the entry price over buys and values the position at the mark', () => {
    const ledger = new Ledger({ balances: { USDT: '100000' } });
    ledger.applyFill(fill('buy', '60000', '0.5', '30'));
    ledger.applyFill(fill('buy', '62000', '0.5', '31'));
    expect(plain(ledger.position('BTC/USDT'))).toEqual({
      symbol: 'BTC/USDT',
      quantity: '1',
      costBasis: '61000',
      averageEntryPrice: '61000',
      realizedPnl: '0',
      feesPaid: '61',
    });
    // cash 100,000 − 30,030 − 31,031 = 38,939; 1 BTC marked at 65,000
    expect(plain(ledger.valuation({ 'BTC/USDT': '65000' }))).toEqual({
      quoteAsset: 'USDT',
      cash: '38939',
      positionsValue: '65000',
      equity: '103939',
      unrealizedPnl: '4000',
      realizedPnl: '0',
      feesPaid: '61',
      positions: [
        {
          symbol: 'BTC/USDT',
          quantity: '1',
          mark: '65000',
          value: '65000',
          costBasis: '61000',
          unrealizedPnl: '4000',
        },
      ],
    });
  });

  it('realizes P&L against the average cost on a sell, fees kept apart', () => {
    const ledger = new Ledger({ balances: { USDT: '100000' } });
    ledger.applyFill(fill('buy', '60000', '0.5', '30'));
    ledger.applyFill(fill('buy', '62000', '0.5', '31'));
    // sell 0.4 at 64,000: proceeds 25,600, cost 0.4 × 61,000 = 24,400, realized 1,200
    ledger.applyFill(fill('sell', '64000', '0.4', '25.6'));
    const position = ledger.position('BTC/USDT');
    expect(
      plain([position?.quantity, position?.costBasis, position?.averageEntryPrice, position?.realizedPnl]),
    ).toEqual(['0.6', '36600', '61000', '1200']);
    const valuation = ledger.valuation(new Map([['BTC/USDT', '63000']]));
    // cash 38,939 + 25,600 − 25.6 = 64,513.4; 0.6 × 63,000 = 37,800
    expect(
      plain([
        valuation.cash,
        valuation.positionsValue,
        valuation.equity,
        valuation.unrealizedPnl,
        valuation.feesPaid,
      ]),
    ).toEqual(['64513.4', '37800', '102313.4', '1200', '86.6']);
    // equity = start + realized − fees + unrealized = 100,000 + 1,200 − 86.6 + 1,200
    expect(valuation.equity.toString()).toBe('102313.4');
  });

  it('does not drift when the average cost has no exact decimal form', () => {
    const ledger = new Ledger({ balances: { USDT: '1000' } });
    ledger.applyFill(fill('buy', '100', '1', '0'));
    ledger.applyFill(fill('buy', '100', '1', '0'));
    ledger.applyFill(fill('buy', '101', '1', '0'));
    expect(ledger.position('BTC/USDT')?.averageEntryPrice?.toString()).toBe('100.333333333333333333');
    // the third sold takes 301 / 3 = 100.33333333 of cost (8 decimals, the ledger's cost scale)
    ledger.applyFill(fill('sell', '110', '1', '0'));
    expect(ledger.position('BTC/USDT')?.realizedPnl.toString()).toBe('9.66666667');
    expect(ledger.position('BTC/USDT')?.costBasis.toString()).toBe('200.66666667');
    ledger.applyFill(fill('sell', '110', '2', '0'));
    // selling out realizes exactly proceeds − cost: 330 − 301
    expect(plain(ledger.position('BTC/USDT'))).toEqual({
      symbol: 'BTC/USDT',
      quantity: '0',
      costBasis: '0',
      realizedPnl: '29',
      feesPaid: '0',
    });
  });

  it('opens positions for starting coins at their stated entry price, and insists on one', () => {
    const ledger = new Ledger({ balances: { USDT: '1000', BTC: '0.25' }, entryPrices: { BTC: '58000' } });
    expect(ledger.valuation({ 'BTC/USDT': '65000' }).equity.toString()).toBe('17250'); // 1,000 + 16,250
    expect(ledger.valuation({ 'BTC/USDT': '65000' }).unrealizedPnl.toString()).toBe('1750');
    expect(() => new Ledger({ balances: { BTC: '1' } })).toThrow(/entry price/);
  });

  it('needs a mark for every open position', () => {
    const ledger = new Ledger({ balances: { USDT: '100000' } });
    ledger.applyFill(fill('buy', '60000', '0.1', '6'));
    try {
      ledger.valuation({});
      expect.unreachable();
    } catch (error) {
      expect((error as LedgerError).code).toBe('missing_mark_price');
    }
  });
});

describe('ledger locks, releases and transactions', () => {
  it('locks quote for a buy, pays fills from the lock and releases the rest', () => {
    const ledger = new Ledger({ balances: { USDT: '10000' } });
    const at = new Date('2024-06-01T12:00:00Z');
    // 0.1 BTC at up to 65,000 plus 0.1 % fees
    ledger.lock('o-buy', 'USDT', Decimal.from('6506.5'), at);
    ledger.applyFill(fill('buy', '64990', '0.1', '5.1992', { orderId: 'o-buy', liquidity: 'maker' }));
    // 6,506.5 − 6,499 − 5.1992 = 2.3008 stays locked until released
    expect(plain(ledger.reservation('o-buy'))).toEqual({ orderId: 'o-buy', asset: 'USDT', amount: '2.3008' });
    expect(plain(ledger.release('o-buy', at))).toEqual([
      {
        kind: 'release',
        asset: 'USDT',
        free: '2.3008',
        locked: '-2.3008',
        orderId: 'o-buy',
        at: '2024-06-01T12:00:00.000Z',
      },
    ]);
    expect(plain(ledger.balance('USDT'))).toEqual({ asset: 'USDT', free: '3495.8008', locked: '0' });
    expect(ledger.reservations()).toEqual([]);
  });

  it('undoes every change of a transaction that throws', () => {
    const ledger = new Ledger({ balances: { USDT: '10000' } });
    const at = new Date(0);
    const before = plain(ledger.snapshot());
    expect(() =>
      ledger.transaction(() => {
        ledger.lock('o-1', 'USDT', Decimal.from('5000'), at);
        ledger.applyFill(fill('buy', '50000', '0.1', '5'));
        ledger.applyFill(fill('buy', '50000', '0.1', '5')); // 5,005 needed, none free
      }),
    ).toThrow(/insufficient USDT/);
    expect(plain(ledger.snapshot())).toEqual(before);
  });

  it('restores from a snapshot, decimals given as strings', () => {
    const ledger = new Ledger({ balances: { USDT: '10000' } });
    ledger.lock('o-1', 'USDT', Decimal.from('1000'), new Date(0));
    ledger.applyFill(fill('buy', '50000', '0.1', '5'));
    const stored = plain(ledger.snapshot()) as Parameters<typeof Ledger.fromSnapshot>[0];
    expect(plain(Ledger.fromSnapshot(stored).snapshot())).toEqual(stored);
    expect(stored.balances).toEqual([
      { asset: 'BTC', free: '0.1', locked: '0' },
      { asset: 'USDT', free: '3995', locked: '1000' },
    ]);
  });
});
