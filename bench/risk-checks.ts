/**
 * Engine-only pre-trade checks per order: risk `checkOrder` + compliance `evaluate` + safety `canTrade`,
 * the three the server will run before an order reaches a venue. No I/O, one core.
 *
 * The account: 1,000,000 USDT of equity in 20 positions (longs and shorts, marked), every risk limit
 * set (per-symbol size and notional for 20 symbols, gross exposure, leverage, daily loss in quote and
 * as a fraction, a price band, a 120-orders-a-minute rate limit fed 60 recent order times), a
 * compliance policy with a 20-entry allow list and a deny list, and a safety enforcer with every
 * trigger and protection on, 200 trades behind it, ACTIVE, and one symbol locked. Each run checks the same
 * 50,000 deterministic orders (buy and sell, market and limit, some beyond a limit, some reducing).
 * µs per order = run time / orders, median of 7 runs after one warm-up; each check is also timed on its
 * own. Target: under 50 µs per order for the three together.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source risk-checks.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  type ComplianceContext,
  CompliancePolicy,
  Decimal,
  ManualClock,
  type PortfolioPosition,
  type RiskContext,
  RiskManager,
  type RiskOrder,
  SafetyEnforcer,
} from '@sigmax/engine';
import { log, machineInfo, mulberry32, type Summary, summarise } from './lib';

export interface RiskChecksOptions {
  /** Orders per run. @default 50_000 */
  orders?: number;
  /** Measured runs (one unmeasured warm-up run comes first). @default 7 */
  runs?: number;
}

export interface RiskChecksResult {
  name: 'risk-checks';
  ordersPerRun: number;
  positions: number;
  /** µs per order for the three checks together (median, min, max, each run). */
  microsPerOrder: Summary;
  /** µs per order of each check alone (median of the runs). */
  componentsMicros: { risk: number; compliance: number; safety: number };
  /** What the checks answered over one run, to show the work is real. */
  perRun: { riskRefused: number; complianceRefused: number; safetyRefused: number };
  targetMicros: number;
  met: boolean;
  machine: ReturnType<typeof machineInfo>;
}

const TARGET_MICROS = 50;
const START = Date.parse('2024-06-01T12:00:00Z');
// biome-ignore format: a list reads better packed
const BASES = [
  'BTC', 'ETH', 'SOL', 'BNB', 'XRP', 'ADA', 'DOGE', 'AVAX', 'DOT', 'LINK',
  'MATIC', 'LTC', 'TRX', 'ATOM', 'UNI', 'XLM', 'NEAR', 'APT', 'ARB', 'OP',
];
// biome-ignore format: a list reads better packed
const PRICES = [
  65000, 3500, 150, 600, 0.5, 0.45, 0.15, 35, 7, 15, 0.7, 80, 0.12, 8, 10, 0.11, 6, 9, 1.1, 2.5,
];

const price = (n: number) => Decimal.from(n < 1 ? n.toFixed(4) : n.toFixed(2));

