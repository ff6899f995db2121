import { once } from 'node:events';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { AuthenticationError, type Event, Sigmax, UnprocessableEntityError } from '@sigmax/sdk';
import { createServer, listen, parseConfig, type SigmaxServer } from '@sigmax/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// sigmax.events against the reference server listening on a port, reached through a TCP proxy
// that the tests cut to simulate a network failure.

const ADMIN = 'sk_sigmax_sdk_events_admin_key_0123456789ab';

/** Forwards 127.0.0.1:<port> to `target`; `cut()` destroys every open connection, both ways. */
async function tcpProxy(target: URL): Promise<{ url: string; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

const mark = (event: Event) => (event.data as unknown as { loop: { n: number } }).loop.n;

describe('sigmax.events against a listening server', () => {
  let server: SigmaxServer;
  let stop: () => Promise<void>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let sigmax: Sigmax;

  const publish = (from: number, count: number) => {
    for (let n = from; n < from + count; n++) {
      server.services.events.publish({ type: 'control.loop', loop: { n } as never });
    }
  };
  const listeners = () => server.services.eventStore.listenerCount;
  /** The id of the last event the first test received. */
  let lastSeen: string | undefined;

  beforeAll(async () => {
    server = await createServer(
      parseConfig({ dataDir: 'memory://', adminKey: ADMIN, logLevel: 'silent', port: 0, host: '127.0.0.1' }),
    );
    const running = await listen(server);
    stop = running.close;
    proxy = await tcpProxy(new URL(running.url));
    sigmax = new Sigmax({ baseUrl: proxy.url, apiKey: ADMIN, maxRetries: 0 });
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await stop?.();
  });

  it('receives live events and resumes after the connection is cut, without loss or duplicates', async () => {
    const N = 600;
    const received: Event[] = [];
    const reconnects: { lastEventId: string | undefined; error: unknown }[] = [];
    const controller = new AbortController();
    const done = (async () => {
      for await (const event of sigmax.events.stream({
        types: ['control.loop'],
        signal: controller.signal,
        initialDelayMs: 20,
        maxDelayMs: 200,
        onReconnect: (info) => reconnects.push(info),
      })) {
        received.push(event);
      }
    })();
    await until(() => listeners() === 1);

    // A burst; the connection is cut partway through reading it
    publish(0, 200);
    await until(() => received.length >= 50);
    proxy.cut();
    // More while the client is disconnected (or reconnecting)
    publish(200, 200);
    await until(() => reconnects.length >= 1 && listeners() === 1);
    // A second cut, right after publishing: whatever was in flight is lost with the socket
    publish(400, 100);
    proxy.cut();
    await until(() => reconnects.length >= 2 && listeners() === 1);
    publish(500, 100);
    await until(() => received.length >= N);
    await sleep(100);
    controller.abort();
    await done; // ends without throwing

    lastSeen = received.at(-1)?.id;
    expect(received.map(mark)).toEqual(Array.from({ length: N }, (_, i) => i));
    const ids = received.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe((ids[i - 1] as number) + 1);
    expect(reconnects.length).toBeGreaterThanOrEqual(2);
    for (const r of reconnects) expect(r.lastEventId).toMatch(/^[0-9]+$/);
    await until(() => listeners() === 0);
  });

  it('starts after lastEventId, and closes the connection when the loop breaks', async () => {
    publish(1000, 5);
    await server.services.eventStore.idle();
    const { data } = await sigmax.events.history({ types: 'control.loop', limit: 500, after: lastSeen });
    const lastFive = data.slice(-5);
    const seen: Event[] = [];
    for await (const event of sigmax.events.stream({
      types: 'control.*',
      lastEventId: lastFive[0]?.id as string,
    })) {
      seen.push(event);
      if (seen.length === 3) break;
    }
    expect(seen.map((e) => e.id)).toEqual(lastFive.slice(1, 4).map((e) => e.id));
    await until(() => listeners() === 0);
  });

  it('pages the history with after and limit', async () => {
    publish(2000, 5);
    await server.services.eventStore.idle();
    const all: Event[] = [];
    for (let after: string | undefined; ; ) {
      const page = await sigmax.events.history({ types: ['control.loop'], limit: 500, after });
      all.push(...page.data);
      if (page.data.length < 500) break;
      after = page.lastEventId ?? undefined;
    }
    const mine = all.filter((e) => mark(e) >= 2000);
    expect(mine).toHaveLength(5);
    const first = await sigmax.events.history({
      types: 'control.loop',
      after: String(Number(mine[0]?.id) - 1),
      limit: 2,
    });
    expect(first.data.map(mark)).toEqual([2000, 2001]);
    expect(first.lastEventId).toBe(first.data[1]?.id);
    const second = await sigmax.events.history({
      types: 'control.loop',
      after: first.lastEventId as string,
      limit: 2,
    });
    expect(second.data.map(mark)).toEqual([2002, 2003]);
  });

  it('throws at once for answers that retrying cannot change (401, 422)', async () => {
    const stranger = new Sigmax({
      baseUrl: proxy.url,
      apiKey: 'sk_sigmax_nobody_0000000000000000',
      maxRetries: 0,
    });
    const iterate = async (client: Sigmax, params = {}) => {
      for await (const _ of client.events.stream({ initialDelayMs: 10, ...params })) break;
    };
    await expect(iterate(stranger)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(iterate(sigmax, { types: 'Not A Type' })).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('gives up after maxReconnects failures in a row when the server is unreachable', async () => {
    const nowhere = new Sigmax({ baseUrl: 'http://127.0.0.1:9', apiKey: ADMIN });
    let attempts = 0;
    const iterate = async () => {
      for await (const _ of nowhere.events.stream({
        initialDelayMs: 5,
        maxReconnects: 2,
        onReconnect: () => attempts++,
      }))
        break;
    };
    await expect(iterate()).rejects.toThrow();
    expect(attempts).toBe(2);
  });
});
