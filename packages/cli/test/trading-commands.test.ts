import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main';

// The trading commands in-process, against a fake server: what each command line sends, and what it
// prints. The binary against the reference server is tested in cli-trading.test.ts.

const URL_BASE = 'http://sigmax.test';
const env = {
  SIGMAX_URL: URL_BASE,
  SIGMAX_API_KEY: 'sk_sigmax_cli_unit',
  SIGMAX_CONFIG_FILE: join(tmpdir(), 'sigmax-cli-unit-no-such-dir', 'config.json'),
};

const ORDER = {
  id: 'ord_1',
  clientOrderId: 'c-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  timeInForce: 'GTC',
  postOnly: false,
  quantity: '0.00100000',
  price: '65000.10',
  status: 'open',
  statusReason: null,
  filledQuantity: '0',
  remainingQuantity: '0.00100000',
  filledNotional: '0',
  averageFillPrice: null,
  fees: '0',
  feeAsset: 'USDT',
  venue: 'paper',
  venueOrderId: null,
  replaces: null,
  replacedBy: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

interface Seen {
  method: string;
  url: URL;
  body: string;
  idempotencyKey: string | null;
}

let seen: Seen[];
let replies: Array<(url: URL) => Response | undefined>;

function reply(method: string, pathname: string, body: unknown, status = 200) {
  replies.push((url) =>
    url.pathname === pathname && (method === '*' || seen.at(-1)?.method === method)
      ? new Response(JSON.stringify(body), {
          status,
          headers: {
            'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
            'x-request-id': 'req_cli',
          },
        })
      : undefined,
  );
}

beforeEach(() => {
  seen = [];
  replies = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      url,
      body: await request.text(),
      idempotencyKey: request.headers.get('idempotency-key'),
    });
    for (const handler of replies) {
      const response = handler(url);
      if (response) return response;
    }
    return new Response(JSON.stringify({ title: 'not found', code: 'not_found', status: 404 }), {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  });
});
afterEach(() => vi.unstubAllGlobals());

async function sigmax(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  });
  return { code, stdout, stderr };
}

