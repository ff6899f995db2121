import type { Event, Sigmax } from '@sigmax/sdk';
import { count } from '../args';
import { formatTable, type Output } from '../output';
import { UsageError } from '../settings';

export interface EventFlags {
  type?: string | undefined;
  symbol?: string | undefined;
  since?: string | undefined;
  limit?: string | undefined;
  follow?: boolean | undefined;
}

type Data = Record<string, Record<string, unknown> | undefined>;

const str = (value: unknown) => (value === null || value === undefined ? '-' : String(value));

/** What an event is about, in a few words. */
export function summary(event: Event): string {
  const data = event.data as Data;
  const [kind] = event.type.split('.');
  switch (kind) {
    case 'order': {
      const o = data.order ?? {};
      const price = o.price ? ` @ ${str(o.price)}` : '';
      return `${str(o.side)} ${str(o.quantity)} ${str(o.type)}${price} ${str(o.status)} filled ${str(o.filledQuantity)} ${str(o.id)}`;
    }
    case 'fill': {
      const f = data.fill ?? {};
      return `${str(f.side)} ${str(f.quantity)} @ ${str(f.price)} fee ${str(f.fee)} ${str(f.feeAsset)} ${str(f.orderId)}`;
    }
    case 'position': {
      const p = data.position ?? {};
      return `quantity ${str(p.quantity)} avg ${str(p.averageEntryPrice)} unrealized ${str(p.unrealizedPnl)} realized ${str(p.realizedPnl)}`;
    }
    case 'portfolio': {
      const p = data.point ?? {};
      return `equity ${str(p.equity)} cash ${str(p.cash)}`;
    }
    case 'analysis': {
      const a = data.analysis ?? {};
      const decision = (a.decision ?? {}) as Record<string, unknown>;
      return `${str(decision.action)} confidence ${str(decision.confidence)} ${str(a.id)}`;
    }
    case 'backtest': {
      const b = data.backtest ?? {};
      return `${str(b.id)} ${str(b.status)} progress ${str(b.progress)}`;
    }
    case 'proposal': {
      const p = data.proposal ?? {};
      return `${str(p.side)} ${str(p.quantity)} ${str(p.status)} ${str(p.id)}`;
    }
    case 'safety': {
      const s = data.safety ?? {};
      return [s.state, s.reason]
        .filter((v) => v !== undefined)
        .map(str)
        .join(': ');
    }
    default: {
      const text = JSON.stringify(event.data);
      return text.length > 100 ? `${text.slice(0, 99)}…` : text;
    }
  }
}

/** One line per event: time, type, symbol, summary, id. */
export function eventLine(event: Event): string {
  return `${event.time}  ${event.type.padEnd(18)} ${(event.symbol ?? '-').padEnd(10)} ${summary(event)}  #${event.id}`;
}

function since(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--since must be an event id (digits), got '${value}'`);
  return value;
}

/**
 * `sigmax events`: the stored events after `--since`, oldest first (up to `--limit`); with
 * `--follow`, the live stream (resuming after `--since`) until Ctrl-C.
 */
export async function events(
  sigmax: Sigmax,
  out: Output,
  flags: EventFlags,
  write: (text: string) => void,
): Promise<void> {
  const filter = {
    ...(flags.type ? { types: flags.type } : {}),
    ...(flags.symbol ? { symbols: flags.symbol } : {}),
  };
  const after = since(flags.since);
  if (!flags.follow) {
    const limit = count(flags.limit, '--limit', 50, 10_000);
    const rows: Event[] = [];
    let cursor = after;
    while (rows.length < limit) {
      const page = await sigmax.events.history({
        ...filter,
        limit: Math.min(500, limit - rows.length),
        ...(cursor ? { after: cursor } : {}),
      });
      rows.push(...page.data);
      if (page.data.length === 0 || !page.lastEventId) break;
      cursor = page.lastEventId;
    }
    out.print(rows, () =>
      rows.length === 0
        ? 'no events'
        : formatTable(
            ['ID', 'TIME', 'TYPE', 'SYMBOL', 'SUMMARY'],
            rows.map((e) => [e.id, e.time, e.type, e.symbol, summary(e)]),
          ),
    );
    return;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for await (const event of sigmax.events.stream({
      ...filter,
      ...(after ? { lastEventId: after } : {}),
      signal: controller.signal,
    })) {
      write(out.json ? `${JSON.stringify(event)}\n` : `${eventLine(event)}\n`);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
