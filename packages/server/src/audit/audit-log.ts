import { createHash } from 'node:crypto';
import { type Clock, canonicalJson } from '@sigmax/engine';
import type { Db } from '../db/database';
import {
  type AuditRow,
  auditEntriesAfter,
  auditHead,
  insertAuditEntry,
  listAuditEntries,
} from '../db/queries/audit';
import type { Principal } from '../env';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import type { Logger } from '../logger';
import { SerialQueue } from '../trading/serial-queue';
import { subscribeSystemEvents } from './system-events';

export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditVerification = components['schemas']['AuditVerification'];

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What {@link AuditLog.record} appends. */
export interface AuditRecord {
  /** Who did it: the request's principal (`c.get('principal')`), or `null` for the server itself. */
  actor: Pick<Principal, 'id'> | null;
  /** What was done, `<noun>.<verb>` in the past tense: `order.created`, `proposal.approved`. */
  action: string;
  /** The id of what was acted on (an order, a key, a proposal), if anything. */
  target?: string | null | undefined;
  /** Whatever else explains the action; JSON-like. Secrets are scrubbed, but do not pass any. */
  details?: Record<string, unknown> | undefined;
}

export interface AuditLogOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** When given, system events (safety, proposals, control, venue order outcomes) are recorded. */
  events?: EventBus;
}

/** Entries read per page by {@link AuditLog.verify}. */
const VERIFY_PAGE = 500;
/** Appends that lose the race for a `seq` to another server before giving up. */
const MAX_ATTEMPTS = 50;

/**
 * The tamper-evident audit log: every action that changes something, appended in order, each entry
 * carrying the hash of the one before, so editing, deleting or inserting an entry breaks the chain
 * that {@link AuditLog.verify} walks.
 *
 * An entry's hash is `sha256hex(prevHash + canonicalJson({ seq, at, actor, action, target, details }))`
 * with `at` as ISO 8601 and `actor` as `{ kind: 'api_key' | 'system', apiKeyId }`; the first entry's
 * `prevHash` is 64 zeros. Appends go through an in-process queue, one at a time, each chained to the
 * entry this server appended last; when another server sharing the database took the next `seq` first,
 * the append reads the new head and tries again.
 *
 * Routes record what an API key did after it is done; the server records its own events (see
 * `system-events.ts`).
 *
 * @example
 * // in a route, once the change is committed:
 * await c.env.services.audit.record({
 *   actor: c.get('principal'),
 *   action: 'proposal.approved',
 *   target: proposal.id,
 *   details: { symbol: proposal.symbol, reason },
 * });
 * // by the server itself:
 * await services.audit.record({ actor: null, action: 'control.loop.started', details: { symbols } });
 */
export class AuditLog {
  private readonly queue = new SerialQueue();
  private readonly unsubscribe: () => void;
  /** The entry this server appended last; saves reading the head back before the next append. */
  private head: { seq: number; hash: string } | undefined;

  constructor(private readonly options: AuditLogOptions) {
    this.unsubscribe = options.events ? subscribeSystemEvents(options.events, this) : () => {};
  }

