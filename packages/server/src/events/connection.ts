import type { EventFilter } from '../db/queries/events';
import { listEvents } from '../db/queries/events';
import { isEmptyFilter, matches } from './filter';
import { concatBytes, type EventStore, type StoredBatch, type StoredEvent, storedEvent } from './store';

/** Where a connection writes: the SSE response. `write` resolves once the bytes are accepted. */
export interface EventSink {
  write(bytes: Uint8Array): Promise<unknown>;
  /** Ends the response at once, dropping what is not sent (the client stopped reading). */
  abort(): void;
}

export interface EventConnectionOptions {
  filter: EventFilter;
  /** Resume after this event id: the stored events after it are sent first. Without it, live only. */
  after?: number | undefined;
  heartbeatMs: number;
  /**
   * A client that reads slower than events come is disconnected once this many bytes wait for it;
   * it resumes from the store with `Last-Event-ID`. Default 8 MiB.
   */
  maxQueuedBytes?: number;
  /** Stored events read per query while replaying. Default 500. */
  pageSize?: number;
}

const encoder = new TextEncoder();
const HELLO = encoder.encode(': connected\n\n');
const PING = encoder.encode(': ping\n\n');
/** Chunks this large are written as they are; smaller ones are joined into writes of about WRITE_SIZE. */
const LARGE_CHUNK = 16 * 1024;
const WRITE_SIZE = 64 * 1024;

/**
 * One `GET /v1/events` client: replays the stored events after its `Last-Event-ID`, then sends live
 * ones, each once and in order. It listens to live events before it reads the backlog and holds them
 * back meanwhile; once the backlog is sent it drops those already sent (ids up to the last replayed
 * one) and goes on live. Writes are coalesced: what piled up while the socket was busy goes out as
 * one chunk.
 */
export class EventConnection {
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  /** Live events that came while the backlog was being sent; `undefined` once live. */
  private held: StoredEvent[] | undefined;
  private heldSize = 0;
  private closed = false;
  private writing = false;
  private wake: (() => void) | undefined;
  /** Why the connection ended from this side, for the log. */
  reason: 'closed' | 'slow_client' = 'closed';
  private readonly all: boolean;
  private readonly maxQueuedBytes: number;

  constructor(
    private readonly store: EventStore,
    private readonly sink: EventSink,
    private readonly options: EventConnectionOptions,
  ) {
    this.all = isEmptyFilter(options.filter);
    this.maxQueuedBytes = options.maxQueuedBytes ?? 8 * 1024 * 1024;
  }

  /** Ends the connection (client gone, server shutting down). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // A write the client does not read would never resolve.
    if (this.writing) this.sink.abort();
    this.wake?.();
  }

  /** Sends until closed. */
  async run(): Promise<void> {
    const stopLive = this.store.subscribe((batch) => this.onBatch(batch));
    const forget = this.store.onDisconnect(() => this.close());
    const heartbeat = setInterval(() => this.push(PING), this.options.heartbeatMs);
    try {
      await this.write(HELLO);
      if (this.options.after !== undefined) await this.replay(this.options.after);
      while (!this.closed) {
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
          continue;
        }
        const chunks = this.queue;
        this.queue = [];
        this.queuedBytes = 0;
        await this.writeAll(chunks);
      }
    } finally {
      stopLive();
      forget();
      clearInterval(heartbeat);
    }
  }

  private async write(bytes: Uint8Array): Promise<void> {
    this.writing = true;
    try {
      await this.sink.write(bytes);
    } finally {
      this.writing = false;
    }
  }

  /**
   * Writes what piled up: small chunks (frames, pings) joined into writes of about 64 KiB, large
   * ones (a batch every client shares) as they are, not copied once per client.
   */
  private async writeAll(chunks: Uint8Array[]): Promise<void> {
    let group: Uint8Array[] = [];
    let size = 0;
    for (const chunk of chunks) {
      if (this.closed) return;
      if (chunk.byteLength >= LARGE_CHUNK) {
        if (group.length > 0) await this.write(concatBytes(group));
        group = [];
        size = 0;
        await this.write(chunk);
        continue;
      }
      group.push(chunk);
      size += chunk.byteLength;
      if (size >= WRITE_SIZE) {
        await this.write(concatBytes(group));
        group = [];
        size = 0;
      }
    }
    if (group.length > 0) await this.write(concatBytes(group));
  }

  private async replay(after: number): Promise<void> {
    this.held = [];
    const pageSize = this.options.pageSize ?? 500;
    let cursor = after;
    for (;;) {
      if (this.closed) return;
      const rows = await listEvents(this.store.db, {
        ...this.options.filter,
        after: cursor,
        limit: pageSize,
      });
      if (rows.length > 0) {
        cursor = rows[rows.length - 1]?.seq as number;
        await this.write(concatBytes(rows.map((row) => storedEvent(row).frame)));
      }
      if (rows.length < pageSize) break;
    }
    // Synchronously, so that no live event slips between the held ones and the next batch.
    const held = this.held;
    this.held = undefined;
    this.heldSize = 0;
    for (const event of held) if (event.seq > cursor) this.push(event.frame);
  }

  private onBatch(batch: StoredBatch): void {
    if (this.closed) return;
    if (this.held) {
      for (const event of batch.events) if (matches(this.options.filter, event)) this.held.push(event);
      this.heldBytes(batch);
      return;
    }
    if (this.all) {
      this.push(batch.bytes);
      return;
    }
    const passing = batch.events.filter((event) => matches(this.options.filter, event));
    // A batch that passes whole goes out as the bytes every client shares.
    if (passing.length === batch.events.length) this.push(batch.bytes);
    else for (const event of passing) this.push(event.frame);
  }

  /** Holding more than the queue may hold is a slow client too. */
  private heldBytes(batch: StoredBatch): void {
    this.heldSize += batch.bytes.byteLength;
    if (this.heldSize > this.maxQueuedBytes) this.overflow();
  }

  private push(bytes: Uint8Array): void {
    if (this.closed) return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.byteLength;
    if (this.queuedBytes > this.maxQueuedBytes) this.overflow();
    else this.wake?.();
  }

  private overflow(): void {
    this.reason = 'slow_client';
    this.close();
  }
}
