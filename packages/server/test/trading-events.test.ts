import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../src/events/bus';
import { startTestServer, type TestServer } from './support';
import { place, replayAt } from './support/trading';

const FOUR_HOURS = 4 * 3_600_000;

/** A short form of an event: its type and what it is about. */
function short(event: BusEvent): string {
  switch (event.type) {
    case 'order.created':
      return `created ${event.order.id} ${event.order.status}`;
    case 'order.updated':
      return `updated ${event.order.id} ${event.transition.from}→${event.transition.to}`;
    case 'fill':
      return `fill ${event.fill.orderId}`;
    case 'portfolio':
      return 'portfolio';
    case 'analysis.completed':
      return `analysis ${event.analysis.id}`;
    default:
      return event.type;
  }
}

describe('trading events', () => {
  let t: TestServer;
  const replay = replayAt('2021-01-04T00:00:00Z');
  const seen: BusEvent[] = [];
  let stop: () => void = () => {};
  beforeAll(async () => {
    t = await startTestServer({ market: replay.feed });
    stop = t.server.services.events.subscribe((event) => seen.push(event));
  }, 60_000);
  afterAll(() => t?.close());

  it('publishes every order, transition and fill, in the order they happened', async () => {
    const market = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    const limit = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '20000',
    });
    await t.request(`/v1/orders/${limit.id}`, { method: 'DELETE' });
    expect(seen.map(short)).toEqual([
      `created ${market.id} pending_new`,
      `fill ${market.id}`,
      `updated ${market.id} pending_new→filled`,
      'portfolio',
      'position.updated',
      `created ${limit.id} pending_new`,
      `updated ${limit.id} pending_new→open`,
      `updated ${limit.id} open→canceled`,
    ]);
    const seqs = seen.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);

    // The events carry what the API serves
    const fill = seen.find((e) => e.type === 'fill');
    const fills = await (await t.request(`/v1/fills?orderId=${market.id}`)).json();
    expect(fill?.type === 'fill' && fill.fill).toEqual(fills.data[0]);
    const lastUpdate = seen.at(-1);
    expect(lastUpdate?.type === 'order.updated' && lastUpdate.order).toEqual(
      await (await t.request(`/v1/orders/${limit.id}`)).json(),
    );
    const history = await (await t.request(`/v1/orders/${limit.id}/transitions`)).json();
    expect(
      seen
        .filter((e) => e.type === 'order.updated' && e.order.id === limit.id)
        .map((e) => (e.type === 'order.updated' ? e.transition : null)),
    ).toEqual(history.data.slice(1));
  });

  it('publishes fills of resting orders when a candle crosses them', async () => {
    seen.length = 0;
    const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
    // A buy just under the last price: the next bar's range almost surely reaches below it
    const price = (Math.floor(Number(ticker.bid) * 0.995 * 100) / 100).toFixed(2);
    const order = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price });
    for (let i = 0; i < 12 && seen.every((e) => e.type !== 'fill'); i++) {
      replay.wall.advance(FOUR_HOURS);
      replay.feed.poll();
      await t.server.services.trading.idle();
    }
    expect(seen.map(short)).toEqual([
      `created ${order.id} pending_new`,
      `updated ${order.id} pending_new→open`,
      `fill ${order.id}`,
      `updated ${order.id} open→filled`,
      'portfolio',
      'position.updated',
    ]);
  });

  it('stops delivering after unsubscribe, and a failing listener harms no one', async () => {
    const bus = t.server.services.events;
    const other: BusEvent[] = [];
    bus.subscribe(() => {
      throw new Error('listener bug');
    });
    bus.subscribe((event) => other.push(event), ['fill']);
    stop();
    seen.length = 0;
    const res = await t.request('/v1/orders', {
      json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
    });
    expect(res.status).toBe(201);
    expect(seen).toEqual([]);
    expect(other.map((e) => e.type)).toEqual(['fill']);
  });
});
