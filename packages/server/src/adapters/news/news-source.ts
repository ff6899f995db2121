import type { NewsItem } from '@sigmax/engine';

/**
 * Where an analysis gets its news: a port with one adapter per source (RSS/Atom feeds, CryptoPanic, the
 * shipped fixtures). A source that cannot be reached rejects with {@link NewsUnavailableError}; the
 * analysis then goes on without news and lists `news` among its missing inputs.
 */
export interface NewsSource {
  /** `fixtures`, `rss` or `cryptopanic`. */
  readonly name: string;
  /** Headlines about `asset` (a base asset such as `BTC`), newest first, at most `limit`. */
  headlines(asset: string, limit: number): Promise<NewsItem[]>;
}

/** A news source did not answer, or answered with something that is not news. */
export class NewsUnavailableError extends Error {
  override name = 'NewsUnavailableError';
}

/** Names by which headlines refer to the common assets; any other asset is matched by its ticker. */
const ASSET_NAMES: Record<string, string[]> = {
  BTC: ['bitcoin', 'btc', 'xbt'],
  ETH: ['ethereum', 'eth', 'ether'],
  SOL: ['solana', 'sol'],
  XRP: ['ripple', 'xrp'],
  ADA: ['cardano', 'ada'],
  DOGE: ['dogecoin', 'doge'],
  USDT: ['tether', 'usdt'],
  USDC: ['usdc'],
};

/** The assets a headline is about, from the words in it: `Bitcoin tops $100k` → `['BTC']`. */
export function assetsIn(text: string, extra: readonly string[] = []): string[] {
  const words = new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const found = new Set<string>();
  for (const [asset, names] of Object.entries(ASSET_NAMES)) {
    if (names.some((name) => words.has(name))) found.add(asset);
  }
  for (const asset of extra) if (words.has(asset.toLowerCase())) found.add(asset.toUpperCase());
  return [...found].sort();
}

/** Newest first, then by title so that equal times have one order; at most `limit`. */
export function newestFirst(items: NewsItem[], limit: number): NewsItem[] {
  return [...items]
    .sort((a, b) => b.time - a.time || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, limit);
}

/** `fetch` with a time limit; any failure (network, timeout, non-2xx) is a {@link NewsUnavailableError}. */
export async function fetchWithTimeout(
  url: string,
  timeoutMs: number,
  what: string,
  init: RequestInit = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : 'unreachable';
    throw new NewsUnavailableError(`${what}: ${reason}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new NewsUnavailableError(`${what}: HTTP ${response.status}`);
  }
  return response;
}
