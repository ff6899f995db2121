// Type tests: checked by tsc (`pnpm typecheck`) and by vitest's typecheck mode, never run. Each
// `@ts-expect-error` fails the check if the line below it compiles.
import {
  type APIError,
  type APIPromise,
  type APIResponse,
  type ApiKey,
  type ApiKeyCreated,
  type CancelAllResult,
  type CandleList,
  type DuplicateClientOrderIdError,
  type EquityHistoryPage,
  type EquityPoint,
  type Fill,
  type Health,
  type Market,
  type MarketList,
  type Order,
  type OrderBook,
  type OrderNotCancelableError,
  type OrderTransitionList,
  type Page,
  type PagePromise,
  type Portfolio,
  type PositionList,
  type Problem,
  type RateLimitError,
  type RequestOptions,
  type Scope,
  Sigmax,
  type Status,
  type Ticker,
} from '@sigmax/sdk';
import { describe, expectTypeOf, it } from 'vitest';

const sigmax = new Sigmax({ baseUrl: 'http://localhost:8080', fetch: async () => new Response('{}') });

describe('method types', () => {
  it('resolve to the spec’s schemas', () => {
    expectTypeOf(sigmax.health()).toEqualTypeOf<APIPromise<Health>>();
    expectTypeOf(sigmax.status()).toEqualTypeOf<APIPromise<Status>>();
    expectTypeOf(sigmax.apiKeys.create({ name: 'a', scopes: ['read'] })).toEqualTypeOf<
      APIPromise<ApiKeyCreated>
    >();
    expectTypeOf(sigmax.apiKeys.get('key_1')).toEqualTypeOf<APIPromise<ApiKey>>();
    expectTypeOf(sigmax.apiKeys.revoke('key_1')).toEqualTypeOf<APIPromise<ApiKey>>();
    expectTypeOf(sigmax.apiKeys.list()).toEqualTypeOf<PagePromise<ApiKey>>();
    expectTypeOf<Awaited<ReturnType<typeof sigmax.apiKeys.list>>>().toEqualTypeOf<Page<ApiKey>>();
    expectTypeOf(sigmax.health()).toExtend<Promise<Health>>();
    expectTypeOf(sigmax.health().withResponse()).toEqualTypeOf<Promise<APIResponse<Health>>>();
  });

  it('carry the spec’s enums and nullability', () => {
    expectTypeOf<Scope>().toEqualTypeOf<'read' | 'trade' | 'admin'>();
    expectTypeOf<Health['status']>().toEqualTypeOf<'ok' | 'degraded'>();
    expectTypeOf<ApiKey['revokedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<ApiKeyCreated>().toExtend<ApiKey & { key: string }>();
  });

  it('iterate list items with for await', () => {
    expectTypeOf(sigmax.apiKeys.list()).toExtend<AsyncIterable<ApiKey>>();
    expectTypeOf<Page<ApiKey>>().toExtend<AsyncIterable<ApiKey>>();
  });

  it('type errors', () => {
    expectTypeOf<APIError['status']>().toEqualTypeOf<number>();
    expectTypeOf<APIError['problem']>().toEqualTypeOf<Problem | undefined>();
    expectTypeOf<APIError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError['retryAfter']>().toEqualTypeOf<number | undefined>();
    // Known codes autocomplete, unknown ones are still allowed.
    expectTypeOf<'not_found'>().toExtend<NonNullable<APIError['code']>>();
    expectTypeOf<'some_future_code'>().toExtend<NonNullable<APIError['code']>>();
  });
});

describe('trading resource types', () => {
  it('resolve to the spec’s schemas', () => {
    expectTypeOf(sigmax.markets.list()).toEqualTypeOf<APIPromise<MarketList>>();
    expectTypeOf(sigmax.markets.get('BTC/USDT')).toEqualTypeOf<APIPromise<Market>>();
    expectTypeOf(sigmax.markets.candles('BTC/USDT', { timeframe: '4h' })).toEqualTypeOf<
      APIPromise<CandleList>
    >();
    expectTypeOf(sigmax.markets.ticker('BTC/USDT')).toEqualTypeOf<APIPromise<Ticker>>();
    expectTypeOf(sigmax.markets.orderBook('BTC/USDT')).toEqualTypeOf<APIPromise<OrderBook>>();
    expectTypeOf(
      sigmax.orders.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' }),
    ).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(sigmax.orders.list()).toEqualTypeOf<PagePromise<Order>>();
    expectTypeOf(sigmax.orders.get('ord_1')).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(sigmax.orders.cancel('ord_1')).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(sigmax.orders.cancelAll()).toEqualTypeOf<APIPromise<CancelAllResult>>();
    expectTypeOf(sigmax.orders.replace('ord_1', { price: '1' })).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(sigmax.orders.transitions('ord_1')).toEqualTypeOf<APIPromise<OrderTransitionList>>();
    expectTypeOf(sigmax.fills.list()).toEqualTypeOf<PagePromise<Fill>>();
    expectTypeOf(sigmax.positions.list()).toEqualTypeOf<APIPromise<PositionList>>();
    expectTypeOf(sigmax.positions.close('BTC/USDT')).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(sigmax.portfolio.get()).toEqualTypeOf<APIPromise<Portfolio>>();
    expectTypeOf(sigmax.portfolio.history()).toEqualTypeOf<PagePromise<EquityPoint, EquityHistoryPage>>();
    expectTypeOf<Awaited<ReturnType<typeof sigmax.portfolio.history>>>().toEqualTypeOf<EquityHistoryPage>();
    expectTypeOf<EquityHistoryPage['getNextPage']>().returns.toEqualTypeOf<Promise<EquityHistoryPage>>();
    expectTypeOf(sigmax.portfolio.history()).toExtend<AsyncIterable<EquityPoint>>();
  });

  it('leave optional order fields optional', () => {
    expectTypeOf(sigmax.orders.create)
      .parameter(0)
      .toExtend<{ symbol: string; side: 'buy' | 'sell'; type: 'market' | 'limit'; quantity: string }>();
    expectTypeOf({
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      type: 'limit' as const,
      quantity: '0.1',
      price: '65000',
    }).toExtend<Parameters<typeof sigmax.orders.create>[0]>();
  });

  it('keep money, prices and quantities as strings', () => {
    expectTypeOf<Order['quantity']>().toEqualTypeOf<string>();
    expectTypeOf<Order['price']>().toEqualTypeOf<string | null>();
    expectTypeOf<Fill['fee']>().toEqualTypeOf<string>();
    expectTypeOf<Portfolio['equity']>().toEqualTypeOf<string>();
    expectTypeOf<OrderBook['bids'][number]>().toEqualTypeOf<[string, string]>();
    expectTypeOf<Order['status']>().toExtend<string>();
    expectTypeOf<Order['side']>().toEqualTypeOf<'buy' | 'sell'>();
  });

  it('type the order on order conflicts', () => {
    expectTypeOf<DuplicateClientOrderIdError['order']>().toEqualTypeOf<Order | undefined>();
    expectTypeOf<OrderNotCancelableError['order']>().toEqualTypeOf<Order | undefined>();
    expectTypeOf<DuplicateClientOrderIdError>().toExtend<APIError>();
  });

  it('reject wrong trading calls', () => {
    const limitBuy = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '1', price: '1' } as const;
    const wrong = () => {
      // @ts-expect-error quantities are decimal strings, never numbers
      sigmax.orders.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 0.1 });
      // @ts-expect-error 'hold' is not a side
      sigmax.orders.create({ symbol: 'BTC/USDT', side: 'hold', type: 'market', quantity: '0.1' });
      // @ts-expect-error the symbol is required
      sigmax.orders.create({ side: 'buy', type: 'market', quantity: '0.1' });
      // @ts-expect-error unknown body field
      sigmax.orders.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1', leverage: 2 });
      // @ts-expect-error postOnly is a boolean
      sigmax.orders.create({ ...limitBuy, postOnly: 'yes' });
      // @ts-expect-error prices are decimal strings
      sigmax.orders.replace('ord_1', { price: 61000 });
      // @ts-expect-error the timeframe is required
      sigmax.markets.candles('BTC/USDT', {});
      // @ts-expect-error '2h' is not a timeframe
      sigmax.markets.candles('BTC/USDT', { timeframe: '2h' });
      // @ts-expect-error unknown query parameter
      sigmax.fills.list({ side: 'buy' });
      // @ts-expect-error the symbol is required
      sigmax.positions.close();
    };
    expectTypeOf(wrong).toBeFunction();
  });
});

