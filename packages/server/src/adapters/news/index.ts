import type { Config } from '../../config';
import { CryptoPanicNewsSource } from './cryptopanic-source';
import { FixtureNewsSource } from './fixture-source';
import type { NewsSource } from './news-source';
import { RssNewsSource } from './rss-source';

export { CRYPTOPANIC_API_URL, CryptoPanicNewsSource } from './cryptopanic-source';
export { parseFeed } from './feed-parser';
export { FixtureNewsSource, readFixtures, SHIPPED_NEWS_DIR } from './fixture-source';
export { assetsIn, type NewsSource, NewsUnavailableError } from './news-source';
export { RssNewsSource } from './rss-source';

/**
 * The news source `newsSource` asks for: the shipped fixtures (the offline default), RSS/Atom feeds,
 * CryptoPanic, or none (`null`: analyses then run without news and say so).
 */
export function createNewsSource(
  config: Pick<Config, 'newsSource' | 'newsRssUrls' | 'cryptopanicToken' | 'newsTimeoutMs'>,
): NewsSource | null {
  switch (config.newsSource) {
    case 'fixtures':
      return new FixtureNewsSource();
    case 'rss':
      return new RssNewsSource({ urls: config.newsRssUrls, timeoutMs: config.newsTimeoutMs });
    case 'cryptopanic':
      if (!config.cryptopanicToken) return null;
      return new CryptoPanicNewsSource({ token: config.cryptopanicToken, timeoutMs: config.newsTimeoutMs });
    case 'none':
      return null;
  }
}
