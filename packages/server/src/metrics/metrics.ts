import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BusEvent, EventBus } from '../events/bus';
import type { components } from '../generated/openapi';

type SafetyState = components['schemas']['SafetyState'];

const SAFETY_STATES: readonly SafetyState[] = ['ACTIVE', 'REDUCING', 'HALTED'];
const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Label sets of the request histogram kept bound; past that, requests still count, a little slower. */
const MAX_BOUND_CHILDREN = 1_000;

/** What the equity and P&L gauges read when no `portfolio` event came yet. */
export type PortfolioReader = () => Promise<Pick<
  components['schemas']['Portfolio'],
  'equity' | 'realizedPnl' | 'unrealizedPnl'
> | null>;

export interface MetricsOptions {
  /** The bus whose events feed the counters and gauges. */
  events?: EventBus;
  /** Reads the portfolio at scrape time while no `portfolio` event has been seen. */
  portfolio?: PortfolioReader;
  /** Node.js process metrics (CPU, memory, event loop, GC), prefixed `sigmax_`. Default: true. */
  processMetrics?: boolean;
}

/**
 * The server's Prometheus metrics, in a registry of its own (never the global one, so that several
 * servers in one process do not mix their figures). Requests are timed by `serveRequest`, the frame
 * around every route ({@link Metrics.observeRequest}); orders, fills, equity, safety and backtests come from the event bus;
 * analyses are timed by their route ({@link Metrics.observeAnalysis}).
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | `sigmax_http_request_duration_seconds` | histogram | `method`, `route` (the pattern: `/v1/orders/:id`), `status` |
 * | `sigmax_orders_total` | counter | `status`: orders entering it (`pending_new` at creation) |
 * | `sigmax_fills_total` | counter | `symbol`, `side` |
 * | `sigmax_equity_quote` | gauge | |
 * | `sigmax_pnl_quote` | gauge | `kind`: `realized`, `unrealized` |
 * | `sigmax_safety_state` | gauge | `state`: 1 for the current one, 0 for the others |
 * | `sigmax_safety_triggers_total` | counter | `trigger` |
 * | `sigmax_analysis_duration_seconds` | histogram | |
 * | `sigmax_backtests_total` | counter | `status`: final status |
 * | `sigmax_backtest_duration_seconds` | histogram | `kind` |
 */
