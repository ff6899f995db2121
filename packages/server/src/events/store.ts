import type { Db } from '../db/database';
import { type EventRow, insertEvents, type NewEventRow } from '../db/queries/events';
import type { components } from '../generated/openapi';
import type { Logger } from '../logger';
import type { BusEvent, EventBus } from './bus';

/** An event as clients see it: on the stream (`data:`) and in `GET /v1/events/history`. */
export type WireEvent = components['schemas']['Event'];

/** A stored event, with its SSE frame built once for every connection that sends it. */
export interface StoredEvent {
  seq: number;
  type: string;
  symbol: string | null;
  event: WireEvent;
  /** `id: <seq>\nevent: <type>\ndata: <Event JSON>\n\n`, UTF-8. */
  frame: Uint8Array;
}

/** Events stored by one INSERT, fanned out together; `bytes` is every frame, concatenated. */
export interface StoredBatch {
  events: StoredEvent[];
  bytes: Uint8Array;
}

export type BatchListener = (batch: StoredBatch) => void;

const encoder = new TextEncoder();

/** At most this many events go into one INSERT. */
const MAX_BATCH = 500;

/** The symbol an event is about: its order's, fill's, position's, proposal's, analysis's or safety event's. */
export function eventSymbol(data: Record<string, unknown>): string | null {
  for (const key of ['order', 'fill', 'position', 'proposal', 'analysis', 'safety']) {
    const value = data[key] as { symbol?: unknown } | undefined;
    if (value && typeof value.symbol === 'string') return value.symbol;
  }
  return null;
}

/** The row an event of the bus is stored as: its payload without `type`, `seq` and `publishedAt`. */
export function eventRow(event: BusEvent): NewEventRow {
  const { type, seq: _seq, publishedAt, ...data } = event;
  return { type, symbol: eventSymbol(data), data, at: new Date(publishedAt) };
}

/** A stored row as the wire shows it. */
export function wireEvent(row: EventRow): WireEvent {
  return {
    id: String(row.seq),
    type: row.type,
    time: row.at.toISOString(),
    symbol: row.symbol,
    data: row.data as WireEvent['data'],
  };
}

/** A stored row as the wire shows it, with its frame. */
export function storedEvent(row: EventRow): StoredEvent {
  const event = wireEvent(row);
  const frame = encoder.encode(`id: ${row.seq}\nevent: ${row.type}\ndata: ${JSON.stringify(event)}\n\n`);
  return { seq: row.seq, type: row.type, symbol: row.symbol, event, frame };
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Stores every event of the bus in the `events` table, then hands it to live listeners (the SSE
 * connections). Writes run one INSERT at a time, in publication order, so within this server an
 * event's `seq` (its id on the wire) follows the order events were published in; a burst is written
 * in batches of up to 500 rows. A listener sees an event only once it is stored, so a client that
 * resumes from the table after a disconnect finds everything it could have been sent live.
 *
 * @example
 * const store = new EventStore(db, bus, logger);
 * const stop = store.subscribe((batch) => send(batch.bytes));
 * await store.close(); // writes what is still queued
 */
export class EventStore {
  private readonly pending: BusEvent[] = [];
  private readonly listeners = new Set<BatchListener>();
  private readonly closers = new Set<() => void>();
  private draining: Promise<void> | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Set once shutting down: a connection opened after that ends at once. */
  private ending = false;

  constructor(
    readonly db: Db,
    bus: EventBus,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.enqueue(event));
  }

  /** Calls `listener` with every batch stored from now on; returns the function that stops it. */
  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many live listeners there are (open SSE connections). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Registers how to end a live connection, for {@link disconnectAll}; returns the function that
   * forgets it.
   */
  onDisconnect(close: () => void): () => void {
    if (this.ending) {
      close();
      return () => {};
    }
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  /** Ends every live connection (on shutdown, so that the HTTP server can close). */
  disconnectAll(): void {
    this.ending = true;
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }

  /** Resolves once every event published so far is stored and fanned out. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops listening to the bus, writes what is queued, and ends the live connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.idle();
    this.disconnectAll();
  }

  private enqueue(event: BusEvent): void {
    this.pending.push(event);
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
  }

  private async drain(): Promise<void> {
    // Let the publisher finish what it is publishing: a step's events then share one INSERT.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      const rows = batch.map(eventRow);
      let seqs: number[];
      try {
        seqs = await insertEvents(this.db, rows);
      } catch (error) {
        this.logger.error(
          { err: error, events: batch.length, firstBusSeq: batch[0]?.seq },
          'could not store events: they are not sent to event streams',
        );
        continue;
      }
      const stored = rows.map((row, i) => storedEvent({ ...row, seq: seqs[i] as number }));
      this.fanOut({ events: stored, bytes: concatBytes(stored.map((e) => e.frame)) });
    }
  }

  private fanOut(batch: StoredBatch): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.warn({ err: error }, 'event stream listener failed');
      }
    }
  }
}
