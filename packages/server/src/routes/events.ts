import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type EventFilter, listEvents } from '../db/queries/events';
import type { AppEnv } from '../env';
import { EventConnection } from '../events/connection';
import { wireEvent } from '../events/store';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { ApiError } from '../problem';
import { eventHistoryQuery, eventStreamQuery } from '../schemas/events';
import { parseQuery } from '../validation';

const read = guard('read');

function filterOf(query: {
  types?: { types: string[]; prefixes: string[] } | undefined;
  symbols?: string[] | undefined;
}): EventFilter {
  return { types: query.types?.types, prefixes: query.types?.prefixes, symbols: query.symbols };
}

/** `Last-Event-ID`, which wins over `lastEventId`; 422 when it is not an event id. */
function lastEventIdHeader(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(value.trim())) {
    const message = 'must be an event id (digits)';
    throw new ApiError(422, 'validation_failed', `header.Last-Event-ID: ${message}`, {
      errors: [{ path: 'header.Last-Event-ID', message }],
    });
  }
  return Number(value.trim());
}

/** Live events over Server-Sent Events, resumable, and the stored events for clients that poll. */
export const eventRoutes = new Hono<AppEnv>()
  .get(
    '/',
    read((c) => {
      // Everything that can fail is checked before the stream starts: after it, the status is sent.
      const query = parseQuery(c, eventStreamQuery);
      const after = lastEventIdHeader(c.req.header('last-event-id')) ?? query.lastEventId;
      const { eventStore, logger } = c.env.services;
      const requestId = c.get('requestId');
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        const connection = new EventConnection(
          eventStore,
          {
            write: (bytes) => stream.write(bytes),
            abort: () => stream.abort(),
          },
          { filter: filterOf(query), after, heartbeatMs: query.heartbeatSeconds * 1000 },
        );
        stream.onAbort(() => connection.close());
        try {
          await connection.run();
        } catch (error) {
          logger.warn({ err: error, requestId }, 'event stream failed');
        }
        if (connection.reason === 'slow_client') {
          logger.warn({ requestId }, 'event stream client too slow: disconnected (it can resume)');
        }
      });
    }),
  )
  .get(
    '/history',
    read(async (c) => {
      const query = parseQuery(c, eventHistoryQuery);
      const { eventStore, database } = c.env.services;
      // What is published is stored a moment later: wait for it, so a poll right after an action sees it.
      await eventStore.idle();
      const rows = await listEvents(database.db, {
        ...filterOf(query),
        after: query.after,
        limit: query.limit,
      });
      const data = rows.map(wireEvent);
      const body: components['schemas']['EventList'] = {
        data,
        lastEventId: data.at(-1)?.id ?? (query.after !== undefined ? String(query.after) : null),
      };
      return c.json(body);
    }),
  );
