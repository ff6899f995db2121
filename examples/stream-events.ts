/**
 * Stream events: follow the orders and fills of a market on the event stream, place a market order,
 * print its events as they arrive, stop once it has filled. Needs a key with the `trade` scope and a
 * server in paper mode (the default).
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx stream-events.ts
 */
import { type ClientOptions, type Event, type Fetch, type Fill, type Order, Sigmax } from '@sigmax/sdk';

export interface StreamEventsOptions extends ClientOptions {
  /** Market to trade. Default: `BTC/USDT`. */
  symbol?: string;
  /** Quantity of the market buy, in base units, as a decimal string. Default: `'0.001'`. */
  quantity?: string;
  /** Give up when the order has not filled on the stream within this many milliseconds. Default: 15 000. */
  timeoutMs?: number;
}

export interface StreamEventsResult {
  /** The order as its last event showed it. */
  order: Order;
  /** The events of the order, in the order they arrived. */
  events: Event[];
}

/** Statuses an order does not leave. */
const FINAL = new Set<Order['status']>(['filled', 'canceled', 'expired', 'rejected', 'replaced']);

export async function streamEvents(options: StreamEventsOptions = {}): Promise<StreamEventsResult> {
  const { symbol = 'BTC/USDT', quantity = '0.001', timeoutMs = 15_000, ...clientOptions } = options;

  // The stream is opened before the order is placed, and the order waits until it is open: events
  // published before then would not be sent to a new stream (resuming with `lastEventId` would).
  let opened = () => {};
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const sigmax = new Sigmax({
    ...clientOptions,
    fetch: noticeStreamOpen(clientOptions.fetch, () => opened()),
  });

  const { tradingMode } = await sigmax.status();
  if (tradingMode !== 'paper')
    throw new Error(`this example trades on paper only; the server is ${tradingMode}`);

  // Our own clientOrderId: the events name it, so ours are recognised even before `create` answers.
  const clientOrderId = `stream-events-${Date.now().toString(36)}`;
  const events: Event[] = [];
  let last: Order | undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);

  const reading = (async () => {
    // `order.*` is a prefix (order.created, order.updated); `fill` an exact type.
    for await (const event of sigmax.events.stream({
      types: ['order.*', 'fill'],
      symbols: symbol,
      signal: controller.signal,
    })) {
      const { order, fill } = event.data as { order?: Order; fill?: Fill };
      if ((order ?? fill)?.clientOrderId !== clientOrderId) continue; // someone else's order
      events.push(event);
      console.log(`#${event.id} ${event.type.padEnd(13)} ${describe(order, fill)}`);
      if (order) last = order;
      // One market order publishes order.created, a fill per execution, then order.updated.
      if (order && FINAL.has(order.status)) break;
    }
  })();

  let placed: Order;
  try {
    // Wait until the stream is open, or has failed (a wrong key, say: `reading` then rejects).
    await Promise.race([open, reading]);
    console.log(`streaming order.* and fill events of ${symbol}`);

    placed = await sigmax.orders.create({ symbol, side: 'buy', type: 'market', quantity, clientOrderId });
    console.log(`placed ${placed.id}: market buy ${placed.quantity} ${symbol}`);
    await reading; // the loop above breaks once the order is final, or ends when the time is up
  } finally {
    clearTimeout(timer);
    controller.abort(); // closes the stream if it is still open (after an error)
  }
  if (!last || !FINAL.has(last.status)) {
    throw new Error(`order ${placed.id} did not finish on the stream within ${timeoutMs} ms`);
  }
  const fills = events.filter((event) => event.type === 'fill').length;
  console.log(
    `order ${last.status}: ${last.filledQuantity} @ ${last.averageFillPrice ?? '-'}, ${fills} fill(s)`,
  );
  return { order: last, events };
}

function describe(order: Order | undefined, fill: Fill | undefined): string {
  if (fill)
    return `${fill.side} ${fill.quantity} @ ${fill.price} (${fill.liquidity}, fee ${fill.fee} ${fill.feeAsset})`;
  if (order) return `${order.id} ${order.side} ${order.quantity} ${order.type}: ${order.status}`;
  return '';
}

/**
 * A `fetch` that calls `onOpen` when the event stream's first bytes arrive. The server subscribes the
 * stream to new events before it writes them, so from then on nothing published is missed.
 */
function noticeStreamOpen(inner: Fetch | undefined, onOpen: () => void): Fetch {
  const base: Fetch = inner ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || !new URL(input.url).pathname.endsWith('/v1/events'))
      return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, stream) {
          onOpen();
          stream.enqueue(chunk);
        },
      }),
    );
    return new Response(body, response);
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await streamEvents();
}
