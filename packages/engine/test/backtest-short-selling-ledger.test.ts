import { describe, expect, it } from 'vitest';
import { InsufficientFundsError, Ledger, ManualClock, marketView, PaperExchange } from '../src';
import { fill } from './support/fills';

describe('ledger margin mode (short selling)', () => {
  it('spot refuses a sell without the base; margin opens a short', () => {
    const spot = new Ledger({ balances: { USDT: '10000' } });
    expect(() => spot.applyFill(fill('sell', '100', '2', '0'))).toThrow(InsufficientFundsError);
    const margin = new Ledger({ balances: { USDT: '10000' }, margin: true });
    margin.applyFill(fill('sell', '100', '2', '0.2'));
    expect(margin.balance('BTC').free.toString()).toBe('-2');
    expect(margin.balance('USDT').free.toString()).toBe('10199.8');
    const p = margin.position('BTC/USDT');
    expect(p?.quantity.toString()).toBe('-2');
    expect(p?.costBasis.toString()).toBe('-200');
    expect(p?.averageEntryPrice?.toString()).toBe('100');
    // equity = cash + signed quantity × mark: short gains when the price falls
    const v = margin.valuation({ 'BTC/USDT': '90' });
    expect(v.positionsValue.toString()).toBe('-180');
    expect(v.unrealizedPnl.toString()).toBe('20');
    expect(v.equity.toString()).toBe('10019.8');
  });

  it('covers partly and fully with average-cost realized P&L, and flips through zero', () => {
    const l = new Ledger({ balances: { USDT: '1000' }, margin: true });
    l.applyFill(fill('sell', '100', '2', '0'));
    l.applyFill(fill('sell', '130', '1', '0')); // short 3 at average 110
    expect(l.position('BTC/USDT')?.averageEntryPrice?.toString()).toBe('110');
    l.applyFill(fill('buy', '90', '1', '0')); // cover 1: +20
    expect(l.position('BTC/USDT')?.realizedPnl.toString()).toBe('20');
    expect(l.position('BTC/USDT')?.quantity.toString()).toBe('-2');
    l.applyFill(fill('buy', '100', '3', '0')); // cover 2 (+20) and open a long of 1 at 100
    const p = l.position('BTC/USDT');
    expect(p?.realizedPnl.toString()).toBe('40');
    expect(p?.quantity.toString()).toBe('1');
    expect(p?.costBasis.toString()).toBe('100');
    expect(l.balance('BTC').free.toString()).toBe('1');
    expect(l.balance('USDT').free.toString()).toBe('940'); // 1000 + 330 − 90 − 300
    l.applyFill(fill('sell', '105', '3', '0')); // close the long (+5) and short 2 at 105
    expect(l.position('BTC/USDT')?.realizedPnl.toString()).toBe('45');
    expect(l.position('BTC/USDT')?.costBasis.toString()).toBe('-210');
    // Invariant: equity = start + realized + unrealized − fees
    const v = l.valuation({ 'BTC/USDT': '100' });
    expect(v.equity.toString()).toBe(v.realizedPnl.add(v.unrealizedPnl).add(1000).toString());
  });

  it('a buy that opens a long still needs the cash; covering a short never is refused', () => {
    const l = new Ledger({ balances: { USDT: '100' }, margin: true });
    expect(() => l.applyFill(fill('buy', '100', '2', '0'))).toThrow(InsufficientFundsError);
    l.applyFill(fill('sell', '100', '1', '0'));
    l.applyFill(fill('buy', '250', '1', '0')); // the short lost 150 on a 100 account
    expect(l.balance('USDT').free.toString()).toBe('-50');
    expect(l.position('BTC/USDT')?.quantity.isZero()).toBe(true);
  });

  it('the paper exchange lets a margin account sell short with market orders', () => {
    const exchange = new PaperExchange({
      clock: new ManualClock('2024-06-01T00:00:00Z'),
      ledger: { balances: { USDT: '1000' }, margin: true },
      config: { takerFeeRate: 0 },
    });
    const book = marketView({ bids: [['100', '5']], asks: [['101', '5']] });
    const { order } = exchange.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '1' },
      book,
    );
    expect(order.status).toBe('filled');
    expect(exchange.ledger.position('BTC/USDT')?.quantity.toString()).toBe('-1');
    const spot = new PaperExchange({ clock: new ManualClock(0), ledger: { balances: { USDT: '1000' } } });
    expect(() =>
      spot.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '1' }, book),
    ).toThrow(InsufficientFundsError);
  });
});
