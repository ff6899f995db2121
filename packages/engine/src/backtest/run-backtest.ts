import { ManualClock } from '../clock';
import { Decimal } from '../decimal';
import { InsufficientFundsError } from '../ledger/errors';
import { Ledger } from '../ledger/ledger';
import type { Candle } from '../market/types';
import { type Fill, type OrderSide, parseSymbol } from '../orders/order';
import type { MarketView } from '../paper/market-view';
import { PaperExchange } from '../paper/paper-exchange';
import { SafetyEnforcer, type SafetyEvent } from '../safety/enforcer';
import { BacktestConfigError } from './errors';
import { FILL_MODELS, fillPrice } from './fill-models';
import { computeMetrics, drawdownSeries, inferPeriodsPerYear } from './metrics';
import { affordableQuantity, sizeOrder } from './sizing';
import type {
  BacktestInput,
  BacktestResult,
  BacktestSafety,
  EndOfData,
  FillModel,
  OppositeSignal,
  Signal,
  Sizing,
  SizingHistory,
  Strategy,
  StrategyContext,
  Trade,
} from './types';

/** The context handed to the strategy: one object, updated in place from candle to candle. */
class BarContext implements StrategyContext {
  index = -1;
  candle: Candle;
  position = 0;
  pending = false;
  cash = 0;
  equity = 0;

  constructor(private readonly candles: readonly Candle[]) {
    this.candle = candles[0] as Candle;
  }

  bar(back: number): Candle | undefined {
    // Only the current candle and earlier ones: `back` < 0 (the future) gives nothing.
    if (!(back >= 0) || !Number.isInteger(back) || back > this.index) return undefined;
    return this.candles[this.index - back];
  }
}

/** A position as the backtester tracks it between its entry and exit fills. */
interface OpenTrade {
  side: 'long' | 'short';
  quantity: Decimal;
  entryPrice: Decimal;
  entryFee: Decimal;
  entryTime: number;
  entryIndex: number;
}

interface Settings {
  symbol: string;
  initialCash: Decimal;
  fill: FillModel;
  intrabarSlippage: number;
  sizing: Sizing;
  lot: Decimal;
  allowShort: boolean;
  onOpposite: OppositeSignal;
  atEnd: EndOfData;
  periodsPerYear: number;
  tradeFrom: number;
  safety: BacktestSafety | undefined;
}

function settingsOf(input: BacktestInput): Settings {
  const fail = (message: string): never => {
    throw new BacktestConfigError('invalid_config', message);
  };
  const initialCash = Decimal.from(input.initialCash ?? '10000');
  if (!initialCash.isPositive()) fail(`initialCash must be positive, got ${initialCash}`);
  const fill = input.fill ?? 'next-open';
  if (!FILL_MODELS.includes(fill)) fail(`fill must be one of ${FILL_MODELS.join(', ')}, got ${fill}`);
  const intrabarSlippage = input.intrabarSlippage ?? 0.5;
  if (!(intrabarSlippage >= 0 && intrabarSlippage <= 1)) fail('intrabarSlippage must be between 0 and 1');
  const lot = Decimal.from(input.lotSize ?? '1');
  if (!lot.isPositive()) fail(`lotSize must be positive, got ${lot}`);
  const sizing = input.sizing ?? { kind: 'all-in' };
  if (sizing.kind === 'fraction' && !(sizing.fraction > 0)) fail('sizing.fraction must be positive');
  const resume = input.safety?.resumeAfterMinutes;
  if (resume !== undefined && !(resume > 0)) fail('safety.resumeAfterMinutes must be positive');
  if (sizing.kind === 'risk') {
    const cap = sizing.maxFraction ?? 1;
    if (!(cap > 0 && cap <= 1)) fail('sizing.maxFraction must be more than 0 and at most 1');
    if (sizing.method === 'volatility-target') {
      if (!(sizing.targetVolatility > 0)) fail('sizing.targetVolatility must be positive');
      const lookback = sizing.lookback ?? 30;
      if (!(Number.isInteger(lookback) && lookback >= 2)) fail('sizing.lookback must be a whole number ≥ 2');
    } else if (sizing.method === 'half-kelly') {
      const minTrades = sizing.minTrades ?? 10;
      if (!(Number.isInteger(minTrades) && minTrades >= 1))
        fail('sizing.minTrades must be a whole number ≥ 1');
      const start = sizing.startFraction ?? 0.1;
      if (!(start >= 0 && start <= 1)) fail('sizing.startFraction must be from 0 to 1');
    } else fail(`unknown risk sizing method ${String((sizing as { method: unknown }).method)}`);
  }
  const onOpposite = input.onOpposite ?? 'reverse';
  if (onOpposite !== 'reverse' && onOpposite !== 'close') fail(`onOpposite must be reverse or close`);
  const atEnd = input.atEnd ?? 'close';
  if (atEnd !== 'close' && atEnd !== 'mark' && atEnd !== 'close-at-last-open')
    fail(`atEnd must be close, mark or close-at-last-open`);
  const periodsPerYear = input.periodsPerYear ?? inferPeriodsPerYear(input.candles.map((c) => c.time));
  if (!(periodsPerYear > 0)) fail('periodsPerYear must be positive');
  return {
    symbol: input.symbol ?? 'BTC/USDT',
    initialCash,
    fill,
    intrabarSlippage,
    sizing,
    lot,
    allowShort: input.allowShort ?? false,
    onOpposite,
    atEnd,
    periodsPerYear,
    safety: input.safety,
    tradeFrom: input.tradeFrom ?? Number.NEGATIVE_INFINITY,
  };
}