function fixture(orders: number) {
  const next = mulberry32(7);
  const symbols = BASES.map((base) => `${base}/USDT`);
  // 20 positions of 15,000–45,000 USDT each, a quarter of them short.
  const positions: PortfolioPosition[] = symbols.map((symbol, i) => {
    const mark = price(PRICES[i] as number);
    const value = 15_000 + Math.floor(next() * 30_000);
    const quantity = Decimal.from(value).div(mark, 6, 'down');
    return { symbol, quantity: i % 4 === 3 ? quantity.neg() : quantity, mark };
  });
  const positionsValue = Decimal.sum(positions.map((p) => p.quantity.mul(p.mark)));
  const equity = Decimal.from('1000000');
  const portfolio = { equity, cash: equity.sub(positionsValue), positions };
  const recentOrderTimes = Array.from({ length: 60 }, (_, i) => START - 90_000 + i * 1_500);

  const risk = new RiskManager({
    symbols: Object.fromEntries(
      symbols.map((symbol, i) => [
        symbol,
        {
          maxPosition: Decimal.from(120_000).div(price(PRICES[i] as number), 6, 'down'),
          maxNotional: '100000',
        },
      ]),
    ),
    defaultSymbol: { maxNotional: '10000' },
    maxGrossExposure: '1.5',
    maxLeverage: '2',
    dailyLossLimit: '30000',
    dailyLossFraction: '0.03',
    priceBandBps: '300',
    maxOrdersPerMinute: 120,
  });
  const policy = new CompliancePolicy({
    version: 'bench',
    profile: 'balanced',
    allowList: [...BASES.slice(0, 18), 'ARB/USDT', 'OP/USDT'],
    denyList: ['DOGE/BTC', 'SHIB', 'LUNA'],
  });

  const clock = new ManualClock(START - 6 * 3_600_000);
  const safety = new SafetyEnforcer({
    clock,
    config: {
      triggers: { dailyLoss: { limit: '30000' }, consecutiveLosses: { threshold: 5 } },
      protections: {
        maxDrawdown: { limit: '20000' },
        lowProfit: { enabled: true, minProfit: '-5000', minTrades: 3 },
      },
    },
  });
  for (let i = 0; i < 200; i++) {
    clock.advance(90_000);
    const pnl = ((next() - 0.45) * 400).toFixed(2);
    safety.recordTrade({
      symbol: symbols[i % 20] as string,
      pnl,
      exit: i % 11 === 0 ? 'stop_loss' : 'signal',
    });
    if (i % 40 === 0) safety.recordApiError();
    if (i % 25 === 0) safety.recordSentiment(next() - 0.4);
  }
  clock.set(START);
  safety.resume({ force: true }); // whatever the history tripped, trading is back on
  safety.recordTrade({ symbol: 'SOL/USDT', pnl: '-250', exit: 'stop_loss' }); // SOL cools down
  if (safety.state !== 'ACTIVE') throw new Error(`the bench expects an active enforcer, got ${safety.state}`);

  const riskContexts: RiskContext[] = symbols.map((_, i) => ({
    now: START,
    portfolio,
    lastPrice: price(PRICES[i] as number),
    dailyPnl: Decimal.from('-4200.5'),
    recentOrderTimes,
  }));
  const complianceContexts: ComplianceContext[] = positions.map((p) => ({
    equity,
    price: p.mark,
    positionQuantity: p.quantity,
  }));

  const list: { order: RiskOrder; index: number; reduces: boolean }[] = [];
  for (let n = 0; n < orders; n++) {
    const index = Math.floor(next() * 20);
    const position = positions[index] as PortfolioPosition;
    const last = PRICES[index] as number;
    const side = next() < 0.5 ? 'buy' : 'sell';
    const notional = 500 + next() * 80_000;
    const quantity = Decimal.from(notional).div(price(last), 6, 'down').max('0.000001');
    const limit = next() < 0.5;
    const order: RiskOrder = {
      symbol: position.symbol,
      side,
      type: limit ? 'limit' : 'market',
      quantity,
      ...(limit ? { limitPrice: price(last * (1 + (next() - 0.5) * 0.08)) } : {}),
    };
    const reduces =
      (side === 'sell') === position.quantity.isPositive() && quantity.lte(position.quantity.abs());
    list.push({ order, index, reduces });
  }
  return { list, risk, policy, safety, riskContexts, complianceContexts };
}

type Fixture = ReturnType<typeof fixture>;

function runOnce(f: Fixture, part: 'all' | 'risk' | 'compliance' | 'safety') {
  let riskRefused = 0;
  let complianceRefused = 0;
  let safetyRefused = 0;
  const started = performance.now();
  for (const { order, index, reduces } of f.list) {
    if (part === 'all' || part === 'risk') {
      if (!f.risk.checkOrder(order, f.riskContexts[index] as RiskContext).ok) riskRefused++;
    }
    if (part === 'all' || part === 'compliance') {
      if (!f.policy.evaluate(order, f.complianceContexts[index] as ComplianceContext).approved)
        complianceRefused++;
    }
    if (part === 'all' || part === 'safety') {
      if (!f.safety.canTrade({ symbol: order.symbol, reducesPosition: reduces }).allowed) safetyRefused++;
    }
  }
  const micros = ((performance.now() - started) * 1000) / f.list.length;
  return { micros, perRun: { riskRefused, complianceRefused, safetyRefused } };
}

/** Runs the benchmark: one warm-up run, then `runs` measured runs; returns their numbers. */
export function run(options: RiskChecksOptions = {}): RiskChecksResult {
  const orders = options.orders ?? 50_000;
  const runs = options.runs ?? 7;
  const f = fixture(orders);
  let perRun = runOnce(f, 'all').perRun;
  const totals: number[] = [];
  const parts = { risk: [] as number[], compliance: [] as number[], safety: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const result = runOnce(f, 'all');
    totals.push(result.micros);
    perRun = result.perRun;
    for (const part of ['risk', 'compliance', 'safety'] as const) parts[part].push(runOnce(f, part).micros);
    log(`risk-checks run ${i + 1}/${runs}: ${result.micros.toFixed(2)} µs per order`);
  }
  const microsPerOrder = summarise(totals, 2);
  return {
    name: 'risk-checks',
    ordersPerRun: orders,
    positions: 20,
    microsPerOrder,
    componentsMicros: {
      risk: summarise(parts.risk, 2).median,
      compliance: summarise(parts.compliance, 2).median,
      safety: summarise(parts.safety, 2).median,
    },
    perRun,
    targetMicros: TARGET_MICROS,
    met: microsPerOrder.median < TARGET_MICROS,
    machine: machineInfo(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `risk-checks: ${result.microsPerOrder.median} µs per order (median of ${result.microsPerOrder.runs.length}; target < ${TARGET_MICROS} µs: ${result.met ? 'met' : 'not met'})`,
  );
}
