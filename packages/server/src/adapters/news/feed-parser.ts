import type { NewsItem } from '@sigmax/engine';
import { assetsIn } from './news-source';

/**
 * A small, tolerant reader of RSS 2.0, RSS 1.0 (RDF) and Atom feeds: it takes the title, link and date
 * of each `<item>` or `<entry>` and ignores everything else. Items without a title or a readable date
 * are skipped rather than failing the feed. Not a validating XML parser: feeds in the wild are not
 * always valid XML, and headlines are all an analysis needs.
 *
 * @example
 * parseFeed('<rss><channel><item><title>Bitcoin up</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>', 'https://feed.example/rss');
 * // [{ time: 1704067200000, title: 'Bitcoin up', source: 'https://feed.example/rss', assets: ['BTC'] }]
 */
export function parseFeed(xml: string, source: string): NewsItem[] {
  const items: NewsItem[] = [];
  for (const match of xml.matchAll(/<(item|entry)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi)) {
    const body = match[2] ?? '';
    const title = cleanText(element(body, 'title') ?? '');
    const date = element(body, 'pubDate') ?? element(body, 'published') ?? element(body, 'updated');
    const dcDate = element(body, 'dc:date');
    const time = Date.parse(cleanText(date ?? dcDate ?? ''));
    if (!title || Number.isNaN(time)) continue;
    const url = link(body);
    items.push({ time, title, source, ...(url ? { url } : {}), assets: assetsIn(title) });
  }
  return items;
}

/** The text inside the first `<name …>…</name>` of `xml`, if any. */
function element(xml: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}\\s*>`, 'i').exec(xml);
  return match?.[1];
}

/** RSS `<link>url</link>`, or Atom `<link href="url"/>` (the `alternate` one when there are several). */
function link(xml: string): string | undefined {
  const text = element(xml, 'link');
  if (text?.trim()) return httpUrl(cleanText(text));
  const links = [...xml.matchAll(/<link\b([^>]*)\/?>/gi)].map((m) => m[1] ?? '');
  const chosen = links.find((attrs) => !/rel\s*=/.test(attrs) || /rel\s*=\s*["']alternate["']/.test(attrs));
  const href = chosen && /href\s*=\s*["']([^"']+)["']/.exec(chosen)?.[1];
  return href ? httpUrl(decodeEntities(href)) : undefined;
}

function httpUrl(value: string): string | undefined {
  return /^https?:\/\//i.test(value) ? value : undefined;
}

/** CDATA unwrapped, tags dropped, entities decoded, whitespace collapsed. */
function cleanText(value: string): string {
  const unwrapped = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  // Twice: escaped HTML (`&lt;b&gt;`, as in Atom's `type="html"`) is markup once decoded.
  return stripTags(decodeEntities(stripTags(unwrapped)))
    .replace(/\s+/g, ' ')
    .trim();
}

function stripTags(value: string): string {
  return value.replace(/<\/?[a-z][^>]*>/gi, ' ');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number(entity.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}
