import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { restartableStorage, startTestServer } from './support';
import { replayAt } from './support/trading';

describe('event retention', () => {
  it('deletes stored events older than SIGMAX_EVENT_RETENTION_DAYS at start, and keeps the rest', async () => {
    const storage = await restartableStorage('pglite', 'retention');
    try {
      const first = await startTestServer({
        market: replayAt('2021-01-04T00:00:00Z').feed,
        config: storage.config,
      });
      const bus = first.server.services.events;
      for (let i = 0; i < 4; i++)
        bus.publish({ type: 'control.loop', loop: first.server.services.loop.status() });
      const history = async (t: typeof first) =>
        (await (await t.request('/v1/events/history?limit=500')).json()).data;
      const stored = await history(first);
      expect(stored.length).toBeGreaterThanOrEqual(4);
      // Two of them are made 40 days old.
      const old = stored.slice(0, 2).map((e: { id: string }) => Number(e.id));
      await first.server.services.database.db.execute(
        sql`update events set at = now() - interval '40 days' where seq in (${sql.join(old, sql`, `)})`,
      );
      await first.close();
      const second = await startTestServer({
        market: replayAt('2021-01-04T00:00:00Z').feed,
        config: { ...storage.config, eventRetentionDays: 30 },
      });
      try {
        const kept = (await history(second)).map((e: { id: string }) => Number(e.id));
        expect(kept).not.toContain(old[0]);
        expect(kept).not.toContain(old[1]);
        expect(kept.length).toBeGreaterThanOrEqual(stored.length - 2);
      } finally {
        await second.close();
      }
    } finally {
      await storage.cleanup();
    }
  }, 60_000);
});
