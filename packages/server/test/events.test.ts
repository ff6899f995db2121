import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

// GET /v1/events over a real socket (the in-process app behind Node's HTTP server, every response
// checked against the spec), and GET /v1/events/history.

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

interface WireEvent {
  id: string;
  type: string;
  time: string;
  symbol: string | null;
  data: Record<string, unknown>;
}

/** A minimal SSE reader over a fetch body: frames (events and comment-only blocks) in order. */
class SseReader {
  private buffer = '';
  private readonly frames: Frame[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  ended = false;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.reader = (response.body as ReadableStream<Uint8Array>).getReader();
  }

  /** The next frame, or undefined when the stream ends; throws after `timeoutMs`. */
  async next(timeoutMs = 10_000): Promise<Frame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (this.ended) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for an SSE frame');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out waiting for an SSE frame')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) {
        this.ended = true;
        continue;
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      let end = this.buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const frame: Frame = { comments: [] };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
          else {
            const colon = line.indexOf(':');
            const name = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id' || name === 'event') frame[name] = value;
            else if (name === 'data')
              frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
          }
        }
        this.frames.push(frame);
        end = this.buffer.indexOf('\n\n');
      }
    }
  }

  /** The next event (skipping comments), parsed, checked against its frame's id and event lines. */
  async nextEvent(timeoutMs = 10_000): Promise<WireEvent | undefined> {
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (!frame) return undefined;
      if (frame.data === undefined) continue;
      const event = JSON.parse(frame.data) as WireEvent;
      expect(frame.id).toBe(event.id);
      expect(frame.event).toBe(event.type);
      expect(Object.keys(event).sort()).toEqual(['data', 'id', 'symbol', 'time', 'type']);
      return event;
    }
  }

  /** Collects `count` events. */
  async take(count: number, timeoutMs = 10_000): Promise<WireEvent[]> {
    const out: WireEvent[] = [];
    while (out.length < count) {
      const event = await this.nextEvent(timeoutMs);
      if (!event) throw new Error(`the stream ended after ${out.length} of ${count} events`);
      out.push(event);
    }
    return out;
  }

  close(): void {
    this.controller.abort();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe.each(await testDrivers())('events on %s', (driver) => {
  let t: TestServer;
  let http: ServerType;
  let base: string;
  const auth = () => ({ Authorization: `Bearer ${t.adminKey}` });

  /** Opens `GET /v1/events<query>`; expects 200 and an event stream. */
  async function open(query = '', headers: Record<string, string> = {}): Promise<SseReader> {
    const controller = new AbortController();
    const response = await fetch(`${base}/v1/events${query}`, {
      headers: { ...auth(), ...headers },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    return new SseReader(response, controller);
  }

  /** Publishes `count` marked events straight on the bus (as the services do). */
  function burst(from: number, count: number): void {
    for (let n = from; n < from + count; n++) {
      t.server.services.events.publish({ type: 'control.loop', loop: { n } as never });
    }
  }

  beforeAll(async () => {
    t = await startTestServer({ driver, market: replayAt('2021-01-04T00:00:00Z').feed });
    http = serve({ fetch: (request) => t.fetch(request), port: 0, hostname: '127.0.0.1' });
    await once(http, 'listening');
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (http) {
      t.server.services.eventStore.disconnectAll();
      (http as Server).closeAllConnections();
      await new Promise((done) => http.close(done));
    }
    await t?.close();
  });

  it(`streams the events of real actions, in order, with increasing ids (${driver})`, async () => {
    const stream = await open();
    const order = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    const events = await stream.take(5);
    stream.close();
    expect(events.map((e) => e.type)).toEqual([
      'order.created',
      'fill',
      'order.updated',
      'portfolio',
      'position.updated',
    ]);
    const ids = events.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as number);
    expect(events[0]?.data).toEqual({ order: expect.objectContaining({ id: order.id, symbol: 'BTC/USDT' }) });
    expect(events[0]?.symbol).toBe('BTC/USDT');
    expect(events[3]?.symbol).toBeNull();
    // The position event carries what GET /v1/positions serves for that market
    const positions = await (await t.request('/v1/positions')).json();
    const position = (events[4]?.data as { position: { symbol: string; quantity: string } } | undefined)
      ?.position;
    if (!position) throw new Error('no position event');
    expect(position.symbol).toBe('BTC/USDT');
    expect(position.quantity).toBe(
      positions.data.find((p: { symbol: string }) => p.symbol === 'BTC/USDT').quantity,
    );
    for (const event of events) expect(Date.parse(event.time)).not.toBeNaN();
  });

  it(`filters by type prefix and by symbol; events without a symbol pass a symbol filter (${driver})`, async () => {
    const orders = await open('?types=order.*&symbols=ETH-USDT');
    const fillsBtc = await open(`?types=${encodeURIComponent('fill,control.*')}&symbols=BTC/USDT`);
    await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '0.1' });
    burst(0, 1);
    const ethOrders = await orders.take(2);
    expect(ethOrders.map((e) => [e.type, e.symbol])).toEqual([
      ['order.created', 'ETH/USDT'],
      ['order.updated', 'ETH/USDT'],
    ]);
    const btc = await fillsBtc.take(2);
    expect(btc.map((e) => [e.type, e.symbol])).toEqual([
      ['fill', 'BTC/USDT'],
      ['control.loop', null],
    ]);
    orders.close();
    fillsBtc.close();
  });

  it(`resumes with Last-Event-ID after a disconnect mid-burst: every event once, none missing (${driver})`, async () => {
    const N = 300;
    const received: WireEvent[] = [];
    let stream = await open('?types=control.loop');
    // Before the disconnect: part of the burst is read, then the client goes away mid-burst
    burst(0, 150);
    received.push(...(await stream.take(60)));
    stream.close();
    await until(() => t.server.services.eventStore.listenerCount === 0);
    // While disconnected
    burst(150, 75);
    await t.server.services.eventStore.idle();
    const last = received.at(-1)?.id as string;
    stream = await open('?types=control.loop', { 'Last-Event-ID': last });
    // After reconnecting (the replay and these race: none may be lost or sent twice)
    burst(225, N - 225);
    received.push(...(await stream.take(N - 60)));
    // Nothing more is pending
    burst(N, 1);
    const extra = await stream.nextEvent();
    stream.close();
    expect((extra?.data as { loop: { n: number } } | undefined)?.loop.n).toBe(N);

    const marks = received.map((e) => (e.data as { loop: { n: number } }).loop.n);
    expect(marks).toEqual(Array.from({ length: N }, (_, i) => i));
    const ids = received.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as number);
    // The same events, by id, as history has them
    const history = await (
      await t.request(`/v1/events/history?types=control.loop&after=${Number(received[0]?.id) - 1}&limit=500`)
    ).json();
    expect(history.data.slice(0, N).map((e: WireEvent) => e.id)).toEqual(received.map((e) => e.id));
  });

  it(`resumes from the lastEventId query parameter, the header winning over it (${driver})`, async () => {
    burst(1000, 3);
    await t.server.services.eventStore.idle();
    const history = await (await t.request('/v1/events/history?types=control.loop&limit=500')).json();
    const tail = history.data.slice(-3) as WireEvent[];
    const first = tail[0] as WireEvent;
    const byQuery = await open(`?types=control.loop&lastEventId=${first.id}`);
    expect((await byQuery.take(2)).map((e) => e.id)).toEqual([tail[1]?.id, tail[2]?.id]);
    byQuery.close();
    const byHeader = await open('?types=control.loop&lastEventId=0', {
      'Last-Event-ID': tail[1]?.id as string,
    });
    expect((await byHeader.take(1)).map((e) => e.id)).toEqual([tail[2]?.id]);
    byHeader.close();
  });

  it(`sends a heartbeat comment every heartbeatSeconds (${driver})`, async () => {
    const stream = await open('?heartbeatSeconds=1&types=nothing.*');
    const started = Date.now();
    let frame = await stream.next(3_000);
    while (frame && !frame.comments.includes('ping')) frame = await stream.next(3_000);
    expect(frame?.comments).toContain('ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    stream.close();
  });

  it(`stops sending to a client that disconnects (${driver})`, async () => {
    await until(() => t.server.services.eventStore.listenerCount === 0);
    const a = await open();
    const b = await open();
    await until(() => t.server.services.eventStore.listenerCount === 2);
    a.close();
    b.close();
    await until(() => t.server.services.eventStore.listenerCount === 0);
  });

  it(`answers 401 without a key and 422 for a bad query, before any stream (${driver})`, async () => {
    const noKey = await fetch(`${base}/v1/events`);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await t.request('/v1/events/history', { key: null })).status).toBe(401);
    for (const [query, path] of [
      ['?types=Order!', 'query.types'],
      ['?types=order.*,', 'query.types'],
      ['?symbols=BTCUSDT', 'query.symbols'],
      ['?heartbeatSeconds=0', 'query.heartbeatSeconds'],
      ['?lastEventId=abc', 'query.lastEventId'],
      ['?nope=1', 'query.nope'],
    ] as const) {
      const res = await fetch(`${base}/v1/events${query}`, { headers: auth() });
      expect(res.status, query).toBe(422);
      const problem = await res.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const header = await fetch(`${base}/v1/events`, { headers: { ...auth(), 'Last-Event-ID': 'x1' } });
    expect(header.status).toBe(422);
    expect((await header.json()).errors[0].path).toBe('header.Last-Event-ID');
    const history = await t.request('/v1/events/history?after=-1');
    expect(history.status).toBe(422);
  });

  it(`pages the stored events with after and limit, filtered (${driver})`, async () => {
    burst(2000, 7);
    const all = await (await t.request('/v1/events/history?types=control.loop&limit=500')).json();
    const mine = (all.data as WireEvent[]).filter(
      (e) => ((e.data as { loop: { n: number } }).loop?.n ?? 0) >= 2000,
    );
    expect(mine).toHaveLength(7);
    let after = String(Number(mine[0]?.id) - 1);
    const pages: string[][] = [];
    for (;;) {
      const res = await t.request(`/v1/events/history?types=control.*&after=${after}&limit=3`);
      expect(res.status).toBe(200);
      const page = await res.json();
      if (page.data.length === 0) {
        expect(page.lastEventId).toBe(after);
        break;
      }
      pages.push(page.data.map((e: WireEvent) => e.id));
      expect(page.lastEventId).toBe(page.data.at(-1).id);
      after = page.lastEventId;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(mine.map((e) => e.id));

    const btcFills = await (await t.request('/v1/events/history?types=fill&symbols=BTC-USDT')).json();
    expect(btcFills.data.length).toBeGreaterThan(0);
    for (const e of btcFills.data) expect([e.type, e.symbol]).toEqual(['fill', 'BTC/USDT']);
    const empty = await (await t.request('/v1/events/history?types=nothing')).json();
    expect(empty).toEqual({ data: [], lastEventId: null });
  });
});
