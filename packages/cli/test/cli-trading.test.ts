import { describe, expect, it } from 'vitest';
import { cliServer } from './support/cli-server';

// The trading commands of the built binary against a listening reference server (paper exchange,
// replayed market data), as a user runs them.

const ADMIN = 'sk_sigmax_cli_trading_admin_key_0123456789';
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

const { sigmax, json } = cliServer(ADMIN);

describe('the sigmax binary: trading commands', () => {
  let restingPrice: string;

  it('shows markets, candles, the ticker and the book', async () => {
    const markets = await sigmax(['markets']);
    expect(markets.code).toBe(0);
    expect(markets.stdout).toMatch(/^BTC\/USDT\s+BTC\s+USDT\s+0\.01\s/m);

    const candles = await json<Array<{ close: string }>>([
      'candles',
      'BTC/USDT',
      '--timeframe',
      '4h',
      '--limit',
      '3',
    ]);
    expect(candles).toHaveLength(3);
    expect(candles[0]?.close).toMatch(DECIMAL);

    const ticker = await sigmax(['ticker', 'BTC/USDT']);
    expect(ticker.code).toBe(0);
    expect(ticker.stdout).toMatch(/^last:\s+\d+(\.\d+)?$/m);

    const book = await json<{ bids: [string, string][]; asks: [string, string][] }>([
      'book',
      'BTC/USDT',
      '--depth',
      '3',
    ]);
    expect(book.bids.length).toBeGreaterThan(0);
    expect(book.bids.length).toBeLessThanOrEqual(3);
    // Half the best bid: a limit buy there rests for the whole test.
    restingPrice = (Number(book.bids[0]?.[0]) / 2).toFixed(2);
    expect((await sigmax(['book', 'BTC/USDT'])).stdout).toMatch(/^BID QTY\s+BID\s+ASK\s+ASK QTY$/m);
  });

  it('places, lists, replaces and cancels a limit order', async () => {
    const placed = await json<{ id: string; status: string; price: string }>([
      'order',
      'place',
      'BTC/USDT',
      'buy',
      '0.001',
      '--price',
      restingPrice,
    ]);
    expect(placed).toMatchObject({ status: 'open', price: restingPrice });

    const list = await sigmax(['order', 'list', '--status', 'open']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(placed.id);
    expect((await sigmax(['order', 'get', placed.id])).stdout).toMatch(/^status:\s+open\b/m);

    const replaced = await json<{ id: string; replaces: string; quantity: string }>([
      'order',
      'replace',
      placed.id,
      '--quantity',
      '0.002',
    ]);
    expect(replaced).toMatchObject({ replaces: placed.id, quantity: '0.002' });

    const canceled = await sigmax(['order', 'cancel', replaced.id]);
    expect(canceled.code).toBe(0);
    expect(canceled.stdout).toContain(`canceled ${replaced.id}`);
    const again = await sigmax(['order', 'cancel', replaced.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('409 order_not_cancelable');
  });

  it('places a market order and shows its fills, the position and the portfolio', async () => {
    const order = await json<{ id: string; status: string; filledQuantity: string }>([
      'order',
      'place',
      'BTC/USDT',
      'buy',
      '0.001',
    ]);
    expect(order).toMatchObject({ status: 'filled', filledQuantity: '0.001' });

    const fills = await json<Array<{ orderId: string; price: string }>>(['fills', '--order', order.id]);
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((fill) => fill.orderId === order.id && DECIMAL.test(fill.price))).toBe(true);
    expect((await sigmax(['fills'])).stdout).toContain(order.id);

    expect((await sigmax(['positions'])).stdout).toMatch(/^BTC\/USDT\s+0\.001\s/m);
    const portfolio = await sigmax(['portfolio']);
    expect(portfolio.code).toBe(0);
    expect(portfolio.stdout).toMatch(/^equity:\s+\d+(\.\d+)? USDT$/m);
    expect(portfolio.stdout).toMatch(/^USDT\s/m);

    const history = await json<Array<{ equity: string }>>(['portfolio', 'history']);
    expect(history.length).toBeGreaterThan(0);
    expect(history[0]?.equity).toMatch(DECIMAL);
    expect((await sigmax(['portfolio', 'history'])).stdout).toMatch(/^TIME\s+EQUITY \(USDT\)/);
  });

  it('closes the position and cancels every open order', async () => {
    const closing = await json<{ side: string; type: string }>(['position', 'close', 'BTC/USDT']);
    expect(closing).toMatchObject({ side: 'sell', type: 'market' });
    expect((await sigmax(['positions'])).stdout).not.toMatch(/^BTC\/USDT\s+0\.001\s/m);

    const resting = await json<{ id: string }>([
      'order',
      'place',
      'BTC/USDT',
      'buy',
      '0.001',
      '--price',
      restingPrice,
    ]);
    const all = await sigmax(['order', 'cancel-all', '--symbol', 'BTC/USDT']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^canceled \d+ order\(s\)$/m);
    expect(all.stdout).toMatch(new RegExp(`^${resting.id}\\s.*\\scanceled\\s`, 'm'));
    expect(await json(['order', 'list', '--status', 'open'])).toEqual([]);
  });

  it('exits 2 on usage errors and 1 on API errors', async () => {
    expect((await sigmax(['order', 'place', 'BTC/USDT', 'buy', 'lots'])).code).toBe(2);
    expect((await sigmax(['candles', 'BTC/USDT'])).code).toBe(2);
    const missing = await sigmax(['order', 'get', 'ord_nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404 not_found');

    const reader = await json<{ key: string }>(['keys', 'create', 'reader', '--scope', 'read']);
    const denied = await sigmax(['order', 'place', 'BTC/USDT', 'buy', '0.001'], {
      SIGMAX_API_KEY: reader.key,
    });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('403 forbidden');
    expect(denied.stderr).not.toContain(reader.key);
  });
});
