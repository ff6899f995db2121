import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A time-ordered id such as `key_01JD3X…`: a prefix naming the resource, 10 characters of
 * millisecond time and 16 random ones (Crockford base32, like a ULID). Sorting ids sorts by
 * creation time, which is what cursor pagination walks.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (const byte of bytes) random += CROCKFORD[byte % 32];
  return `${prefix}_${time}${random}`;
}

/** Opaque cursors: the last id of a page, base64url-encoded so clients do not build them by hand. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z]+_[0-9A-Z]{26}$/.test(id) ? id : null;
}
