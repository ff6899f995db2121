import type { Fill, Market, Order, Position } from '@sigmax/sdk';

// Bodies shaped as the spec's schemas, with decimal strings that a float would not survive intact.

export const MARKET: Market = {
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
  source: 'replay of Coinbase BTC-USD 4h',
};

export function order(id: string, changes: Partial<Order> = {}): Order {
  return {
    id,
    clientOrderId: `client-${id}`,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    postOnly: false,
    quantity: '0.10000000000000000001',
    price: '65000.10',
    status: 'open',
    statusReason: null,
    filledQuantity: '0',
    remainingQuantity: '0.10000000000000000001',
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
    ...changes,
  };
}

export function fill(id: string, changes: Partial<Fill> = {}): Fill {
  return {
    id,
    orderId: 'ord_1',
    clientOrderId: 'client-ord_1',
    symbol: 'BTC/USDT',
    side: 'buy',
    price: '65000.10',
    quantity: '0.1',
    notional: '6500.01',
    fee: '-0.65000100',
    feeAsset: 'USDT',
    liquidity: 'maker',
    time: '2025-01-01T00:00:00.000Z',
    ...changes,
  };
}

export const POSITION: Position = {
  symbol: 'BTC/USDT',
  quantity: '0.1',
  averageEntryPrice: '65000.10',
  costBasis: '6506.51',
  markPrice: '66000',
  marketValue: '6600',
  unrealizedPnl: '93.49',
  realizedPnl: '-0.00000001',
  fees: '6.5',
};

export function equityPoint(time: string, equity: string) {
  return {
    time,
    equity,
    cash: equity,
    positionsValue: '0',
    realizedPnl: '0',
    unrealizedPnl: '0',
  };
}

/** `METHOD url` of every recorded call. */
export const requests = (calls: { request: Request }[]) =>
  calls.map((call) => `${call.request.method} ${call.request.url}`);
