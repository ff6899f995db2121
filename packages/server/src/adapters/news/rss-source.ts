import type { NewsItem } from '@sigmax/engine';
import { parseFeed } from './feed-parser';
import { fetchWithTimeout, type NewsSource, NewsUnavailableError, newestFirst } from './news-source';

export interface RssNewsSourceOptions {
  /** RSS or Atom feed URLs. */
  urls: readonly string[];
  /** Milliseconds to wait for each feed. */
  timeoutMs: number;
  /** Milliseconds a fetched feed is reused before it is fetched again. @default 60 000 */
  ttlMs?: number;
  /** Milliseconds since the epoch, for the cache. @default Date.now */
  now?: () => number;
}

/**
 * Headlines from RSS/Atom feeds, read in parallel. A feed that fails is left out; when every feed
 * fails the source is unavailable. Feeds that answered are cached for `ttlMs`, so analyses in quick
 * succession do not fetch them again.
 */
export class RssNewsSource implements NewsSource {
  readonly name = 'rss';
  private readonly cache = new Map<string, { items: NewsItem[]; at: number }>();

  constructor(private readonly options: RssNewsSourceOptions) {}

  async headlines(asset: string, limit: number): Promise<NewsItem[]> {
    const results = await Promise.allSettled(this.options.urls.map((url) => this.feed(url)));
    const read = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (read.length === 0) {
      const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : ''));
      throw new NewsUnavailableError(`no news feed answered (${reasons.join('; ')})`);
    }
    const about = read.flat().filter((item) => item.assets.includes(asset.toUpperCase()));
    return newestFirst(about, limit);
  }

  private async feed(url: string): Promise<NewsItem[]> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(url);
    if (cached && now - cached.at < (this.options.ttlMs ?? 60_000)) return cached.items;
    const where = feedName(url);
    const response = await fetchWithTimeout(url, this.options.timeoutMs, where, {
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
    });
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new NewsUnavailableError(`${where}: the feed could not be read`, { cause: error });
    }
    if (!/<(rss|feed|rdf:RDF)\b/i.test(text))
      throw new NewsUnavailableError(`${where}: not an RSS or Atom feed`);
    const items = parseFeed(text, where);
    this.cache.set(url, { items, at: now });
    return items;
  }
}

/** A feed URL without its query string (which may carry a key), for messages and `source`. */
function feedName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'feed';
  }
}
