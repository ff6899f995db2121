import type { BusEvent, EventBus } from '../events/bus';
import type { AuditRecord } from './audit-log';

/** Order statuses the venue moves an order into by itself: recorded as `order.<status>`. */
const VENUE_OUTCOMES: ReadonlySet<string> = new Set(['filled', 'rejected', 'expired']);

/**
 * Records what the server did by itself, as the `system` actor:
 * - `safety.*`: triggers fired, halts, reductions, pauses, resumes, symbol locks and unlocks;
 * - `proposal.*`: proposals created, approved, rejected, executed, expired, failed;
 * - `control.panic`, and `control.loop.started` / `control.loop.stopped` / `control.loop.failed` when
 *   the autonomous loop is switched on or off or a cycle fails (ordinary cycles are not recorded);
 *   any other `control.*` event under its own type;
 * - `order.filled`, `order.rejected`, `order.expired`: orders the venue filled, rejected or expired.
 *   Cancels and replaces are recorded by the routes (or `control.panic`) with the key that asked.
 *
 * Returns the function that stops it.
 */
export function subscribeSystemEvents(
  events: EventBus,
  audit: { record(entry: AuditRecord): Promise<void> },
): () => void {
  let loopRunning: boolean | undefined;
  let loopError: string | null = null;
  const record = (action: string, target: string | null, details: Record<string, unknown>) => {
    void audit.record({ actor: null, action, target, details });
  };
  return events.subscribe((event: BusEvent) => {
    switch (event.type) {
      case 'order.updated': {
        const { order, transition } = event;
        if (!VENUE_OUTCOMES.has(transition.to)) return;
        record(`order.${transition.to}`, order.id, {
          symbol: order.symbol,
          side: order.side,
          type: order.type,
          clientOrderId: order.clientOrderId,
          from: transition.from,
          to: transition.to,
          reason: transition.reason,
          filledQuantity: order.filledQuantity,
        });
        return;
      }
      case 'proposal.created':
      case 'proposal.approved':
      case 'proposal.rejected':
      case 'proposal.executed':
      case 'proposal.expired':
      case 'proposal.failed': {
        const { proposal } = event;
        record(event.type, proposal.id, {
          symbol: proposal.symbol,
          side: proposal.side,
          quantity: proposal.quantity,
          status: proposal.status,
          orderId: proposal.orderId,
          approval: proposal.approval,
          error: proposal.error,
        });
        return;
      }
      case 'control.panic': {
        const { report } = event;
        record('control.panic', null, {
          canceledOrders: report.canceledOrders,
          closingOrders: report.closingOrders.map((order) => order.id),
          errors: report.errors,
          state: report.state,
        });
        return;
      }
      case 'control.loop': {
        const { loop } = event;
        if (loop.running !== loopRunning) {
          const started = loopRunning !== undefined || loop.running;
          loopRunning = loop.running;
          if (started) {
            record(loop.running ? 'control.loop.started' : 'control.loop.stopped', null, {
              symbols: loop.symbols,
              timeframe: loop.timeframe,
            });
          }
        }
        if (loop.lastError !== null && loop.lastError !== loopError) {
          record('control.loop.failed', null, { error: loop.lastError, cycles: loop.cycles });
        }
        loopError = loop.lastError;
        return;
      }
      default: {
        const type: string = event.type;
        if (type.startsWith('safety.') && 'safety' in event) {
          const { type: _type, ...details } = event.safety;
          const target = 'symbol' in details ? details.symbol : 'trigger' in details ? details.trigger : null;
          record(type, target, details);
        } else if (type.startsWith('control.') || type.startsWith('safety.')) {
          const { type: _type, seq: _seq, publishedAt: _at, ...details } = event as BusEvent;
          record(type, null, details);
        }
      }
    }
  });
}
