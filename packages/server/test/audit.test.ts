import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, entryHash, GENESIS_HASH } from '../src/audit';
import { startTestServer, type TestServer, testDrivers } from './support';
import { keyWith, place, replayAt } from './support/trading';

interface Entry {
  seq: number;
  time: string;
  actor: { kind: 'api_key' | 'system'; apiKeyId: string | null };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

describe.each(await testDrivers())('audit log on %s', (driver) => {
  let t: TestServer;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestServer({ driver, market: replayAt('2021-01-04T00:00:00Z').feed });
    adminId = (await (await t.request('/v1/status')).json()).apiKey.id;
  }, 60_000);
  afterAll(() => t?.close());

  const audit = () => t.server.services.audit;
  const exec = (query: ReturnType<typeof sql>) => t.server.services.database.db.execute(query);

  async function entries(query = ''): Promise<Entry[]> {
    const res = await t.request(`/v1/audit?limit=500${query}`);
    expect(res.status).toBe(200);
    return (await res.json()).data;
  }

  async function verification() {
    const res = await t.request('/v1/audit/verify');
    expect(res.status).toBe(200);
    return res.json();
  }

  it('records what API keys do, with the key, the action and the target', async () => {
    const created = await (
      await t.request('/v1/api-keys', { json: { name: 'auditee', scopes: ['trade'] } })
    ).json();
    const order = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '20000',
    });
    expect((await t.request(`/v1/orders/${order.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.request(`/v1/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    await audit().idle();

    const log = await entries();
    const find = (action: string, target: string) =>
      log.find((entry) => entry.action === action && entry.target === target);
    const keyCreated = find('api_key.created', created.id);
    expect(keyCreated).toMatchObject({
      actor: { kind: 'api_key', apiKeyId: adminId },
      details: { name: 'auditee', scopes: ['trade'] },
    });
    expect(find('order.created', order.id)).toMatchObject({
      actor: { kind: 'api_key', apiKeyId: adminId },
      details: { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '20000' },
    });
    expect(find('order.canceled', order.id)?.actor).toEqual({ kind: 'api_key', apiKeyId: adminId });
    expect(find('api_key.revoked', created.id)?.actor.kind).toBe('api_key');

    // Newest first, numbered without gaps, each chained to the one before
    const seqs = log.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (let i = 0; i + 1 < log.length; i++) {
      expect(log[i]?.seq).toBe((log[i + 1]?.seq ?? 0) + 1);
      expect(log[i]?.prevHash).toBe(log[i + 1]?.hash);
    }
    const first = log.at(-1) as Entry;
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    // The documented hash, recomputed from what the API serves
    const { seq, time, actor, action, target, details } = first;
    expect(entryHash(first.prevHash, { seq, at: time, actor, action, target, details })).toBe(first.hash);
  });

  it('records the venue filling an order as the system', async () => {
    const order = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    await t.request('/v1/positions/BTC-USDT/close', { method: 'POST' });
    await audit().idle();
    const filled = await entries('&action=order.filled');
    expect(filled.find((entry) => entry.target === order.id)).toMatchObject({
      actor: { kind: 'system', apiKeyId: null },
      details: { to: 'filled', symbol: 'BTC/USDT', side: 'buy' },
    });
    const closed = await entries('&action=position.closed');
    expect(closed[0]).toMatchObject({ target: 'BTC/USDT', actor: { kind: 'api_key', apiKeyId: adminId } });
  });

  it('records backtests created and cancelled, and analyses created', async () => {
    const created = await t.request('/v1/backtests', {
      json: {
        kind: 'search',
        strategy: { name: 'sma-crossover' },
        data: {
          source: 'market',
          symbol: 'BTC/USDT',
          timeframe: '4h',
          from: '2017-01-01T00:00:00Z',
          to: '2023-01-01T00:00:00Z',
        },
        settings: { lotSize: '0.0001' },
        search: { ranges: { fast: { min: 2, max: 100, step: 1 }, slow: { min: 10, max: 400, step: 1 } } },
      },
    });
    expect(created.status).toBe(202);
    const job = await created.json();
    expect((await t.request(`/v1/backtests/${job.id}`, { method: 'DELETE' })).status).toBe(200);
    const analysis = await t.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital: '10000' } });
    expect(analysis.status).toBe(201);
    const { id: analysisId } = await analysis.json();
    await audit().idle();
    const actor = { kind: 'api_key', apiKeyId: adminId };
    expect((await entries('&action=backtest.created'))[0]).toMatchObject({
      target: job.id,
      actor,
      details: { kind: 'search', strategy: 'sma-crossover', source: 'market' },
    });
    expect((await entries('&action=backtest.cancelled'))[0]).toMatchObject({ target: job.id, actor });
    expect((await entries('&action=analysis.created'))[0]).toMatchObject({
      target: analysisId,
      actor,
      details: { symbol: 'BTC/USDT' },
    });
  }, 60_000);

  it('records system events of the bus: safety, proposals, control', async () => {
    const { events } = t.server.services;
    events.publish({
      type: 'safety.triggered',
      safety: {
        type: 'safety.triggered',
        at: '2030-01-01T00:00:00.000Z',
        trigger: 'consecutive_losses',
        action: 'HALTED',
        value: '3',
        threshold: '3',
        reason: 'three losses in a row',
        previousState: 'ACTIVE',
        state: 'HALTED',
      },
    });
    events.publish({
      type: 'control.loop',
      loop: {
        running: true,
        leader: true,
        symbols: ['BTC/USDT'],
        timeframe: '1h',
        startedAt: '2030-01-01T00:00:00.000Z',
        lastCycleAt: null,
        cycles: 0,
        lastError: null,
      },
    });
    await audit().idle();
    const safety = await entries('&action=safety.*');
    expect(safety[0]).toMatchObject({
      action: 'safety.triggered',
      target: 'consecutive_losses',
      actor: { kind: 'system', apiKeyId: null },
      details: { state: 'HALTED', previousState: 'ACTIVE', reason: 'three losses in a row' },
    });
    expect((await entries('&action=control.*'))[0]).toMatchObject({
      action: 'control.loop.started',
      details: { symbols: ['BTC/USDT'] },
    });
  });

  it('filters by action, exactly or by prefix, and pages with the cursor', async () => {
    const orders = await entries('&action=order.*');
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((entry) => entry.action.startsWith('order.'))).toBe(true);
    const exact = await entries('&action=order.created');
    expect(exact.every((entry) => entry.action === 'order.created')).toBe(true);
    expect(await entries('&action=order')).toEqual([]);

    const all = await entries();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await t.request(`/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = await res.json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((entry: Entry) => entry.seq));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((entry) => entry.seq));

    const bad = await t.request('/v1/audit?cursor=bm9wZQ');
    expect(bad.status).toBe(422);
  });

  it('never stores a secret', async () => {
    const secret = await keyWith(t, ['read']);
    await audit().record({
      actor: null,
      action: 'test.secrets',
      details: {
        apiKey: 'abc',
        exchange: { secret: 'shh', password: 'pw', token: 't', keyId: 'key_1' },
        note: `leaked ${secret}`,
      },
    });
    const text = JSON.stringify(await entries());
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sk_[A-Za-z0-9]{20,}/);
    const [entry] = await entries('&action=test.secrets');
    expect(entry?.details).toEqual({
      apiKey: '[redacted]',
      exchange: { secret: '[redacted]', password: '[redacted]', token: '[redacted]', keyId: 'key_1' },
      note: 'leaked [redacted]',
    });
    const rows = await exec(sql`select details::text as details from audit_log`);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('appends 50 concurrent records as one valid chain', async () => {
    const before = (await verification()).entries;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        audit().record({
          actor: { id: adminId },
          action: 'test.concurrent',
          target: `t${i}`,
          details: { i },
        }),
      ),
    );
    const result = await verification();
    expect(result).toMatchObject({ valid: true, entries: before + 50, firstInvalidSeq: null, problem: null });
    const concurrent = await entries('&action=test.concurrent');
    expect(new Set(concurrent.map((entry) => entry.seq)).size).toBe(50);
    expect(new Set(concurrent.map((entry) => entry.target)).size).toBe(50);
    expect(result.headHash).toBe((await entries())[0]?.hash);
  });

  it('two writers on one database (two servers) still make one chain', async () => {
    const { database, clock, logger } = t.server.services;
    const other = new AuditLog({ db: database.db, clock, logger });
    const before = (await verification()).entries;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? other : audit()).record({ actor: null, action: 'test.two_writers', details: { i } }),
      ),
    );
    await other.close();
    expect(await verification()).toMatchObject({ valid: true, entries: before + 40 });
    expect(await entries('&action=test.two_writers')).toHaveLength(40);
  });

  it('read and trade keys are refused', async () => {
    for (const scopes of [['read'], ['trade']]) {
      const key = await keyWith(t, scopes);
      expect((await t.request('/v1/audit', { key })).status).toBe(403);
      expect((await t.request('/v1/audit/verify', { key })).status).toBe(403);
    }
    expect((await t.request('/v1/audit', { key: null })).status).toBe(401);
  });

  describe('tampering', () => {
    // Each case restores the table afterwards, so the next one starts from a valid chain.
    async function tampered(change: () => Promise<unknown>) {
      await audit().idle();
      await exec(sql`create table audit_backup as select * from audit_log`);
      try {
        await change();
        return await verification();
      } finally {
        await exec(sql`delete from audit_log`);
        await exec(sql`insert into audit_log select * from audit_backup`);
        await exec(sql`drop table audit_backup`);
      }
    }

    it('starts from a valid chain', async () => {
      expect(await verification()).toMatchObject({ valid: true, firstInvalidSeq: null, problem: null });
    });

    it('detects an edited entry', async () => {
      const result = await tampered(() =>
        exec(sql`update audit_log set details = '{"name":"someone else"}'::jsonb where seq = 3`),
      );
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 3 });
      expect(result.problem).toBe('entry 3 was edited: its hash does not match its content');
      expect((await verification()).valid).toBe(true);
    });

    it('detects an edited actor, time or action', async () => {
      for (const change of [
        sql`update audit_log set api_key_id = 'key_forged' where seq = 2`,
        sql`update audit_log set at = at + interval '1 second' where seq = 2`,
        sql`update audit_log set action = 'nothing.happened' where seq = 2`,
      ]) {
        expect(await tampered(() => exec(change))).toMatchObject({ valid: false, firstInvalidSeq: 2 });
      }
    });

    it('detects an edited entry whose hash was recomputed: the next one no longer follows', async () => {
      const result = await tampered(async () => {
        const [row] = (await entries()).filter((entry) => entry.seq === 3);
        const e = row as Entry;
        const details = { forged: true };
        const hash = entryHash(e.prevHash, {
          seq: 3,
          at: e.time,
          actor: e.actor,
          action: e.action,
          target: e.target,
          details,
        });
        await exec(
          sql`update audit_log set details = ${JSON.stringify(details)}::jsonb, hash = ${hash} where seq = 3`,
        );
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 4 });
      expect(result.problem).toMatch(/^entry 4 does not follow/);
    });

    it('detects a deleted entry', async () => {
      const result = await tampered(() => exec(sql`delete from audit_log where seq = 5`));
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 5 });
      expect(result.problem).toBe('entry 5 is missing: the log jumps from 4 to 6');
    });

    it('detects a deleted first entry', async () => {
      const result = await tampered(() => exec(sql`delete from audit_log where seq = 1`));
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 1 });
    });

    it('detects entries deleted and the rest renumbered', async () => {
      const result = await tampered(async () => {
        await exec(sql`delete from audit_log where seq = 4`);
        await exec(sql`update audit_log set seq = -seq where seq > 4`);
        await exec(sql`update audit_log set seq = -seq - 1 where seq < 0`);
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 4 });
      expect(result.problem).toMatch(/^entry 4 does not follow/);
    });

    it('detects a forged entry appended at the head', async () => {
      const head = (await entries())[0] as Entry;
      const seq = head.seq + 1;
      const result = await tampered(() =>
        exec(
          sql`insert into audit_log (seq, at, actor_kind, api_key_id, action, target, details, prev_hash, hash)
              values (${seq}, now(), 'api_key', ${adminId}, 'api_key.created', 'key_x', '{}'::jsonb,
                      ${head.hash}, ${'f'.repeat(64)})`,
        ),
      );
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: seq, entries: seq });
      expect(result.problem).toBe(`entry ${seq} was edited: its hash does not match its content`);
    });

    it('detects a forged entry inserted before the first', async () => {
      const result = await tampered(() =>
        exec(
          sql`insert into audit_log (seq, at, actor_kind, api_key_id, action, target, details, prev_hash, hash)
              values (0, now(), 'system', null, 'x', null, '{}'::jsonb, ${GENESIS_HASH}, ${GENESIS_HASH})`,
        ),
      );
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 0 });
      expect(result.problem).toMatch(/out of sequence/);
    });

    it('detects two entries swapped', async () => {
      const result = await tampered(async () => {
        await exec(sql`update audit_log set seq = -1 where seq = 2`);
        await exec(sql`update audit_log set seq = 2 where seq = 3`);
        await exec(sql`update audit_log set seq = 3 where seq = -1`);
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 2 });
    });

    it('is valid again once restored', async () => {
      expect((await verification()).valid).toBe(true);
    });
  });
});

describe('audit verification of a long log', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('walks more than one page', async () => {
    const { audit } = t.server.services;
    const existing = (await audit.verify()).entries;
    await Promise.all(
      Array.from({ length: 1_100 }, (_, i) =>
        audit.record({ actor: null, action: 'test.bulk', details: { i } }),
      ),
    );
    expect(await audit.verify()).toMatchObject({ valid: true, entries: existing + 1_100 });
    await t.server.services.database.db.execute(sql`update audit_log set target = 'x' where seq = 1050`);
    expect(await audit.verify()).toMatchObject({ valid: false, firstInvalidSeq: 1050 });
  }, 60_000);
});
