import type { EventFilter } from '../db/queries/events';
import type { StoredEvent } from './store';

/** What an event's `type` looks like (`order.created`, `fill`, `safety.symbol_locked`). */
export const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** Splits `types` (`order.*,fill`) into exact types and prefixes; `undefined` for anything malformed. */
export function parseTypes(list: string): { types: string[]; prefixes: string[] } | undefined {
  const types: string[] = [];
  const prefixes: string[] = [];
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (item.endsWith('.*')) {
      const prefix = item.slice(0, -2);
      if (!EVENT_TYPE.test(prefix)) return undefined;
      prefixes.push(prefix);
    } else {
      if (!EVENT_TYPE.test(item)) return undefined;
      types.push(item);
    }
  }
  return { types, prefixes };
}

/** Whether a stored event passes `filter` (the same test the database query makes). */
export function matches(filter: EventFilter, event: Pick<StoredEvent, 'type' | 'symbol'>): boolean {
  const { types, prefixes, symbols } = filter;
  if (types?.length || prefixes?.length) {
    const ok =
      (types?.includes(event.type) ?? false) ||
      (prefixes?.some((prefix) => event.type.startsWith(`${prefix}.`)) ?? false);
    if (!ok) return false;
  }
  if (symbols?.length && event.symbol !== null && !symbols.includes(event.symbol)) return false;
  return true;
}

/** Whether the filter lets every event through. */
export function isEmptyFilter(filter: EventFilter): boolean {
  return !filter.types?.length && !filter.prefixes?.length && !filter.symbols?.length;
}