export class Metrics {
  readonly registry = new Registry();
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly httpChildren = new Map<string, { observe(value: number): void }>();
  private readonly orders: Counter<'status'>;
  private readonly fills: Counter<'symbol' | 'side'>;
  private readonly safetyState: Gauge<'state'>;
  private readonly safetyTriggers: Counter<'trigger'>;
  private readonly analysisDuration: Histogram;
  private readonly backtests: Counter<'status'>;
  private readonly backtestDuration: Histogram<'kind'>;
  private portfolioSeen = false;
  private readonly readPortfolio: PortfolioReader | undefined;
  private readonly unsubscribe: () => void;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.http = new Histogram({
      name: 'sigmax_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.orders = new Counter({
      name: 'sigmax_orders_total',
      help: 'Orders entering each status (pending_new when created).',
      labelNames: ['status'],
      registers,
    });
    this.fills = new Counter({
      name: 'sigmax_fills_total',
      help: 'Fills (executions), by symbol and side.',
      labelNames: ['symbol', 'side'],
      registers,
    });
    this.readPortfolio = options.portfolio;
    const equity = new Gauge({
      name: 'sigmax_equity_quote',
      help: 'Account equity in the quote asset, at the last valuation.',
      registers,
    });
    const pnl = new Gauge({
      name: 'sigmax_pnl_quote',
      help: 'Profit and loss in the quote asset, realized and unrealized, at the last valuation.',
      labelNames: ['kind'],
      registers,
    });
    this.setPortfolio = (point) => {
      equity.set(Number(point.equity));
      pnl.set({ kind: 'realized' }, Number(point.realizedPnl));
      pnl.set({ kind: 'unrealized' }, Number(point.unrealizedPnl));
    };
    this.safetyState = new Gauge({
      name: 'sigmax_safety_state',
      help: 'The safety state: 1 for the current one (ACTIVE, REDUCING, HALTED), 0 for the others.',
      labelNames: ['state'],
      registers,
    });
    this.setSafetyState('ACTIVE');
    this.safetyTriggers = new Counter({
      name: 'sigmax_safety_triggers_total',
      help: 'Safety triggers fired, by trigger.',
      labelNames: ['trigger'],
      registers,
    });
    this.analysisDuration = new Histogram({
      name: 'sigmax_analysis_duration_seconds',
      help: 'Time to run a multi-agent analysis through the API.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.backtests = new Counter({
      name: 'sigmax_backtests_total',
      help: 'Backtest jobs finished, by final status.',
      labelNames: ['status'],
      registers,
    });
    this.backtestDuration = new Histogram({
      name: 'sigmax_backtest_duration_seconds',
      help: 'Backtest job run time (started to finished), by kind.',
      labelNames: ['kind'],
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'sigmax_' });
    this.unsubscribe = options.events ? options.events.subscribe((event) => this.onEvent(event)) : () => {};
  }

  /** Sets the equity and P&L gauges. */
  private readonly setPortfolio: (
    point: Pick<components['schemas']['EquityPoint'], 'equity' | 'realizedPnl' | 'unrealizedPnl'>,
  ) => void;

  /**
   * Times one request; `start` is `performance.now()` when it came in. The route is the pattern Hono
   * matched (`/v1/orders/:id`), `unmatched` for a path no route serves.
   */
  observeRequest(c: Context, start: number, status: number): void {
    const seconds = (performance.now() - start) / 1000;
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    const route = routeOf(c);
    const key = `${method} ${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.http.labels(method, route, String(status));
      if (this.httpChildren.size < MAX_BOUND_CHILDREN) this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  /** Records how long an analysis took, in milliseconds. */
  observeAnalysis(ms: number): void {
    this.analysisDuration.observe(ms / 1000);
  }

  /** Sets the safety state gauge (the bus sets it from safety events; call it once at start). */
  setSafetyState(state: SafetyState): void {
    for (const each of SAFETY_STATES) this.safetyState.set({ state: each }, each === state ? 1 : 0);
  }

  /** The metrics in the Prometheus text format. */
  async text(): Promise<string> {
    if (!this.portfolioSeen && this.readPortfolio) {
      // Before the first valuation event (a fresh server), value the account now.
      const read = await this.readPortfolio().catch(() => null);
      if (read && !this.portfolioSeen) this.setPortfolio(read);
    }
    return this.registry.metrics();
  }

  /** Stops listening to the bus. */
  close(): void {
    this.unsubscribe();
  }

  private onEvent(event: BusEvent): void {
    switch (event.type) {
      case 'order.created':
        this.orders.inc({ status: event.order.status });
        return;
      case 'order.updated':
        this.orders.inc({ status: event.transition.to });
        return;
      case 'fill':
        this.fills.inc({ symbol: event.fill.symbol, side: event.fill.side });
        return;
      case 'portfolio':
        this.portfolioSeen = true;
        this.setPortfolio(event.point);
        return;
      case 'backtest.finished': {
        const { backtest } = event;
        this.backtests.inc({ status: backtest.status });
        if (backtest.startedAt && backtest.finishedAt) {
          const seconds = (Date.parse(backtest.finishedAt) - Date.parse(backtest.startedAt)) / 1000;
          if (seconds >= 0) this.backtestDuration.observe({ kind: backtest.kind }, seconds);
        }
        return;
      }
      case 'control.panic':
        this.setSafetyState(event.report.state);
        return;
      default:
        if ('safety' in event) {
          const safety = event.safety;
          if (safety.type === 'safety.triggered') this.safetyTriggers.inc({ trigger: safety.trigger });
          if ('state' in safety) this.setSafetyState(safety.state);
        }
    }
  }
}

/** The pattern of the route that serves the request, `unmatched` when only middleware matched. */
function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  const last = routes[routes.length - 1];
  if (!last || last.method === 'ALL' || last.path.endsWith('*')) return 'unmatched';
  return last.path;
}