  /**
   * Appends one entry. Resolves once it is stored. It never rejects: the action it describes has
   * already happened, and failing the request would invite a retry, so a database that refuses the
   * entry is logged at `error` instead.
   */
  record(entry: AuditRecord): Promise<void> {
    const at = this.options.clock.now();
    const details = scrubDetails(entry.details ?? {});
    return this.queue
      .run(() => this.append(at, entry, details))
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, action: entry.action, target: entry.target ?? null },
          'audit entry could not be stored',
        );
      });
  }

  /** A page of entries, newest first; `action` is exact or a prefix ending in `.*`. */
  async list(filter: { action?: string | undefined; before?: number | undefined; limit: number }) {
    return (await listAuditEntries(this.options.db, filter)).map(auditEntryBody);
  }

  /**
   * Walks every entry in `seq` order, a page at a time, recomputing each hash. Reports the first
   * entry that was edited (its hash does not match its content), is missing (a gap in `seq`), or does
   * not follow the one before (its `prevHash` is not that entry's hash: one was removed, inserted or
   * moved). A log whose newest entries were cut off, or rewritten wholesale with fresh hashes, still
   * verifies: compare `headHash` with a copy kept elsewhere to catch that.
   */
  async verify(): Promise<AuditVerification> {
    let entries = 0;
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let headHash: string | null = null;
    let firstInvalidSeq: number | null = null;
    let problem: string | null = null;
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await auditEntriesAfter(this.options.db, after, VERIFY_PAGE);
      for (const row of rows) {
        entries++;
        headHash = row.hash;
        if (firstInvalidSeq === null) {
          const found = checkEntry(row, expectedSeq, prevHash);
          if (found) ({ seq: firstInvalidSeq, problem } = found);
        }
        expectedSeq = row.seq + 1;
        prevHash = row.hash;
      }
      const last = rows.at(-1);
      if (!last || rows.length < VERIFY_PAGE) break;
      after = last.seq;
    }
    return { valid: firstInvalidSeq === null, entries, headHash, firstInvalidSeq, problem };
  }

  /** Resolves once every entry queued so far is stored (or given up on). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops recording system events and waits for queued entries. Call before closing the database. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.idle();
  }

  private async append(at: Date, entry: AuditRecord, details: Record<string, unknown>): Promise<void> {
    const { db } = this.options;
    const actor = entry.actor
      ? { kind: 'api_key' as const, apiKeyId: entry.actor.id }
      : { kind: 'system' as const, apiKeyId: null };
    const target = entry.target ?? null;
    for (let attempt = 1; ; attempt++) {
      // The head this server appended last, when it has one: another server's append in between
      // makes the insert below lose on `seq`, and the next attempt reads the head from the table.
      const head = this.head ?? (await auditHead(db));
      this.head = undefined;
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, {
        seq,
        at: at.toISOString(),
        actor,
        action: entry.action,
        target,
        details,
      });
      const stored = await insertAuditEntry(db, {
        seq,
        at,
        actorKind: actor.kind,
        apiKeyId: actor.apiKeyId,
        action: entry.action,
        target,
        details,
        prevHash,
        hash,
      });
      if (stored) {
        this.head = { seq, hash };
        return;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new Error(`audit seq ${seq} was taken ${MAX_ATTEMPTS} times in a row by other writers`);
      }
      // A short random pause, so that two busy writers do not keep colliding in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, attempt * 2)));
    }
  }
}

/** What an entry's hash covers. */
export interface HashedContent {
  seq: number;
  at: string;
  actor: { kind: 'api_key' | 'system'; apiKeyId: string | null };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** `sha256hex(prevHash + canonicalJson(content))`. */
export function entryHash(prevHash: string, content: HashedContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** The wire shape of a stored entry. */
export function auditEntryBody(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    time: row.at.toISOString(),
    actor: { kind: row.actorKind === 'api_key' ? 'api_key' : 'system', apiKeyId: row.apiKeyId },
    action: row.action,
    target: row.target,
    // The spec's `details` is any object; the generated type says no members.
    details: (isRecord(row.details) ? row.details : {}) as AuditEntry['details'],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The first thing wrong with `row`, expected to be entry `expectedSeq` following `prevHash`. */
function checkEntry(
  row: AuditRow,
  expectedSeq: number,
  prevHash: string,
): { seq: number; problem: string } | undefined {
  if (row.seq < expectedSeq) {
    return {
      seq: row.seq,
      problem: `entry ${row.seq} is out of sequence: entry ${expectedSeq} was expected`,
    };
  }
  if (row.seq > expectedSeq) {
    const range =
      row.seq - expectedSeq === 1 ? `entry ${expectedSeq} is` : `entries ${expectedSeq}–${row.seq - 1} are`;
    return {
      seq: expectedSeq,
      problem: `${range} missing: the log jumps from ${expectedSeq - 1} to ${row.seq}`,
    };
  }
  if (row.prevHash !== prevHash) {
    const before = expectedSeq === 1 ? 'the genesis hash' : `the hash of entry ${expectedSeq - 1}`;
    return {
      seq: row.seq,
      problem: `entry ${row.seq} does not follow the entry before it: its prevHash is not ${before} (an entry was removed, inserted or moved)`,
    };
  }
  const kind: HashedContent['actor']['kind'] | undefined =
    row.actorKind === 'api_key' ? 'api_key' : row.actorKind === 'system' ? 'system' : undefined;
  const actor = kind ? { kind, apiKeyId: row.apiKeyId } : undefined;
  const recomputed =
    actor && isRecord(row.details)
      ? entryHash(prevHash, {
          seq: row.seq,
          at: row.at.toISOString(),
          actor,
          action: row.action,
          target: row.target,
          details: row.details,
        })
      : undefined;
  if (recomputed !== row.hash) {
    return { seq: row.seq, problem: `entry ${row.seq} was edited: its hash does not match its content` };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names of members that hold secrets: their values are never stored. `…Id` names are not secrets. */
const SECRET_NAME = /secret|passw|token|credential|authori[sz]ation|cookie|private|key$/i;
/** Secrets that may hide in any text: API key secrets. */
const SECRET_TEXT = /\bsk_[A-Za-z0-9_]{8,}/g;
const REDACTED = '[redacted]';

/**
 * A JSON-safe copy of `details` without secrets: members named like a secret (`key`, `apiKey`,
 * `secret`, `password`, `token`, …) are replaced by `[redacted]`, API key secrets in text too; dates
 * become ISO strings, `undefined` members go, other non-JSON values become strings. The copy is what
 * is both hashed and stored, so what is read back hashes the same.
 */
export function scrubDetails(details: Record<string, unknown>): Record<string, unknown> {
  const scrubbed = scrub(details, 0);
  return isRecord(scrubbed) ? scrubbed : {};
}

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.replace(SECRET_TEXT, REDACTED).replaceAll('\u0000', '');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= 16) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1) ?? null);
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return scrub(json.call(value), depth + 1);
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      out[name.replaceAll('\u0000', '')] = SECRET_NAME.test(name) ? REDACTED : scrub(member, depth + 1);
    }
    return out;
  }
  return undefined;
}
