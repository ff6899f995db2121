import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MarketDataError, type MarketDataFeed } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartableStorage, startTestServer, type TestServer } from './support';
import { keyWith, place, replayAt } from './support/trading';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
type Json = any;

const START = '2021-01-04T00:00:00Z';

async function call(t: TestServer, path: string, body: unknown, status = 200, key?: string): Promise<Json> {
  const res = await t.request(path, {
    method: 'POST',
    ...(body === undefined ? {} : { json: body }),
    ...(key ? { key } : {}),
  });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  return json;
}

async function safety(t: TestServer): Promise<Json> {
  return (await t.request('/v1/safety')).json();
}

const trigger = (status: Json, name: string) => status.triggers.find((x: Json) => x.name === name);

async function limits(t: TestServer, body: unknown): Promise<Json> {
  const res = await t.request('/v1/safety/limits', { method: 'PUT', json: body });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

/** A round trip that loses the spread and the fees. */
async function losingRoundTrip(t: TestServer, quantity = '0.01'): Promise<void> {
  await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity });
  await place(t, { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity });
}

/** Waits until the safety state is `state` (triggers fire on events, a moment after the order answers). */
async function until(t: TestServer, state: string): Promise<Json> {
  const end = Date.now() + 5000;
  for (;;) {
    const status = await safety(t);
    if (status.state === state || Date.now() > end) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('auto-pause triggers, end to end through the API', () => {
  it('consecutive losses: three losing round trips reduce trading; resuming needs force and admin', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      await losingRoundTrip(t);
      await losingRoundTrip(t);
      expect((await safety(t)).state).toBe('ACTIVE');
      await losingRoundTrip(t);
      const status = await until(t, 'REDUCING');
      expect(status.state).toBe('REDUCING');
      expect(trigger(status, 'consecutive_losses')).toMatchObject({
        tripped: true,
        value: '3',
        threshold: '3',
      });
      const refused = await t.request('/v1/orders', {
        json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
      });
      expect(refused.status).toBe(409);
      expect((await refused.json()).code).toBe('trading_paused');

      const trader = await keyWith(t, ['trade']);
      expect((await call(t, '/v1/control/resume', {}, 409, trader)).code).toBe('resume_needs_force');
      expect((await call(t, '/v1/control/resume', { force: true }, 403, trader)).code).toBe('forbidden');
      const resumed = await call(t, '/v1/control/resume', { force: true, reason: 'checked' });
      expect(resumed.state).toBe('ACTIVE');
      await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('daily loss: a loss beyond the limit reduces trading', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      await limits(t, {
        safety: { triggers: { consecutiveLosses: { enabled: false }, dailyLoss: { limit: '5' } } },
      });
      await losingRoundTrip(t, '0.5');
      const status = await until(t, 'REDUCING');
      expect(status.state).toBe('REDUCING');
      const daily = trigger(status, 'daily_loss');
      expect(daily.tripped).toBe(true);
      expect(Number(daily.value)).toBeLessThan(-5);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('API error burst: exchange failures halt trading', async () => {
    const { feed } = replayAt(START);
    let failing = false;
    const flaky: MarketDataFeed = new Proxy(feed, {
      get(target, prop, receiver) {
        if (prop === 'getTicker' && failing) {
          return async () => {
            throw new MarketDataError('exchange_unavailable', 'the exchange does not answer');
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const t = await startTestServer({ market: flaky });
    try {
      await limits(t, { safety: { triggers: { apiErrors: { threshold: 3 } } } });
      failing = true;
      for (let i = 0; i < 3; i++) expect((await t.request('/v1/markets/BTC-USDT/ticker')).status).toBe(503);
      const status = await until(t, 'HALTED');
      expect(status.state).toBe('HALTED');
      expect(trigger(status, 'api_errors')).toMatchObject({ tripped: true, value: '3' });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('slippage: a fill far from the quote reduces trading', async () => {
    const t = await startTestServer({ market: replayAt(START).feed, config: { paperSlippageBps: '120' } });
    try {
      await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
      const status = await until(t, 'REDUCING');
      expect(status.state).toBe('REDUCING');
      const slip = trigger(status, 'slippage');
      expect(slip.tripped).toBe(true);
      expect(Number(slip.value)).toBeGreaterThan(50);
    } finally {
      await t.close();
    }
  }, 60_000);

  describe('from the analyses: sentiment and privacy', () => {
    let feeds: Server;
    let url = '';
    let feedXml = '';
    beforeAll(async () => {
      feeds = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml),
      );
      await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/rss`;
    });
    afterAll(() => new Promise<void>((r) => feeds.close(() => r())));
    const rss = (titles: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${titles
        .map(
          (title) => `<item><title>${title}</title><pubDate>Mon, 30 Dec 2019 10:00:00 GMT</pubDate></item>`,
        )
        .join('')}</channel></rss>`;

    it('sentiment below the floor reduces trading', async () => {
      feedXml = rss([
        'Bitcoin crashes as exchange hacked, funds stolen',
        'Bitcoin plunges on fraud lawsuit and ban fears',
        'BTC crash deepens, panic selling',
      ]);
      const t = await startTestServer({
        market: replayAt('2020-01-01T00:00:00Z').feed,
        config: { newsSource: 'rss', newsRssUrls: url },
      });
      try {
        await limits(t, { safety: { triggers: { sentiment: { floor: -0.2 } } } });
        const analysis = await call(t, '/v1/analyses', { symbol: 'BTC/USDT' }, 201);
        expect(analysis.missingInputs).not.toContain('news');
        const status = await until(t, 'REDUCING');
        expect(status.state).toBe('REDUCING');
        const s = trigger(status, 'sentiment');
        expect(s.tripped).toBe(true);
        expect(Number(s.value)).toBeLessThan(-0.2);
      } finally {
        await t.close();
      }
    }, 60_000);

    it('a privacy breach found by the privacy agent halts trading', async () => {
      // A headline the researcher quotes (it moves sentiment), carrying a leaked token.
      feedXml = rss([
        'Bitcoin exchange hacked, funds stolen: Bearer abcdefghijklmnopqrstuvwxyz0123456789 leaked',
      ]);
      const t = await startTestServer({
        market: replayAt('2020-01-01T00:00:00Z').feed,
        config: { newsSource: 'rss', newsRssUrls: url },
      });
      try {
        await call(t, '/v1/analyses', { symbol: 'BTC/USDT' }, 201);
        const status = await until(t, 'HALTED');
        expect(status.state).toBe('HALTED');
        expect(trigger(status, 'privacy_breach')).toMatchObject({ tripped: true, value: '1' });
        expect(JSON.stringify(status)).not.toContain('abcdefghijklmnop');
      } finally {
        await t.close();
      }
    }, 60_000);
  });
});

describe('pause, resume and panic', () => {
  it('a pause survives a restart with the same database', async () => {
    const storage = await restartableStorage('pglite', 'safety');
    try {
      const first = await startTestServer({ market: replayAt(START).feed, config: storage.config });
      const paused = await call(first, '/v1/control/pause', { reason: 'maintenance window' });
      expect(paused).toMatchObject({ state: 'HALTED', reason: 'maintenance window', pausedUntil: null });
      await first.close();
      const second = await startTestServer({ market: replayAt(START).feed, config: storage.config });
      try {
        const status = await safety(second);
        expect(status).toMatchObject({ state: 'HALTED', reason: 'maintenance window' });
        const refused = await second.request('/v1/orders', {
          json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
        });
        expect(refused.status).toBe(409);
        expect((await call(second, '/v1/control/resume', {})).state).toBe('ACTIVE');
      } finally {
        await second.close();
      }
    } finally {
      await storage.cleanup();
    }
  }, 60_000);

  it('a timed pause ends by itself', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      const paused = await call(t, '/v1/control/pause', { reason: 'short', durationSeconds: 1 });
      expect(paused.state).toBe('HALTED');
      expect(paused.pausedUntil).not.toBeNull();
      await new Promise((r) => setTimeout(r, 1100));
      expect((await safety(t)).state).toBe('ACTIVE');
    } finally {
      await t.close();
    }
  }, 60_000);

  it('panic cancels every open order, closes every position and halts', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.3' });
      await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '2' });
      const resting = await place(t, {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.01',
        price: '1000',
      });
      const restingSell = await place(t, {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'limit',
        quantity: '0.1',
        price: '99000',
      });
      const report = await call(t, '/v1/control/panic', { reason: 'drill' });
      expect(report.errors).toEqual([]);
      expect(report.canceledOrders).toEqual(expect.arrayContaining([resting.id, restingSell.id]));
      expect(report.closingOrders.map((o: Json) => o.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
      expect(report.safety.state).toBe('HALTED');
      const open = await (await t.request('/v1/orders?status=open&status=partially_filled')).json();
      expect(open.data).toEqual([]);
      const positions = await (await t.request('/v1/positions')).json();
      expect(positions.data.filter((p: Json) => Number(p.quantity) > 0)).toEqual([]);
      const refused = await t.request('/v1/orders', {
        json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
      });
      expect(refused.status).toBe(409);
      expect((await call(t, '/v1/control/resume', {}, 409)).code).toBe('resume_needs_force');
    } finally {
      await t.close();
    }
  }, 60_000);

  it('an executed proposal carries its stop-loss and take-profit; a stop that fires closes the position and cools the symbol down', async () => {
    const replay = replayAt(START);
    const t = await startTestServer({ market: replay.feed });
    try {
      const proposal = await call(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
      const executed = await call(t, `/v1/proposals/${proposal.id}/execute`, undefined);
      const exits = (await safety(t)).exits;
      expect(exits).toEqual([
        expect.objectContaining({
          symbol: 'BTC/USDT',
          stopLoss: proposal.stopLoss,
          takeProfit: proposal.takeProfit,
        }),
      ]);
      expect(executed.status).toBe('executed');
      // Move the stop above the market: the next candle's range is below it, so it fires.
      const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
      await t.server.services.safety.attachExits(
        'BTC/USDT',
        exits[0].entryPrice,
        String(Math.round(Number(ticker.last) * 2)),
        null,
      );
      replay.wall.advance(4 * 3_600_000);
      replay.feed.poll();
      const end = Date.now() + 10_000;
      let status: Json;
      do {
        await new Promise((r) => setTimeout(r, 50));
        status = await safety(t);
      } while (status.locks.length === 0 && Date.now() < end);
      expect(status.exits).toEqual([]);
      expect(status.locks).toEqual([expect.objectContaining({ symbol: 'BTC/USDT', protection: 'cooldown' })]);
      const positions = await (await t.request('/v1/positions')).json();
      expect(positions.data.filter((p: Json) => Number(p.quantity) > 0)).toEqual([]);
      // A locked symbol takes no new exposure.
      const refused = await t.request('/v1/orders', {
        json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
      });
      expect(refused.status).toBe(409);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('a read-only key cannot trade, propose or control', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      const reader = await keyWith(t, ['read']);
      const order = { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' };
      expect((await call(t, '/v1/orders', order, 403, reader)).code).toBe('forbidden');
      expect((await call(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 403, reader)).code).toBe('forbidden');
      expect((await call(t, '/v1/control/pause', { reason: 'x' }, 403, reader)).code).toBe('forbidden');
      expect((await call(t, '/v1/control/panic', {}, 403, reader)).code).toBe('forbidden');
      expect((await call(t, '/v1/control/start', {}, 403, reader)).code).toBe('forbidden');
      const res = await t.request('/v1/safety/limits', { method: 'PUT', json: { risk: {} }, key: reader });
      expect(res.status).toBe(403);
      expect((await t.request('/v1/safety', { key: reader })).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses bad limits with 422 naming the field, and keeps the old ones', async () => {
    const t = await startTestServer({ market: replayAt(START).feed });
    try {
      const before = await safety(t);
      const res = await t.request('/v1/safety/limits', {
        method: 'PUT',
        json: { compliance: { allowList: ['BTC/USDT'], denyList: ['BTC/USDT'] } },
      });
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.errors.map((e: Json) => e.path)).toContain('body.compliance.denyList[0]');
      expect((await safety(t)).limits).toEqual(before.limits);
    } finally {
      await t.close();
    }
  }, 60_000);
});
