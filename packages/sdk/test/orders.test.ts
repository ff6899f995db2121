import {
  ConflictError,
  DuplicateClientOrderIdError,
  InsufficientFundsError,
  type Order,
  OrderNotCancelableError,
  SigmaxError,
} from '@sigmax/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { order, requests } from './support/trading';

beforeEach(() => {
  // Full jitter with random() = 0 retries at once.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => vi.restoreAllMocks());

const LIMIT_BUY = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: '0.10000000000000000001',
  price: '65000.10',
  timeInForce: 'GTC',
  clientOrderId: 'grid-1',
} as const;

describe('orders.create()', () => {
  it('POSTs the body with decimals as the strings given, and an Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch(json(order('ord_1'), 201, { location: '/v1/orders/ord_1' }));
    const { data, response } = await client(fetch).orders.create(LIMIT_BUY).withResponse();
    expect(data).toEqual(order('ord_1'));
    expect(data.quantity).toBe('0.10000000000000000001');
    expect(response.headers.get('location')).toBe('/v1/orders/ord_1');
    const [call] = calls;
    expect(`${call?.request.method} ${call?.request.url}`).toBe(`POST ${BASE_URL}/v1/orders`);
    expect(call?.request.headers.get('content-type')).toBe('application/json');
    expect(call?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body).toBe(JSON.stringify(LIMIT_BUY));
    expect(call?.body).toContain('"quantity":"0.10000000000000000001","price":"65000.10"');
  });

  it('retries with the same Idempotency-Key and body', async () => {
    const { fetch, calls } = fakeFetch(problem(503, 'exchange_unavailable'), json(order('ord_1'), 201));
    await client(fetch).orders.create(LIMIT_BUY);
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.request.headers.get('idempotency-key'))).size).toBe(1);
    expect(new Set(calls.map((call) => call.body)).size).toBe(1);
  });

  it('takes the Idempotency-Key from the options', async () => {
    const { fetch, calls } = fakeFetch(json(order('ord_1'), 201));
    await client(fetch).orders.create(LIMIT_BUY, { idempotencyKey: 'order-grid-1' });
    expect(calls[0]?.request.headers.get('idempotency-key')).toBe('order-grid-1');
  });

  it('exposes the existing order on a duplicate clientOrderId', async () => {
    const existing = order('ord_first', { clientOrderId: 'grid-1', status: 'filled' });
    const { fetch, calls } = fakeFetch(
      problem(409, 'duplicate_client_order_id', {
        detail: 'clientOrderId grid-1 is taken',
        extra: { order: existing },
      }),
    );
    const error = await rejection(client(fetch).orders.create(LIMIT_BUY));
    expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
    expect(error).toBeInstanceOf(ConflictError);
    const duplicate = error as DuplicateClientOrderIdError;
    expect(duplicate.name).toBe('DuplicateClientOrderIdError');
    expect(duplicate.status).toBe(409);
    expect(duplicate.code).toBe('duplicate_client_order_id');
    expect(duplicate.order).toEqual(existing);
    expect(duplicate.order?.id).toBe('ord_first');
    // A 409 is final: no retry.
    expect(calls).toHaveLength(1);
  });

  it('leaves order undefined when the problem carries none', async () => {
    const { fetch } = fakeFetch(
      problem(409, 'duplicate_client_order_id', { extra: { order: 'not an order' } }),
    );
    const error = (await rejection(client(fetch).orders.create(LIMIT_BUY))) as DuplicateClientOrderIdError;
    expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
    expect(error.order).toBeUndefined();
  });

  it('maps insufficient_funds to InsufficientFundsError', async () => {
    const { fetch } = fakeFetch(problem(422, 'insufficient_funds'));
    expect(await rejection(client(fetch).orders.create(LIMIT_BUY))).toBeInstanceOf(InsufficientFundsError);
  });
});

