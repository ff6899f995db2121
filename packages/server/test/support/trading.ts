import { ManualClock } from '@sigmax/engine';
import { expect } from 'vitest';
import { ReplayFeed } from '../../src/adapters/market';
import type { TestServer } from './test-server';

/**
 * The replay of the shipped candles, standing still at `start` until the test moves its wall clock
 * (`wall.advance(ms)` moves market time by `ms × speed`), then `feed.poll()` delivers the candles that
 * closed meanwhile.
 */
export function replayAt(start: string, speed = 1): { feed: ReplayFeed; wall: ManualClock } {
  const wall = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
  const feed = new ReplayFeed(wall, {
    start,
    speed,
    symbols: ['BTC/USDT', 'ETH/USDT'],
    pollIntervalMs: 3_600_000,
  });
  return { feed, wall };
}

/** The replay standing at the very end of its data: its prices are stale. */
export function replayAtEnd(): ReplayFeed {
  const probe = replayAt('2021-01-01T00:00:00Z').feed;
  const end = probe.dataEnd;
  void probe.close();
  return replayAt(new Date(end).toISOString()).feed;
}

/** Places an order and expects `status`; returns the body. */
export async function place(
  t: TestServer,
  body: Record<string, unknown>,
  status = 201,
  init: { key?: string; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
): Promise<any> {
  const res = await t.request('/v1/orders', { json: body, ...init });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  return json;
}

/** Creates an API key with `scopes` and returns its secret. */
export async function keyWith(t: TestServer, scopes: string[]): Promise<string> {
  const res = await t.request('/v1/api-keys', { json: { name: `test-${scopes.join('-')}`, scopes } });
  expect(res.status).toBe(201);
  return (await res.json()).key;
}
