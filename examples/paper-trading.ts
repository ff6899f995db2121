/**
 * Paper trading: read the market, place a limit and a market order on the paper exchange, watch the
 * fills come in, print the portfolio. Needs a key with the `trade` scope and a server in paper mode
 * (the default).
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx paper-trading.ts
 */
import { type ClientOptions, type Fill, type Order, Sigmax } from '@sigmax/sdk';

export interface PaperTradingOptions extends ClientOptions {
  /** Market to trade. Default: `BTC/USDT`. */
  symbol?: string;
  /** Quantity of each order, in base units, as a decimal string. Default: `'0.001'`. */
  quantity?: string;
  /** How long to watch the limit order for fills, in milliseconds. Default: 20 000. */
  watchMs?: number;
}

export interface PaperTradingResult {
  limitOrder: Order;
  marketOrder: Order;
  fills: Fill[];
}

export async function paperTrading(options: PaperTradingOptions = {}): Promise<PaperTradingResult> {
  const { symbol = 'BTC/USDT', quantity = '0.001', watchMs = 20_000, ...clientOptions } = options;
  const sigmax = new Sigmax(clientOptions);

  const { tradingMode } = await sigmax.status();
  if (tradingMode !== 'paper')
    throw new Error(`this example trades on paper only; the server is ${tradingMode}`);

  // Prices and quantities are decimal strings: print them, compare them, send them back as they are.
  const ticker = await sigmax.markets.ticker(symbol);
  if (ticker.stale) throw new Error(`${symbol} has no fresh price: do not trade on it`);
  console.log(`${symbol}: last ${ticker.last}, bid ${ticker.bid}, ask ${ticker.ask}`);

  // A limit buy at the fifth bid of the book: below the market, so it rests until the price comes
  // down to it. Book prices are already on the market's tick grid.
  const book = await sigmax.markets.orderBook(symbol, { depth: 5 });
  const price = book.bids.at(-1)?.[0];
  if (price === undefined) throw new Error(`${symbol} has no bids`);
  let limitOrder = await sigmax.orders.create({ symbol, side: 'buy', type: 'limit', quantity, price });
  console.log(
    `limit buy ${limitOrder.quantity} @ ${limitOrder.price}: ${limitOrder.status} (${limitOrder.id})`,
  );

  // A market buy fills at once against the book.
  const marketOrder = await sigmax.orders.create({ symbol, side: 'buy', type: 'market', quantity });
  console.log(
    `market buy ${marketOrder.filledQuantity} @ ${marketOrder.averageFillPrice ?? '-'}: ${marketOrder.status}`,
  );

  // Watch the fills of both orders: poll until the limit order is done or time is up.
  const fills: Fill[] = [];
  const seen = new Set<string>();
  const deadline = Date.now() + watchMs;
  for (;;) {
    for (const order of [marketOrder, limitOrder]) {
      for await (const fill of sigmax.fills.list({ orderId: order.id })) {
        if (seen.has(fill.id)) continue;
        seen.add(fill.id);
        fills.push(fill);
        console.log(
          `  fill ${fill.side} ${fill.quantity} @ ${fill.price} (${fill.liquidity}, fee ${fill.fee} ${fill.feeAsset})`,
        );
      }
    }
    limitOrder = await sigmax.orders.get(limitOrder.id);
    const resting = limitOrder.status === 'open' || limitOrder.status === 'partially_filled';
    if (!resting || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  // Leave nothing behind: cancel the limit order if it still rests.
  if (limitOrder.status === 'open' || limitOrder.status === 'partially_filled') {
    limitOrder = await sigmax.orders.cancel(limitOrder.id);
    console.log(`canceled the limit order; it had filled ${limitOrder.filledQuantity}`);
  }

  const portfolio = await sigmax.portfolio.get();
  console.log(
    `equity ${portfolio.equity} ${portfolio.quoteAsset} = cash ${portfolio.cash} + positions ${portfolio.positionsValue}`,
  );
  for (const position of portfolio.positions) {
    console.log(
      `  ${position.symbol}: ${position.quantity} @ ${position.averageEntryPrice ?? '-'}, P&L ${position.unrealizedPnl}`,
    );
  }
  return { limitOrder, marketOrder, fills };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await paperTrading();
}