function checkCandles(candles: readonly Candle[]): void {
  if (candles.length === 0) throw new BacktestConfigError('invalid_candles', 'no candles');
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i] as Candle;
    if (!(c.time > previous)) {
      throw new BacktestConfigError('invalid_candles', `candle ${i}: times must increase`);
    }
    if (!(c.open > 0 && c.high > 0 && c.low > 0 && c.close > 0) || !Number.isFinite(c.high)) {
      throw new BacktestConfigError('invalid_candles', `candle ${i}: prices must be positive numbers`);
    }
    previous = c.time;
  }
}

/**
 * Runs `strategy` over `candles`, event-driven, one closed candle at a time on a simulated clock.
 *
 * For each candle `i`: an order placed after candle `i − 1` fills first (at candle `i`'s open under
 * `'next-open'`, inside its range under `'intrabar'`); then the strategy sees candle `i` (and, through
 * `ctx.bar`, earlier ones — never a later one) and may return a {@link Signal}; then equity is marked
 * at the close. Signals become market orders on the engine's {@link PaperExchange}, which books every
 * fill and fee in its {@link Ledger} in exact decimals (margin mode when `allowShort`); one order is
 * in flight at a time. Quantities are sized when the order fills (see {@link Sizing}). At the end the
 * open position is closed at the last close, or kept and marked there (`atEnd`).
 *
 * Deterministic; the hot path allocates nothing per candle: Decimal work happens only on fills.
 * @throws {BacktestConfigError} for a bad configuration, empty or unordered candles, or a strategy
 * returning something that is not a signal.
 * @example
 * const result = runBacktest({ candles, strategy: smaCrossover.create({ fast: 10, slow: 30 }) });
 * result.metrics.sharpe;
 */
