import { describe, expect, it } from 'vitest';
import { InsufficientFundsError, LedgerError } from '../src';
import { book, paperExchange, plain } from './support/btc-usdt';

function insufficient(action: () => unknown): InsufficientFundsError {
  try {
    action();
  } catch (error) {
    if (error instanceof InsufficientFundsError) return error;
    throw error;
  }
  throw new Error('expected InsufficientFundsError');
}

describe('insufficient funds are refused at acceptance, before anything changes', () => {
  it('refuses a market buy the account cannot pay for, fees included', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '6504' } } });
    const before = plain(exchange.ledger.snapshot());
    // 0.1 BTC at 65,010.5 = 6,501.05, plus 6.50105 fee = 6,507.55105 > 6,504
    const error = insufficient(() =>
      exchange.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' }, book()),
    );
    expect(error.code).toBe('insufficient_funds');
    expect(error).toBeInstanceOf(LedgerError);
    expect([error.asset, error.required.toString(), error.available.toString()]).toEqual([
      'USDT',
      '6507.55105',
      '6504',
    ]);
    expect(plain(exchange.ledger.snapshot())).toEqual(before);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('accepts the same buy when the fee fits too', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '6507.55105' } } });
    exchange.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' }, book());
    expect(plain(exchange.ledger.balances())).toEqual([
      { asset: 'BTC', free: '0.1', locked: '0' },
      { asset: 'USDT', free: '0', locked: '0' },
    ]);
  });

  it('refuses a sell without the base asset: no shorting on spot', () => {
    const { exchange } = paperExchange({
      ledger: { balances: { USDT: '100000', BTC: '0.2' }, entryPrices: { BTC: '64000' } },
    });
    for (const type of ['market', 'limit'] as const) {
      const error = insufficient(() =>
        exchange.submit(
          {
            symbol: 'BTC/USDT',
            side: 'sell',
            type,
            quantity: '0.5',
            ...(type === 'limit' ? { limitPrice: '66000' } : {}),
          },
          book(),
        ),
      );
      expect([error.asset, error.required.toString(), error.available.toString()]).toEqual([
        'BTC',
        '0.5',
        '0.2',
      ]);
    }
  });

  it('counts funds locked by resting orders as spent', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '40000' } } });
    // locks 0.5 × 64,000 × 1.001 = 32,032
    exchange.submit(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', limitPrice: '64000' },
      book(),
    );
    expect(plain(exchange.ledger.balance('USDT'))).toEqual({ asset: 'USDT', free: '7968', locked: '32032' });
    // a second one needs 0.2 × 64,000 × 1.001 = 12,812.8 but 7,968 is free
    const error = insufficient(() =>
      exchange.submit(
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.2', limitPrice: '64000' },
        book(),
      ),
    );
    expect([error.required.toString(), error.available.toString()]).toEqual(['12812.8', '7968']);
    expect(exchange.openOrders().length).toBe(1);
  });

  it('checks funds before the order reaches the book: a post-only that would be rejected still needs them', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '10' } } });
    expect(() =>
      exchange.submit(
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'limit',
          postOnly: true,
          quantity: '0.1',
          limitPrice: '65010.5',
        },
        book(),
      ),
    ).toThrow(InsufficientFundsError);
  });

  it('refuses a symbol not quoted in the account currency', () => {
    const { exchange } = paperExchange({ ledger: { balances: { USDT: '10' } } });
    try {
      exchange.submit({ symbol: 'ETH/BTC', side: 'buy', type: 'market', quantity: '1' }, book());
      expect.unreachable();
    } catch (error) {
      expect((error as LedgerError).code).toBe('unsupported_symbol');
    }
  });
});