const sent = () => seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`);

describe('market commands', () => {
  it('markets prints a table of rules, or JSON', async () => {
    const market = {
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      tickSize: '0.01',
      lotSize: '0.00000001',
      minQuantity: '0.00001',
      minNotional: '1',
      pricePrecision: 2,
      amountPrecision: 8,
      timeframes: ['1h', '4h'],
      source: 'replay',
    };
    reply('GET', '/v1/markets', { data: [market] });
    const table = await sigmax('markets');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^SYMBOL\s+BASE\s+QUOTE\s+TICK\s+LOT/);
    expect(table.stdout).toMatch(/BTC\/USDT\s+BTC\s+USDT\s+0\.01\s+0\.00000001\s+0\.00001\s+1\s+1h,4h/);
    const json = await sigmax('markets', '--json');
    expect(JSON.parse(json.stdout)).toEqual([market]);
    expect(sent()).toEqual(['GET /v1/markets', 'GET /v1/markets']);
  });

  it('candles sends the timeframe and window, and needs --timeframe', async () => {
    const candle = {
      time: '2020-01-01T00:00:00.000Z',
      open: '7200.17',
      high: '7255',
      low: '7175.15',
      close: '7212.50',
      volume: '123.45678901',
    };
    reply('GET', '/v1/markets/BTC-USDT/candles', { symbol: 'BTC/USDT', timeframe: '4h', data: [candle] });
    const r = await sigmax(
      'candles',
      'BTC/USDT',
      '--timeframe',
      '4h',
      '--since',
      '2020-01-01T00:00:00Z',
      '--limit',
      '10',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /2020-01-01T00:00:00.000Z\s+7200\.17\s+7255\s+7175\.15\s+7212\.50\s+123\.45678901/,
    );
    expect(sent()).toEqual([
      'GET /v1/markets/BTC-USDT/candles?timeframe=4h&since=2020-01-01T00%3A00%3A00Z&limit=10',
    ]);
    expect((await sigmax('candles', 'BTC/USDT')).code).toBe(2);
    expect((await sigmax('candles', 'BTC/USDT', '--timeframe', '2h')).code).toBe(2);
    expect((await sigmax('candles', 'BTC/USDT', '--timeframe', '4h', '--limit', '0')).code).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it('ticker and book print the prices as the server sent them', async () => {
    reply('GET', '/v1/markets/ETH-USDT/ticker', {
      symbol: 'ETH/USDT',
      time: '2020-01-01T00:00:00.000Z',
      last: '130.10',
      bid: '130.09',
      ask: '130.11',
      stale: true,
    });
    reply('GET', '/v1/markets/ETH-USDT/orderbook', {
      symbol: 'ETH/USDT',
      time: '2020-01-01T00:00:00.000Z',
      bids: [
        ['130.09', '1.5'],
        ['130.08', '3'],
      ],
      asks: [['130.11', '0.25']],
      synthetic: true,
      stale: false,
    });
    const t = await sigmax('ticker', 'ETH/USDT');
    expect(t.stdout).toMatch(/last:\s+130\.10/);
    expect(t.stdout).toMatch(/stale:\s+yes/);
    const b = await sigmax('book', 'ETH/USDT', '--depth', '2');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('(modelled from candles)');
    expect(b.stdout).toMatch(/1\.5\s+130\.09\s+130\.11\s+0\.25/);
    expect(b.stdout).toMatch(/3\s+130\.08\s*$/m);
    expect(sent()).toEqual(['GET /v1/markets/ETH-USDT/ticker', 'GET /v1/markets/ETH-USDT/orderbook?depth=2']);
  });
});

describe('order commands', () => {
  it('order place sends a limit order with the decimals as typed', async () => {
    reply('POST', '/v1/orders', ORDER, 201);
    const r = await sigmax(
      'order',
      'place',
      'BTC/USDT',
      'buy',
      '0.00100000',
      '--price',
      '65000.10',
      '--tif',
      'IOC',
      '--post-only',
      '--client-order-id',
      'c-1',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id:\s+ord_1$/m);
    expect(r.stdout).toMatch(/^price:\s+65000\.10$/m);
    expect(sent()).toEqual(['POST /v1/orders']);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.00100000',
      price: '65000.10',
      timeInForce: 'IOC',
      postOnly: true,
      clientOrderId: 'c-1',
    });
    expect(seen[0]?.idempotencyKey).toBeTruthy();
  });

  it('order place without --price sends a market order', async () => {
    reply('POST', '/v1/orders', { ...ORDER, type: 'market', price: null, status: 'filled' }, 201);
    const r = await sigmax('order', 'place', 'BTC/USDT', 'sell', '0.5', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'market', price: null });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      quantity: '0.5',
    });
  });

  it.each([
    [['order', 'place']],
    [['order', 'place', 'BTC/USDT', 'hold', '1']],
    [['order', 'place', 'BTC/USDT', 'buy', '1e3']],
    [['order', 'place', 'BTC/USDT', 'buy', '-1']],
    [['order', 'place', 'BTC/USDT', 'buy', '1', '--price', '65,000']],
    [['order', 'place', 'BTC/USDT', 'buy', '1', '--type', 'limit']],
    [['order', 'place', 'BTC/USDT', 'buy', '1', '--type', 'market', '--price', '1']],
    [['order', 'place', 'BTC/USDT', 'buy', '1', '--price', '1', '--tif', 'DAY']],
    [['order', 'replace', 'ord_1']],
    [['order', 'get']],
    [['order', 'list', '--limit', 'ten']],
    [['order', 'explode']],
    [['position', 'open', 'BTC/USDT']],
    [['portfolio', 'today']],
    [['book', 'BTC/USDT', '--depth', '101']],
  ])('%j is a usage error (exit 2) and sends nothing', async (argv) => {
    const r = await sigmax(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sigmax: /);
    expect(seen).toHaveLength(0);
  });

  it('order list sends its filters and prints a table', async () => {
    reply('GET', '/v1/orders', { data: [ORDER], nextCursor: null });
    const r = await sigmax(
      'order',
      'list',
      '--symbol',
      'BTC/USDT',
      '--status',
      'open',
      '--side',
      'buy',
      '--limit',
      '5',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^ID\s+SYMBOL\s+SIDE\s+TYPE\s+QUANTITY\s+PRICE\s+FILLED\s+STATUS/,
    );
    expect(r.stdout).toMatch(/ord_1\s+BTC\/USDT\s+buy\s+limit\s+0\.00100000\s+65000\.10\s+0\s+open/);
    expect(sent()).toEqual(['GET /v1/orders?limit=5&symbol=BTC%2FUSDT&status=open&side=buy']);
  });

  it('order list follows the cursor, and stops at --limit', async () => {
    let call = 0;
    replies.push((url) => {
      if (url.pathname !== '/v1/orders') return undefined;
      call++;
      const ids = call === 1 ? ['ord_3', 'ord_2'] : ['ord_1', 'ord_0'];
      return new Response(
        JSON.stringify({
          data: ids.map((id) => ({ ...ORDER, id })),
          nextCursor: call === 1 ? 'cur2' : 'cur3',
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    });
    const r = await sigmax('order', 'list', '--limit', '3', '--json');
    expect(JSON.parse(r.stdout).map((o: { id: string }) => o.id)).toEqual(['ord_3', 'ord_2', 'ord_1']);
    expect(sent()).toEqual(['GET /v1/orders?limit=3', 'GET /v1/orders?limit=3&cursor=cur2']);
  });

  it('order get, cancel, cancel-all and replace', async () => {
    reply('GET', '/v1/orders/ord_1', ORDER);
    reply('DELETE', '/v1/orders/ord_1', { ...ORDER, status: 'canceled' });
    reply('DELETE', '/v1/orders', { data: [{ ...ORDER, status: 'canceled' }] });
    reply(
      'POST',
      '/v1/orders/ord_1/replace',
      { ...ORDER, id: 'ord_2', replaces: 'ord_1', price: '64000' },
      201,
    );
    expect((await sigmax('order', 'get', 'ord_1')).stdout).toMatch(/^status:\s+open$/m);
    expect((await sigmax('order', 'cancel', 'ord_1')).stdout).toContain('canceled ord_1');
    const all = await sigmax('order', 'cancel-all', '--symbol', 'BTC/USDT');
    expect(all.stdout).toContain('canceled 1 order(s)');
    const replaced = await sigmax('order', 'replace', 'ord_1', '--price', '64000');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/^replaces:\s+ord_1$/m);
    expect(sent()).toEqual([
      'GET /v1/orders/ord_1',
      'DELETE /v1/orders/ord_1',
      'DELETE /v1/orders?symbol=BTC%2FUSDT',
      'POST /v1/orders/ord_1/replace',
    ]);
    expect(JSON.parse(seen[3]?.body ?? '')).toEqual({ price: '64000' });
  });

  it('reports an API error on stderr with exit code 1', async () => {
    reply(
      'DELETE',
      '/v1/orders/ord_1',
      {
        type: 'urn:sigmax:problem:order_not_cancelable',
        title: 'Order not cancelable',
        status: 409,
        detail: 'order ord_1 is filled',
        code: 'order_not_cancelable',
        requestId: 'req_cli',
      },
      409,
    );
    const r = await sigmax('order', 'cancel', 'ord_1');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sigmax: 409 order_not_cancelable: order ord_1 is filled (request req_cli)\n');
  });

  it('fills sends its filters and prints fees with their asset', async () => {
    reply('GET', '/v1/fills', {
      data: [
        {
          id: 'fil_1',
          orderId: 'ord_1',
          clientOrderId: 'c-1',
          symbol: 'BTC/USDT',
          side: 'buy',
          price: '7200.17',
          quantity: '0.001',
          notional: '7.20017',
          fee: '0.00720017',
          feeAsset: 'USDT',
          liquidity: 'taker',
          time: '2020-01-01T00:00:00.000Z',
        },
      ],
      nextCursor: null,
    });
    const r = await sigmax('fills', '--order', 'ord_1', '--symbol', 'BTC/USDT');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /fil_1\s+ord_1\s+BTC\/USDT\s+buy\s+0\.001\s+7200\.17\s+0\.00720017 USDT\s+taker/,
    );
    expect(sent()).toEqual(['GET /v1/fills?limit=50&symbol=BTC%2FUSDT&orderId=ord_1']);
  });
});

describe('portfolio commands', () => {
  const position = {
    symbol: 'BTC/USDT',
    quantity: '0.001',
    averageEntryPrice: '7200.17',
    costBasis: '7.20737017',
    markPrice: '7300',
    marketValue: '7.3',
    unrealizedPnl: '0.09262983',
    realizedPnl: '0',
    fees: '0.00720017',
  };

  it('positions, position close and portfolio', async () => {
    reply('GET', '/v1/positions', { data: [position] });
    reply(
      'POST',
      '/v1/positions/BTC-USDT/close',
      { ...ORDER, side: 'sell', type: 'market', price: null },
      201,
    );
    reply('GET', '/v1/portfolio', {
      time: '2020-01-01T00:00:00.000Z',
      quoteAsset: 'USDT',
      cash: '99992.79262983',
      positionsValue: '7.3',
      equity: '100000.09262983',
      unrealizedPnl: '0.09262983',
      realizedPnl: '0',
      fees: '0.00720017',
      balances: [{ asset: 'USDT', free: '99992.79262983', locked: '0', total: '99992.79262983' }],
      positions: [position],
    });
    expect((await sigmax('positions')).stdout).toMatch(
      /BTC\/USDT\s+0\.001\s+7200\.17\s+7300\s+7\.3\s+0\.09262983/,
    );
    const close = await sigmax('position', 'close', 'BTC/USDT');
    expect(close.code).toBe(0);
    expect(close.stdout).toMatch(/^side:\s+sell$/m);
    expect(seen.at(-1)?.idempotencyKey).toBeTruthy();
    const p = await sigmax('portfolio');
    expect(p.stdout).toMatch(/^equity:\s+100000\.09262983 USDT$/m);
    expect(p.stdout).toMatch(/^USDT\s+99992\.79262983\s+0\s+99992\.79262983$/m);
    expect(sent()).toEqual(['GET /v1/positions', 'POST /v1/positions/BTC-USDT/close', 'GET /v1/portfolio']);
  });

  it('portfolio history heads the equity column with the quote asset', async () => {
    reply('GET', '/v1/portfolio/history', {
      quoteAsset: 'USDT',
      data: [
        {
          time: '2020-01-01T00:00:00.000Z',
          equity: '100000',
          cash: '100000',
          positionsValue: '0',
          realizedPnl: '0',
          unrealizedPnl: '0',
        },
      ],
      nextCursor: null,
    });
    const r = await sigmax('portfolio', 'history', '--since', '2020-01-01T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^TIME\s+EQUITY \(USDT\)\s+CASH/);
    expect(r.stdout).toMatch(/2020-01-01T00:00:00.000Z\s+100000\s+100000\s+0/);
    expect(sent()).toEqual(['GET /v1/portfolio/history?limit=50&since=2020-01-01T00%3A00%3A00Z']);
    const json = await sigmax('portfolio', 'history', '--json');
    expect(JSON.parse(json.stdout)).toHaveLength(1);
  });

  it('prints no secret: the API key never reaches stdout or stderr', async () => {
    reply('GET', '/v1/positions', { data: [] });
    const ok = await sigmax('positions');
    const failed = await sigmax('order', 'get', 'ord_missing');
    expect(ok.stdout).toBe('no open positions\n');
    expect(failed.code).toBe(1);
    for (const text of [ok.stdout, ok.stderr, failed.stdout, failed.stderr]) {
      expect(text).not.toContain(env.SIGMAX_API_KEY);
    }
  });
});