export function runBacktest(input: BacktestInput): BacktestResult {
  const candles = input.candles;
  checkCandles(candles);
  const s = settingsOf(input);
  const strategy: Strategy = input.strategy;
  const n = candles.length;
  const { quote } = parseSymbol(s.symbol);
  const symbol = s.symbol;
  const first = candles[0] as Candle;
  const barMs = n > 1 ? (candles[1] as Candle).time - first.time : 60_000;
  const clock = new ManualClock(first.time);
  const ledger = new Ledger({
    quoteAsset: quote,
    balances: { [quote]: s.initialCash },
    margin: s.allowShort,
  });
  let orderSequence = 0;
  const exchange = new PaperExchange({
    clock,
    ledger,
    config: input.paper,
    nextOrderId: () => `bt-${++orderSequence}`,
  });
  const paper = exchange.settings;
  let enforcer: SafetyEnforcer | undefined;
  const safetyEvents: SafetyEvent[] = [];
  let blockedEntries = 0;
  let pauses = 0;
  let resumes = 0;
  let pausedAt = 0;
  if (s.safety) {
    try {
      enforcer = new SafetyEnforcer({ clock, ...(s.safety.config ? { config: s.safety.config } : {}) });
    } catch (error) {
      throw new BacktestConfigError('invalid_config', `safety: ${(error as Error).message}`);
    }
    enforcer.subscribe((event) => {
      safetyEvents.push(event);
      if (
        (event.type === 'safety.reducing' || event.type === 'safety.halted') &&
        event.previousState === 'ACTIVE'
      ) {
        pauses++;
        pausedAt = clock.now().getTime();
      }
      if (event.type === 'safety.resumed') resumes++;
    });
  }
  /** Whether the enforcer lets a new position open now (resuming it first once its pause is over). */
  const mayOpen = (time: number): boolean => {
    if (!enforcer) return true;
    const resumeMs = (s.safety?.resumeAfterMinutes ?? 0) * 60_000;
    if (enforcer.state !== 'ACTIVE' && resumeMs > 0 && time - pausedAt >= resumeMs) {
      enforcer.resume({ force: true, reason: 'backtest: the pause is over' });
    }
    if (enforcer.canTrade({ symbol, reducesPosition: false }).allowed) return true;
    blockedEntries++;
    return false;
  };

  const fills: Fill[] = [];
  const trades: Trade[] = [];
  let feesPaid = Decimal.ZERO;
  let position = Decimal.ZERO;
  let positionNum = 0;
  let cash = s.initialCash;
  let cashNum = cash.toNumber();
  let open: OpenTrade | undefined;

  /** Submits a market order filling `quantity` at `price` (one level of exactly that size). */
  const trade = (side: OrderSide, quantity: Decimal, price: Decimal): { price: Decimal; fee: Decimal } => {
    const level = [[price, quantity] as const];
    const view: MarketView = { bids: level, asks: level, last: price };
    const update = exchange.submit({ symbol, side, type: 'market', quantity }, view);
    for (const fill of update.fills) {
      fills.push(fill);
      feesPaid = feesPaid.add(fill.fee);
    }
    position = ledger.position(symbol)?.quantity ?? Decimal.ZERO;
    positionNum = position.toNumber();
    const balance = ledger.balance(quote);
    cash = balance.free.add(balance.locked);
    cashNum = cash.toNumber();
    return { price: update.order.averageFillPrice as Decimal, fee: update.order.fees };
  };

  const closeTrade = (
    exitPrice: Decimal,
    exitFee: Decimal,
    exitTime: number,
    exitIndex: number,
    still: boolean,
  ) => {
    const t = open as OpenTrade;
    const move = t.side === 'long' ? exitPrice.sub(t.entryPrice) : t.entryPrice.sub(exitPrice);
    const fees = t.entryFee.add(exitFee);
    const pnl = move.mul(t.quantity).sub(fees);
    trades.push({
      side: t.side,
      quantity: t.quantity,
      entryTime: t.entryTime,
      entryPrice: t.entryPrice,
      entryIndex: t.entryIndex,
      exitTime,
      exitPrice,
      exitIndex,
      fees,
      pnl,
      returnPct: pnl.toNumber() / t.entryPrice.mul(t.quantity).toNumber(),
      open: still,
    });
  };

  // What sizing may know: closes up to the candle whose close made the signal, and the closed trades.
  let signalIndex = 0;
  const history: SizingHistory = {
    close: (back) => (back >= 0 && signalIndex - back >= 0 ? candles[signalIndex - back]?.close : undefined),
    trades,
    periodsPerYear: s.periodsPerYear,
  };

  /** Carries out a decision on `bar` (index `index`), at `time`: close the position, then open `openSide`. */
  const execute = (close: boolean, openSide: number, bar: Candle, index: number, time: number) => {
    clock.set(time);
    if (close && !position.isZero()) {
      const side: OrderSide = position.isPositive() ? 'sell' : 'buy';
      const price = Decimal.fromNumber(fillPrice(s.fill, bar, side === 'buy', s.intrabarSlippage));
      const done = trade(side, position.abs(), price);
      closeTrade(done.price, done.fee, time, index, false);
      open = undefined;
      enforcer?.recordTrade({
        symbol,
        pnl: (trades[trades.length - 1] as Trade).pnl,
        closedAt: time,
        exit: 'signal',
      });
    }
    if (openSide === 0 || !position.isZero()) return;
    if (!mayOpen(time)) return;
    const buy = openSide > 0;
    const priceNum = fillPrice(s.fill, bar, buy, s.intrabarSlippage);
    const price = Decimal.fromNumber(priceNum);
    signalIndex = s.fill === 'close' ? index : index - 1;
    const sizingInput = {
      side: buy ? 'long' : 'short',
      price: priceNum,
      cash: cashNum,
      equity: cashNum,
      candle: bar,
      history,
    } as const;
    let quantity = sizeOrder(s.sizing, sizingInput, cash, price, s.lot, paper);
    // Fee rounding can leave an all-in buy a hair short: one lot less then.
    for (let attempt = 0; attempt < 2 && quantity.isPositive(); attempt++) {
      try {
        const done = trade(buy ? 'buy' : 'sell', quantity, price);
        open = {
          side: buy ? 'long' : 'short',
          quantity,
          entryPrice: done.price,
          entryFee: done.fee,
          entryTime: time,
          entryIndex: index,
        };
        return;
      } catch (error) {
        if (!(error instanceof InsufficientFundsError)) throw error;
        quantity = quantity.sub(s.lot).min(affordableQuantity(cash, price, s.lot, paper));
      }
    }
  };

  const equity = new Float64Array(n);
  const ctx = new BarContext(candles);
  const immediate = s.fill === 'close';
  let pending = false;
  let pendingClose = false;
  let pendingOpen = 0;
  let barsInMarket = 0;
  let firstTradable = -1;
  let outOfMoney = false;

  for (let i = 0; i < n; i++) {
    const candle = candles[i] as Candle;
    if (pending) {
      pending = false;
      execute(pendingClose, pendingOpen, candle, i, candle.time);
    }
    const close = candle.close;
    ctx.index = i;
    ctx.candle = candle;
    ctx.position = positionNum;
    ctx.pending = false;
    ctx.cash = cashNum;
    ctx.equity = cashNum + positionNum * close;
    const signal = strategy.onCandle(ctx);
    if (candle.time >= s.tradeFrom && !outOfMoney) {
      if (firstTradable < 0) firstTradable = i;
      if (signal !== undefined) {
        const current = positionNum > 0 ? 1 : positionNum < 0 ? -1 : 0;
        let want: number;
        if (signal === 'long') want = 1;
        else if (signal === 'short') want = s.allowShort ? -1 : Math.min(current, 0);
        else if (signal === 'close') want = 0;
        else
          throw new BacktestConfigError(
            'invalid_signal',
            `${strategy.name} returned ${String(signal as unknown)}`,
          );
        if (want !== current) {
          const closeFirst = current !== 0;
          const openSide = closeFirst && want !== 0 && s.onOpposite === 'close' ? 0 : want;
          if (immediate) {
            const next = candles[i + 1];
            execute(closeFirst, openSide, candle, i, next ? next.time : candle.time + barMs);
          } else if (i + 1 < n) {
            pending = true;
            pendingClose = closeFirst;
            pendingOpen = openSide;
          }
        }
      }
    }
    const marked = cashNum + positionNum * close;
    equity[i] = marked;
    if (positionNum !== 0 && marked <= 0 && !outOfMoney) {
      // Bankrupt: liquidate at this close and stop trading (as backtesting.py does).
      outOfMoney = true;
      pending = false;
      const saved = s.fill;
      s.fill = 'close';
      const next = candles[i + 1];
      execute(true, 0, candle, i, next ? next.time : candle.time + barMs);
      s.fill = saved;
      equity[i] = cashNum;
    }
    if (positionNum !== 0 && firstTradable >= 0) barsInMarket++;
  }

  const last = candles[n - 1] as Candle;
  const lastClose = Decimal.fromNumber(last.close);
  const endTime = last.time + barMs;
  if (open && s.atEnd !== 'mark') {
    const saved = s.fill;
    s.fill = s.atEnd === 'close' ? 'close' : 'next-open';
    execute(true, 0, last, n - 1, Math.max(endTime, clock.now().getTime()));
    s.fill = saved;
  } else if (open) {
    closeTrade(lastClose, Decimal.ZERO, endTime, n - 1, true);
  }
  const finalEquity = cash.add(position.mul(lastClose));
  equity[n - 1] = finalEquity.toNumber();

  const from = firstTradable < 0 ? n : firstTradable;
  const measured = equity.subarray(from);
  const times = new Float64Array(n - from);
  for (let i = from; i < n; i++) times[i - from] = (candles[i] as Candle).time;
  const metrics = computeMetrics({
    startEquity: s.initialCash.toNumber(),
    equity: measured,
    times,
    trades,
    barsInMarket,
    feesPaid: feesPaid.toNumber(),
    periodsPerYear: s.periodsPerYear,
  });
  return {
    strategy: strategy.name,
    params: strategy.params,
    symbol,
    bars: n,
    fills,
    trades,
    initialCash: s.initialCash,
    finalCash: cash,
    finalPosition: position,
    finalEquity,
    feesPaid,
    equity,
    drawdown: drawdownSeries(equity, s.initialCash.toNumber()),
    metrics,
    outOfMoney,
    ledger,
    ...(enforcer
      ? { safety: { blockedEntries, pauses, resumes, finalState: enforcer.state, events: safetyEvents } }
      : {}),
  };
}
