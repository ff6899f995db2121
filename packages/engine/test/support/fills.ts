import { Decimal, type Fill, type Liquidity, type OrderSide } from '../../src';

let sequence = 0;

/** A BTC/USDT fill as a venue reports it (notional = price × quantity). */
export function fill(
  side: OrderSide,
  price: string,
  quantity: string,
  fee: string,
  options: { orderId?: string; liquidity?: Liquidity; symbol?: string } = {},
): Fill {
  sequence++;
  const p = Decimal.from(price);
  const q = Decimal.from(quantity);
  return {
    tradeId: `t-${sequence}`,
    orderId: options.orderId ?? `o-${sequence}`,
    symbol: options.symbol ?? 'BTC/USDT',
    side,
    price: p,
    quantity: q,
    notional: p.mul(q),
    fee: Decimal.from(fee),
    feeAsset: 'USDT',
    liquidity: options.liquidity ?? 'taker',
    at: new Date('2024-06-01T12:00:00Z'),
  };
}
