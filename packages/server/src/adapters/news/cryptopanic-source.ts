import type { NewsItem } from '@sigmax/engine';
import {
  assetsIn,
  fetchWithTimeout,
  type NewsSource,
  NewsUnavailableError,
  newestFirst,
} from './news-source';

/** CryptoPanic's posts API. */
export const CRYPTOPANIC_API_URL = 'https://cryptopanic.com/api/developer/v2/posts/';

export interface CryptoPanicNewsSourceOptions {
  /** The API token (a secret: it travels in the query string, so URLs are never logged). */
  token: string;
  timeoutMs: number;
  /** @default {@link CRYPTOPANIC_API_URL} */
  apiUrl?: string;
}

interface CryptoPanicPost {
  title?: unknown;
  published_at?: unknown;
  url?: unknown;
  original_url?: unknown;
  source?: { title?: unknown; domain?: unknown } | null;
  instruments?: Array<{ code?: unknown }> | null;
  currencies?: Array<{ code?: unknown }> | null;
}

/** Headlines from CryptoPanic's aggregator, filtered by currency. */
export class CryptoPanicNewsSource implements NewsSource {
  readonly name = 'cryptopanic';

  constructor(private readonly options: CryptoPanicNewsSourceOptions) {}

  async headlines(asset: string, limit: number): Promise<NewsItem[]> {
    const url = new URL(this.options.apiUrl ?? CRYPTOPANIC_API_URL);
    url.searchParams.set('auth_token', this.options.token);
    url.searchParams.set('currencies', asset.toUpperCase());
    url.searchParams.set('public', 'true');
    const response = await fetchWithTimeout(url.toString(), this.options.timeoutMs, 'CryptoPanic', {
      headers: { accept: 'application/json' },
    });
    let body: { results?: unknown };
    try {
      body = (await response.json()) as { results?: unknown };
    } catch (error) {
      throw new NewsUnavailableError('CryptoPanic: the answer is not JSON', { cause: error });
    }
    if (!Array.isArray(body.results)) throw new NewsUnavailableError('CryptoPanic: no results in the answer');
    const items: NewsItem[] = [];
    for (const post of body.results as CryptoPanicPost[]) {
      const title = typeof post.title === 'string' ? post.title.trim() : '';
      const time = typeof post.published_at === 'string' ? Date.parse(post.published_at) : Number.NaN;
      if (!title || Number.isNaN(time)) continue;
      const codes = (post.instruments ?? post.currencies ?? [])
        .map((c) => (typeof c.code === 'string' ? c.code.toUpperCase() : ''))
        .filter(Boolean);
      const link = typeof post.original_url === 'string' ? post.original_url : post.url;
      const domain = typeof post.source?.domain === 'string' ? post.source.domain : undefined;
      items.push({
        time,
        title,
        source: domain ? `cryptopanic:${domain}` : 'cryptopanic',
        ...(typeof link === 'string' && /^https?:\/\//.test(link) ? { url: link } : {}),
        assets: [...new Set([...codes, ...assetsIn(title)])].sort(),
      });
    }
    return newestFirst(
      items.filter((item) => item.assets.includes(asset.toUpperCase())),
      limit,
    );
  }
}
