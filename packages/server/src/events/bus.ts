import type { SafetyEvent } from '@sigmax/engine';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

/** What happened, with the wire shape of what it happened to. */
export type TradingEvent =
  /** An order was accepted for the venue (the first event of every order). */
  | { type: 'order.created'; order: Schemas['Order'] }
  /** An order changed status; `order` is the order after the step that made the change. */
  | { type: 'order.updated'; order: Schemas['Order']; transition: Schemas['OrderTransition'] }
  /** An execution. */
  | { type: 'fill'; fill: Schemas['Fill'] }
  /** The account was valued (after fills, and every `equityIntervalSeconds`). */
  | { type: 'portfolio'; point: Schemas['EquityPoint'] }
  /** A multi-agent analysis was stored (a new one or a rerun). */
  | { type: 'analysis.completed'; analysis: Schemas['Analysis'] }
  /** A backtest job was queued, started, moved forward, or finished (succeeded, failed, cancelled). */
  | {
      type: 'backtest.queued' | 'backtest.started' | 'backtest.progress' | 'backtest.finished';
      backtest: Schemas['BacktestSummary'];
    }
  /** A position changed (after a fill); `position` is the position after it. */
  | { type: 'position.updated'; position: Schemas['Position'] }
  /** A trade proposal was created, decided, executed, or expired. */
  | {
      type:
        | 'proposal.created'
        | 'proposal.approved'
        | 'proposal.rejected'
        | 'proposal.executed'
        | 'proposal.expired'
        | 'proposal.failed';
      proposal: Schemas['Proposal'];
    }
  /** The safety enforcer changed state, fired a trigger, or locked a symbol (the engine's event). */
  | { type: SafetyEvent['type']; safety: SafetyEvent }
  /** A panic ran; what it did. */
  | {
      type: 'control.panic';
      report: Omit<Schemas['PanicReport'], 'safety'> & { state: Schemas['SafetyState'] };
    }
  /** The autonomous loop was started, stopped, ran a cycle, or failed one. */
  | { type: 'control.loop'; loop: Schemas['LoopStatus'] };

export type TradingEventType = TradingEvent['type'];

/** An event as delivered: numbered in publication order, stamped with when it was published. */
export type BusEvent = TradingEvent & { seq: number; publishedAt: string };

export type EventListener = (event: BusEvent) => void;

/**
 * A small typed in-process event bus. Delivery is synchronous and in publication order; a listener
 * that throws is reported to `onError` and does not stop the others, nor the publisher.
 *
 * @example
 * const stop = bus.subscribe((event) => console.log(event.seq, event.type), ['fill']);
 * stop(); // or bus.unsubscribe(listener)
 */
export class EventBus {
  private readonly listeners = new Map<EventListener, ReadonlySet<TradingEventType> | null>();
  private seq = 0;

  constructor(
    private readonly onError: (error: unknown) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` for every event (or only those of `types`); returns the function that stops it. */
  subscribe(listener: EventListener, types?: readonly TradingEventType[]): () => void {
    this.listeners.set(listener, types ? new Set(types) : null);
    return () => this.unsubscribe(listener);
  }

  unsubscribe(listener: EventListener): void {
    this.listeners.delete(listener);
  }

  /** How many listeners are subscribed. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Numbers the event and hands it to every interested listener; returns it as delivered. */
  publish(event: TradingEvent): BusEvent {
    const delivered = { ...event, seq: ++this.seq, publishedAt: this.now().toISOString() } as BusEvent;
    for (const [listener, types] of [...this.listeners]) {
      if (types && !types.has(event.type)) continue;
      try {
        listener(delivered);
      } catch (error) {
        this.onError(error);
      }
    }
    return delivered;
  }
}
