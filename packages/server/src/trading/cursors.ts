import { ApiError } from '../problem';

/**
 * Opaque cursors over rows numbered by a sequence (fills, equity points): the last number of a page,
 * base64url-encoded with the list's name so a cursor from one list is refused by another.
 */
export function encodeSeqCursor(list: string, seq: number): string {
  return Buffer.from(`${list}:${seq}`, 'utf8').toString('base64url');
}

/** The number in a cursor from {@link encodeSeqCursor}; 422 `query.cursor` for anything else. */
export function decodeSeqCursor(list: string, cursor: string): number {
  const match = /^([a-z]+):([0-9]{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || match[1] !== list) throw badCursor();
  return Number(match[2]);
}

/** 422 for a cursor that did not come from the list it is given to. */
export function badCursor(): ApiError {
  return new ApiError(422, 'validation_failed', 'query.cursor: not a cursor from this list', {
    errors: [{ path: 'query.cursor', message: 'not a cursor from this list' }],
  });
}
