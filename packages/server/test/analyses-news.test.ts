import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CryptoPanicNewsSource,
  FixtureNewsSource,
  NewsUnavailableError,
  parseFeed,
  RssNewsSource,
} from '../src/adapters/news';
import { parseConfig } from '../src/config';
import { findAnalysisInput } from '../src/db/queries/analyses';
import { startTestServer, type TestServer } from './support';
import { replayAt } from './support/trading';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title>
  <item><title><![CDATA[Bitcoin miners &amp; whales accumulate]]></title><link>https://news.example/1</link>
    <pubDate>Mon, 30 Dec 2019 10:00:00 GMT</pubDate></item>
  <item><title>Ether gas fees fall to a yearly low</title><link>https://news.example/2</link>
    <pubDate>Sun, 29 Dec 2019 08:00:00 GMT</pubDate></item>
  <item><title>Markets quiet before the new year</title><pubDate>Sat, 28 Dec 2019 08:00:00 GMT</pubDate></item>
  <item><title>BTC slips &#8212; then recovers</title><pubDate>not a date</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title>
  <entry><title type="html">Bitcoin &lt;b&gt;breaks&lt;/b&gt; out</title>
    <link rel="self" href="https://atom.example/self"/><link rel="alternate" href="https://atom.example/a"/>
    <updated>2019-12-31T12:00:00Z</updated></entry>