describe('orders.list()', () => {
  it('sends its filters, walks every page, and keeps the query on later pages', async () => {
    const { fetch, calls } = fakeFetch(
      json({ data: [order('ord_3'), order('ord_2')], nextCursor: 'c2' }),
      json({ data: [order('ord_1')], nextCursor: null }),
    );
    const ids: string[] = [];
    for await (const o of client(fetch).orders.list({
      symbol: 'BTC/USDT',
      status: 'open,filled',
      side: 'buy',
      limit: 2,
    }))
      ids.push(o.id);
    expect(ids).toEqual(['ord_3', 'ord_2', 'ord_1']);
    expect(calls.map((call) => Object.fromEntries(new URL(call.request.url).searchParams))).toEqual([
      { symbol: 'BTC/USDT', status: 'open,filled', side: 'buy', limit: '2' },
      { symbol: 'BTC/USDT', status: 'open,filled', side: 'buy', limit: '2', cursor: 'c2' },
    ]);
  });

  it('awaits to the first page', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [order('ord_2')], nextCursor: 'c1' }));
    const page = await client(fetch).orders.list();
    expect(page.data.map((o: Order) => o.id)).toEqual(['ord_2']);
    expect(page.hasNextPage()).toBe(true);
    expect(requests(calls)).toEqual([`GET ${BASE_URL}/v1/orders`]);
  });
});

describe('orders by id', () => {
  it('get(), cancel() and transitions() encode the id', async () => {
    const { fetch, calls } = fakeFetch(json(order('x')));
    const orders = client(fetch).orders;
    await orders.get('ord/1?x');
    await orders.cancel('ord_1');
    await orders.transitions('ord_1');
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/orders/ord%2F1%3Fx`,
      `DELETE ${BASE_URL}/v1/orders/ord_1`,
      `GET ${BASE_URL}/v1/orders/ord_1/transitions`,
    ]);
    expect(calls[1]?.request.headers.has('idempotency-key')).toBe(false);
    expect(calls[1]?.body).toBe('');
  });

  it('transitions() resolves with the status changes', async () => {
    const transitions = {
      orderId: 'ord_1',
      data: [
        { from: null, to: 'pending_new', reason: null, at: '2025-01-01T00:00:00.000Z' },
        { from: 'pending_new', to: 'open', reason: 'accepted', at: '2025-01-01T00:00:00.001Z' },
      ],
    };
    const { fetch } = fakeFetch(json(transitions));
    await expect(client(fetch).orders.transitions('ord_1')).resolves.toEqual(transitions);
  });

  it('cancel() of a finished order throws OrderNotCancelableError with the order', async () => {
    const filled = order('ord_1', { status: 'filled', remainingQuantity: '0' });
    const { fetch } = fakeFetch(problem(409, 'order_not_cancelable', { extra: { order: filled } }));
    const error = (await rejection(client(fetch).orders.cancel('ord_1'))) as OrderNotCancelableError;
    expect(error).toBeInstanceOf(OrderNotCancelableError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.name).toBe('OrderNotCancelableError');
    expect(error.order?.status).toBe('filled');
  });

  it('replace() POSTs the changes to /replace with an Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch(json(order('ord_2', { replaces: 'ord_1' }), 201));
    const replacement = await client(fetch).orders.replace('ord_1', { price: '64000.5', quantity: '0.2' });
    expect(replacement.replaces).toBe('ord_1');
    expect(requests(calls)).toEqual([`POST ${BASE_URL}/v1/orders/ord_1/replace`]);
    expect(calls[0]?.body).toBe('{"price":"64000.5","quantity":"0.2"}');
    expect(calls[0]?.request.headers.get('idempotency-key')).toBeTruthy();
  });

  it.each(['', '.', '..'])('rejects the id %j without sending anything', async (id) => {
    const { fetch, calls } = fakeFetch(json(order('x')));
    const error = await rejection(client(fetch).orders.replace(id, { price: '1' }));
    expect(error).toBeInstanceOf(SigmaxError);
    expect((error as Error).message).toMatch(/Invalid path parameter/);
    expect(calls).toHaveLength(0);
  });
});

describe('orders.cancelAll()', () => {
  it('DELETEs /v1/orders, with the symbol when given', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [order('ord_1', { status: 'canceled' })] }));
    const orders = client(fetch).orders;
    const { data } = await orders.cancelAll({ symbol: 'BTC/USDT' });
    await orders.cancelAll();
    expect(data.map((o) => o.status)).toEqual(['canceled']);
    expect(requests(calls)).toEqual([
      `DELETE ${BASE_URL}/v1/orders?symbol=BTC%2FUSDT`,
      `DELETE ${BASE_URL}/v1/orders`,
    ]);
  });
});
