import { ApiError } from './problem';

/**
 * Cursor pagination, the one way every list does it: a route asks the database for `limit + 1` rows
 * after (or before) the cursor's position; {@link page} keeps `limit` of them and, when there was one
 * more, makes the next cursor from the last row kept. Cursors are opaque base64url text: a row id
 * (`key_…`, `ord_…`), or a list name and a sequence number for rows numbered by a sequence (fills,
 * equity points), so a cursor from one list is refused by another.
 */

/** The row id in `cursor` (undefined without one); 422 `query.cursor` for anything else. */
export function idCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z]+_[0-9A-Z]{26}$/.test(id)) throw badCursor();
  return id;
}

/** The sequence number in a cursor of `list` (undefined without one); 422 `query.cursor` for anything else. */
export function seqCursor(list: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^([a-z]+):([0-9]{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || match[1] !== list) throw badCursor();
  return Number(match[2]);
}

/** The cursor pointing after the row with this id. */
export function encodeIdCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** The cursor pointing after the row numbered `seq` of `list`. */
export function encodeSeqCursor(list: string, seq: number): string {
  return Buffer.from(`${list}:${seq}`, 'utf8').toString('base64url');
}

/** `limit` of the `limit + 1` rows fetched, and the cursor of the next page (null on the last). */
export function page<R>(
  rows: R[],
  limit: number,
  cursorOf: (last: R) => string,
): { data: R[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

function badCursor(): ApiError {
  return new ApiError(422, 'validation_failed', 'query.cursor: not a cursor from this list', {
    errors: [{ path: 'query.cursor', message: 'not a cursor from this list' }],
  });
}