</feed>`;

/** A local feed server: `/rss`, `/atom`, `/slow` (answers after 2 s), `/html`, `/cryptopanic`, else 404. */
function feedServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    } else if (path === '/atom') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
    } else if (path === '/slow') {
      setTimeout(() => res.writeHead(200).end(RSS), 2000).unref();
    } else if (path === '/html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>');
    } else if (path === '/cryptopanic') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          results: [
            {
              title: 'Bitcoin ETF sees record volume',
              published_at: '2019-12-30T12:00:00Z',
              original_url: 'https://cp.example/1',
              source: { title: 'Example', domain: 'cp.example' },
              instruments: [{ code: 'BTC' }],
            },
            { title: 'No date', instruments: [{ code: 'BTC' }] },
          ],
        }),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        hits,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

describe('news sources', () => {
  let feeds: Awaited<ReturnType<typeof feedServer>>;
  beforeAll(async () => {
    feeds = await feedServer();
  });
  afterAll(() => feeds?.close());

  it('parses RSS and Atom tolerantly', () => {
    const items = parseFeed(RSS, 'test');
    expect(items.map((i) => i.title)).toEqual([
      'Bitcoin miners & whales accumulate',
      'Ether gas fees fall to a yearly low',
      'Markets quiet before the new year',
    ]);
    expect(items[0]).toEqual({
      time: Date.parse('2019-12-30T10:00:00Z'),
      title: 'Bitcoin miners & whales accumulate',
      source: 'test',
      url: 'https://news.example/1',
      assets: ['BTC'],
    });
    expect(items[1]?.assets).toEqual(['ETH']);
    expect(items[2]?.assets).toEqual([]);
    expect(parseFeed(ATOM, 'atom')).toEqual([
      {
        time: Date.parse('2019-12-31T12:00:00Z'),
        title: 'Bitcoin breaks out',
        source: 'atom',
        url: 'https://atom.example/a',
        assets: ['BTC'],
      },
    ]);
    expect(parseFeed('<rss><channel><item><title>', 'broken')).toEqual([]);
  });

  it('reads RSS feeds over HTTP, keeps what is about the asset, and caches', async () => {
    const source = new RssNewsSource({ urls: [`${feeds.url}/rss`, `${feeds.url}/atom`], timeoutMs: 1000 });
    const btc = await source.headlines('BTC', 10);
    expect(btc.map((i) => i.title)).toEqual(['Bitcoin breaks out', 'Bitcoin miners & whales accumulate']);
    expect(btc[1]?.source).toBe(`${feeds.url}/rss`);
    const hits = feeds.hits.length;
    expect((await source.headlines('ETH', 10)).map((i) => i.title)).toEqual([
      'Ether gas fees fall to a yearly low',
    ]);
    expect(feeds.hits.length).toBe(hits);
  });

  it('leaves out a feed that fails, and is unavailable when all fail', async () => {
    const partly = new RssNewsSource({ urls: [`${feeds.url}/rss`, `${feeds.url}/missing`], timeoutMs: 1000 });
    expect(await partly.headlines('BTC', 10)).toHaveLength(1);
    const none = new RssNewsSource({
      urls: [`${feeds.url}/missing`, `${feeds.url}/html`, `${feeds.url}/slow`, 'http://127.0.0.1:9/rss'],
      timeoutMs: 300,
    });
    const started = Date.now();
    const error = await none.headlines('BTC', 10).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(NewsUnavailableError);
    expect((error as Error).message).toMatch(
      /HTTP 404.*not an RSS or Atom feed.*no answer in 300 ms.*unreachable/,
    );
  });

  it('reads CryptoPanic with the token, and says so when it is down', async () => {
    const source = new CryptoPanicNewsSource({
      token: 'tok123',
      timeoutMs: 1000,
      apiUrl: `${feeds.url}/cryptopanic`,
    });
    const items = await source.headlines('BTC', 10);
    expect(items).toEqual([
      {
        time: Date.parse('2019-12-30T12:00:00Z'),
        title: 'Bitcoin ETF sees record volume',
        source: 'cryptopanic:cp.example',
        url: 'https://cp.example/1',
        assets: ['BTC'],
      },
    ]);
    expect(feeds.hits.at(-1)).toBe('/cryptopanic?auth_token=tok123&currencies=BTC&public=true');
    const down = new CryptoPanicNewsSource({
      token: 'tok123',
      timeoutMs: 1000,
      apiUrl: `${feeds.url}/missing`,
    });
    const error = await down.headlines('BTC', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsUnavailableError);
    expect((error as Error).message).not.toContain('tok123');
  });

  it('serves the shipped fixtures, newest first', async () => {
    const btc = await new FixtureNewsSource().headlines('BTC', 3);
    expect(btc).toHaveLength(3);
    expect(btc[0]?.time).toBeGreaterThan(btc[1]?.time ?? Number.POSITIVE_INFINITY);
    expect(btc.every((i) => i.assets.includes('BTC') && i.source.startsWith('fixture:'))).toBe(true);
  });

  it('asks the configuration for URLs and a token when the source needs them', () => {
    expect(() => parseConfig({ newsSource: 'rss' })).toThrow(/SIGMAX_NEWS_RSS_URLS/);
    expect(() => parseConfig({ newsSource: 'cryptopanic' })).toThrow(/SIGMAX_CRYPTOPANIC_TOKEN/);
    expect(() => parseConfig({ newsSource: 'rss', newsRssUrls: 'ftp://x/feed' })).toThrow(/http/);
    expect(
      parseConfig({ newsSource: 'rss', newsRssUrls: 'https://a.example/rss, https://b.example/atom' })
        .newsRssUrls,
    ).toEqual(['https://a.example/rss', 'https://b.example/atom']);
    expect(parseConfig({}).newsSource).toBe('fixtures');
  });
});

describe('analyses with live news', () => {
  let feeds: Awaited<ReturnType<typeof feedServer>>;
  let live: TestServer;
  let down: TestServer;
  beforeAll(async () => {
    feeds = await feedServer();
    const market = replayAt('2020-01-01T00:00:00Z').feed;
    live = await startTestServer({ market, config: { newsSource: 'rss', newsRssUrls: `${feeds.url}/rss` } });
    down = await startTestServer({
      market: replayAt('2020-01-01T00:00:00Z').feed,
      config: { newsSource: 'rss', newsRssUrls: 'http://127.0.0.1:9/rss', newsTimeoutMs: 300 },
    });
  }, 60_000);
  afterAll(async () => {
    await live?.close();
    await down?.close();
    await feeds?.close();
  });

  it('reads the feed when it answers', async () => {
    const res = await live.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital: '1000' } });
    const a = await res.json();
    expect(res.status, JSON.stringify(a)).toBe(201);
    expect(a.missingInputs).not.toContain('news');
    const stored = await findAnalysisInput(live.server.services.database.db, a.provenance.inputHash);
    expect(JSON.parse(stored ?? '{}').news.map((n: { title: string }) => n.title)).toEqual([
      'Bitcoin miners & whales accumulate',
    ]);
  });

  it('completes without news when the feed is unreachable, naming news as missing', async () => {
    const res = await down.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital: '1000' } });
    const a = await res.json();
    expect(res.status, JSON.stringify(a)).toBe(201);
    expect(a.missingInputs).toContain('news');
    const stored = await findAnalysisInput(down.server.services.database.db, a.provenance.inputHash);
    expect(JSON.parse(stored ?? '{}').news).toBeNull();
    // A rerun uses the stored input: still no news, same hash, whatever the feed does now.
    const rerun = await (await down.request(`/v1/analyses/${a.id}/rerun`, { method: 'POST' })).json();
    expect(rerun.missingInputs).toContain('news');
    expect(rerun.provenance.inputHash).toBe(a.provenance.inputHash);
  });
});