describe('wrong calls do not compile', () => {
  it('rejects bad bodies, params and options', () => {
    // Declared, never called: the assertions are the compile errors themselves.
    const wrong = () => {
      // @ts-expect-error name must be a string
      sigmax.apiKeys.create({ name: 1, scopes: ['read'] });
      // @ts-expect-error 'superuser' is not a Scope
      sigmax.apiKeys.create({ name: 'a', scopes: ['superuser'] });
      // @ts-expect-error scopes is required
      sigmax.apiKeys.create({ name: 'a' });
      // @ts-expect-error unknown body field
      sigmax.apiKeys.create({ name: 'a', scopes: ['read'], admin: true });
      // @ts-expect-error limit is a number
      sigmax.apiKeys.list({ limit: '10' });
      // @ts-expect-error unknown query parameter
      sigmax.apiKeys.list({ sort: 'name' });
      // @ts-expect-error the id is a string
      sigmax.apiKeys.get(42);
      // @ts-expect-error the id is required
      sigmax.apiKeys.revoke();
      // @ts-expect-error timeout is a number of milliseconds
      sigmax.status({ timeout: '5s' });
      // @ts-expect-error unknown client option
      new Sigmax({ baseURL: 'http://localhost:8080' });
      // @ts-expect-error no such resource
      sigmax.trades.list();
    };
    expectTypeOf(wrong).toBeFunction();
    expectTypeOf<RequestOptions>().toHaveProperty('idempotencyKey');
  });

  it('refuses wrong calls to the trading, backtest and control operations', () => {
    const market = { source: 'market', symbol: 'BTC/USDT' } as const;
    const wrong = () => {
      // @ts-expect-error a proposal comes from an analysis id or a symbol, not both
      sigmax.proposals.create({ analysisId: 'an_1', symbol: 'BTC/USDT' });
      // @ts-expect-error ...and not from nothing
      sigmax.proposals.create({});
      // @ts-expect-error unknown proposal status
      sigmax.proposals.list({ status: 'done' });
      // @ts-expect-error a pause needs a reason
      sigmax.control.pause({ durationSeconds: 60 });
      // @ts-expect-error force is a boolean
      sigmax.control.resume({ force: 'yes' });
      // @ts-expect-error unknown strategy field
      sigmax.backtests.create({ strategy: { name: 'x', parms: {} }, data: market });
      // @ts-expect-error initial cash is a decimal string, never a float
      sigmax.backtests.create({ strategy: { name: 'x' }, data: market, settings: { initialCash: 1 } });
      // @ts-expect-error unknown backtest kind
      sigmax.backtests.create({ kind: 'optimize', strategy: { name: 'x' }, data: market });
      // @ts-expect-error risk limits are decimal strings
      sigmax.safety.updateLimits({ risk: { maxLeverage: 2 } });
      // @ts-expect-error event types are strings
      sigmax.events.stream({ types: [1] });
    };
    expectTypeOf(wrong).toBeFunction();
  });
});
