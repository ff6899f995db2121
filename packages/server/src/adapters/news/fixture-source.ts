import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewsItem } from '@sigmax/engine';
import { z } from 'zod';
import { assetsIn, type NewsSource, newestFirst } from './news-source';

/** The sample headlines shipped with the server (see data/news/README.md: fixtures, not real news). */
export const SHIPPED_NEWS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/news');

const fixtureFile = z.array(
  z.strictObject({
    time: z.iso.datetime({ offset: true }),
    title: z.string().min(1),
    url: z.url().optional(),
    assets: z.array(z.string().regex(/^[A-Z0-9]{2,12}$/)).optional(),
  }),
);

/**
 * Headlines from the JSON files of a folder (the shipped fixtures by default), read once. Offline and
 * deterministic: the same files give the same news, so analyses on the replay market are reproducible.
 */
export class FixtureNewsSource implements NewsSource {
  readonly name = 'fixtures';
  private items: NewsItem[] | undefined;

  constructor(private readonly dir: string = SHIPPED_NEWS_DIR) {}

  async headlines(asset: string, limit: number): Promise<NewsItem[]> {
    this.items ??= readFixtures(this.dir);
    return newestFirst(
      this.items.filter((item) => item.assets.includes(asset.toUpperCase())),
      limit,
    );
  }
}

/** Every `*.json` file of `dir` as news items, `source` being `fixture:<file name>`. */
export function readFixtures(dir: string): NewsItem[] {
  const items: NewsItem[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const parsed = fixtureFile.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`news fixture ${file}: ${parsed.error.issues[0]?.message}`);
    for (const entry of parsed.data) {
      items.push({
        time: Date.parse(entry.time),
        title: entry.title,
        source: `fixture:${file.replace(/\.json$/, '')}`,
        ...(entry.url ? { url: entry.url } : {}),
        assets: entry.assets ?? assetsIn(entry.title),
      });
    }
  }
  return items;
}
