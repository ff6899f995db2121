/**
 * Engine-only paper matching throughput: market and limit orders against a 20-level synthetic
 * BTC/USDT book, with every fill, lock and release booked in the ledger. No I/O, one core.
 *
 * Each run submits the same deterministic order stream to a fresh exchange: 40 % market orders
 * (walking one to several levels), 35 % marketable limit orders (GTC and IOC), 25 % limit orders
 * that rest away from the touch. Every 50 orders the book moves and crosses some resting orders;
 * resting orders beyond 200 are canceled oldest first. The account starts with 10,000,000 USDT and
 * 100 BTC, pays 0.08 % maker / 0.1 % taker fees and 1 bp of slippage on market orders; each order
 * exists as a buy and a mirror-image sell, and the run trades against its position once it passes
 * ±5 BTC, so 200,000 orders never run the account dry. Orders per second = orders submitted / time
 * (parsing the request, matching, state transitions and ledger updates included), median of 5.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source engine-paper.ts`.
 */
import { pathToFileURL } from 'node:url';
import { Decimal, ManualClock, type MarketView, type NewOrder, PaperExchange } from '@sigmax/engine';
import { log, machineInfo, mulberry32, type Summary, summarise } from './lib';

export interface EnginePaperOptions {
  /** Orders per run. @default 200_000 */
  orders?: number;
  /** Measured runs (one unmeasured warm-up run comes first). @default 5 */
  runs?: number;
}

export interface EnginePaperResult {
  name: 'engine-paper';
  ordersPerRun: number;
  bookLevels: number;
  /** Orders per second over the runs (median, min, max, each run). */
  ordersPerSecond: Summary;
  /** What one run did, to show the work is real. */
  perRun: { fills: number; restingFills: number; cancels: number; openAtEnd: number };
  machine: ReturnType<typeof machineInfo>;
}

const SYMBOL = 'BTC/USDT';
const LEVELS = 20;
const TICK = 0.5;
const VIEWS = 64;
const VIEW_EVERY = 50;
const MAX_RESTING = 200;

/** A 20-level book around `mid` with a one-tick spread each side, thicker further out. */
function syntheticBook(mid: number): MarketView {
  const bids: [Decimal, Decimal][] = [];
  const asks: [Decimal, Decimal][] = [];
  for (let i = 0; i < LEVELS; i++) {
    const quantity = Decimal.from((0.05 + i * 0.025).toFixed(3));
    bids.push([Decimal.from((mid - TICK * (i + 1)).toFixed(1)), quantity]);
    asks.push([Decimal.from((mid + TICK * (i + 1)).toFixed(1)), quantity]);
  }
  return { bids, asks, last: Decimal.from(mid.toFixed(1)) };
}

function workload(orders: number) {
  const next = mulberry32(42);
  const mids: number[] = [];
  let mid = 65_000;
  for (let i = 0; i < VIEWS; i++) {
    mid += Math.round((next() - 0.5) * 16) * TICK;
    mids.push(mid);
  }
  const views = mids.map(syntheticBook);
  // Each order comes as a buy and as its mirror-image sell; the run picks one (see runOnce).
  const requests: [buy: NewOrder, sell: NewOrder][] = [];
  for (let i = 0; i < orders; i++) {
    const viewMid = mids[Math.floor(i / VIEW_EVERY) % VIEWS] as number;
    const quantity = (0.001 + Math.floor(next() * 400) / 1000).toFixed(3);
    const kind = next();
    if (kind < 0.4) {
      requests.push([
        { symbol: SYMBOL, side: 'buy', type: 'market', quantity },
        { symbol: SYMBOL, side: 'sell', type: 'market', quantity },
      ]);
    } else {
      // Marketable: a few ticks through the touch; resting: 2 to 12 ticks away from it.
      const marketable = kind < 0.75;
      const ticks = marketable ? 1 + Math.floor(next() * 4) : -(2 + Math.floor(next() * 10));
      const timeInForce = marketable && next() < 0.5 ? 'IOC' : 'GTC';
      const order = { symbol: SYMBOL, type: 'limit', timeInForce, quantity } as const;
      requests.push([
        { ...order, side: 'buy', limitPrice: (viewMid + ticks * TICK).toFixed(1) },
        { ...order, side: 'sell', limitPrice: (viewMid - ticks * TICK).toFixed(1) },
      ]);
    }
  }
  const sides = Array.from({ length: orders }, () => (next() < 0.5 ? 0 : 1));
  return { views, requests, sides };
}

function runOnce(
  requests: readonly (readonly [NewOrder, NewOrder])[],
  sides: readonly number[],
  views: readonly MarketView[],
) {
  const clock = new ManualClock('2024-06-01T00:00:00Z');
  const exchange = new PaperExchange({
    clock,
    ledger: { balances: { USDT: '10000000', BTC: '100' }, entryPrices: { BTC: '65000' } },
    config: { makerFeeRate: '0.0008', takerFeeRate: '0.001', slippageBps: '1' },
  });
  let fills = 0;
  let restingFills = 0;
  let cancels = 0;
  // Net BTC bought (in 0.001 BTC): past ±5 BTC the run trades the other way, so a long run
  // neither empties the account nor piles up coins.
  let net = 0;
  const count = (side: string, quantity: Decimal) => {
    net += (side === 'buy' ? 1 : -1) * Number(quantity.mul(1000, 0).toString());
  };
  const resting: string[] = [];
  const started = performance.now();
  for (let i = 0; i < requests.length; i++) {
    const view = views[Math.floor(i / VIEW_EVERY) % VIEWS] as MarketView;
    if (i % VIEW_EVERY === 0) {
      clock.advance(1_000);
      for (const update of exchange.onMarket(SYMBOL, view)) {
        restingFills += update.fills.length;
        for (const fill of update.fills) count(fill.side, fill.quantity);
      }
    }
    const pair = requests[i] as readonly [NewOrder, NewOrder];
    const side = net > 5_000 ? 1 : net < -5_000 ? 0 : (sides[i] as number);
    const update = exchange.submit(pair[side] as NewOrder, view);
    fills += update.fills.length;
    for (const fill of update.fills) count(fill.side, fill.quantity);
    if (update.order.status === 'open' || update.order.status === 'partially_filled')
      resting.push(update.order.id);
    if (resting.length > MAX_RESTING) {
      const oldest = resting.shift() as string;
      if (exchange.openOrder(oldest)) {
        exchange.cancel(oldest);
        cancels++;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    ordersPerSecond: requests.length / seconds,
    perRun: { fills, restingFills, cancels, openAtEnd: exchange.openOrders().length },
  };
}

/** Runs the benchmark: one warm-up run, then `runs` measured runs; returns their numbers. */
export function run(options: EnginePaperOptions = {}): EnginePaperResult {
  const orders = options.orders ?? 200_000;
  const runs = options.runs ?? 5;
  const { views, requests, sides } = workload(orders);
  let perRun = runOnce(requests, sides, views).perRun;
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = runOnce(requests, sides, views);
    rates.push(result.ordersPerSecond);
    perRun = result.perRun;
    log(
      `engine-paper run ${i + 1}/${runs}: ${Math.round(result.ordersPerSecond).toLocaleString('en-US')} orders/s`,
    );
  }
  return {
    name: 'engine-paper',
    ordersPerRun: orders,
    bookLevels: LEVELS,
    ordersPerSecond: summarise(rates, 0),
    perRun,
    machine: machineInfo(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `engine-paper: ${result.ordersPerSecond.median.toLocaleString('en-US')} orders/s (median of ${result.ordersPerSecond.runs.length})`,
  );
}
