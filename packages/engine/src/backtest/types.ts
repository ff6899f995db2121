import type { Decimal, DecimalInput } from '../decimal';
import type { Ledger } from '../ledger/ledger';
import type { Candle } from '../market/types';
import type { Fill } from '../orders/order';
import type { PaperConfig } from '../paper/config';
import type { SafetyConfig, SafetyState } from '../safety/config';
import type { SafetyEvent } from '../safety/enforcer';

// ---------------------------------------------------------------------------------------------------
// Strategy parameters
// ---------------------------------------------------------------------------------------------------

/** An integer parameter: `min`, `min + step`, ... up to `max`. */
export interface IntParamSpec {
  readonly name: string;
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
  /** @default 1 */
  readonly step?: number;
  readonly default: number;
  readonly description?: string;
}

/** A real parameter in `[min, max]`; `step` is the grid a parameter search walks. */
export interface FloatParamSpec {
  readonly name: string;
  readonly type: 'float';
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly default: number;
  readonly description?: string;
}

/** One of a fixed list of values. */
export interface ChoiceParamSpec {
  readonly name: string;
  readonly type: 'choice';
  readonly choices: readonly (string | number)[];
  readonly default: string | number;
  readonly description?: string;
}

/** A strategy parameter with its declared range: what a parameter search may try. */
export type ParamSpec = IntParamSpec | FloatParamSpec | ChoiceParamSpec;

export type ParamValue = number | string;

/** Parameter values by name. */
export type ParamValues = Readonly<Record<string, ParamValue>>;

// ---------------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------------

/**
 * What a strategy asks for after a candle closed:
 * - `'long'`: be long (open a long when flat; reverse or close a short, see {@link OppositeSignal});
 * - `'short'`: be short (with `allowShort: false`, only closes a long);
 * - `'close'`: be flat.
 *
 * Returning nothing holds. A signal while an order is in flight, or one that asks for the position
 * already held, is ignored (no pyramiding).
 */
export type Signal = 'long' | 'short' | 'close';

/**
 * What a strategy sees at one candle: only closed candles, the current one last. The object is reused
 * from candle to candle (no allocation on the hot path): read it, do not keep it.
 */
export interface StrategyContext {
  /** Index of the current candle in the series (0 for the first). */
  readonly index: number;
  /** The candle that just closed. */
  readonly candle: Candle;
  /**
   * The candle `back` bars before the current one (`bar(0)` is the current candle), or undefined
   * before the first candle. There is no way to read a later candle.
   */
  bar(back: number): Candle | undefined;
  /** Signed position in base units (negative when short), as a float. */
  readonly position: number;
  /** True while an order placed earlier has not filled yet. */
  readonly pending: boolean;
  /** Quote cash (may exceed equity while short), as a float. */
  readonly cash: number;
  /** `cash + position × close`, as a float. */
  readonly equity: number;
}

/** A running strategy instance: stateful (its indicators), so one instance per backtest. */
export interface Strategy {
  readonly name: string;
  /** The resolved parameters it runs with. */
  readonly params: ParamValues;
  /** Called once per closed candle, oldest first. */
  onCandle(ctx: StrategyContext): Signal | undefined;
}

/**
 * A strategy template: its declared parameters and a factory. `create` fills in defaults and
 * validates (see {@link resolveParams}).
 */
export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** @throws {BacktestConfigError} `invalid_param` for an unknown name or a value out of range. */
  create(params?: Readonly<Record<string, ParamValue | undefined>>): Strategy;
}

// ---------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------

/**
 * When and at what price an order placed after candle `i` closed fills:
 * - `'next-open'` (default): at the open of candle `i + 1`;
 * - `'close'`: at the close of candle `i` itself (optimistic: the signal used that close);
 * - `'intrabar'`: during candle `i + 1`, moved from its open against the order by
 *   `intrabarSlippage` of the way to the bar's extreme: a buy at `open + s × (high − open)`, a sell at
 *   `open − s × (open − low)`.
 *
 * The paper config's `slippageBps` applies on top in every model (fills are market orders).
 */
export type FillModel = 'next-open' | 'close' | 'intrabar';

/** What {@link SizingFunction} is told when an order is about to fill. */
export interface SizingInput {
  readonly side: 'long' | 'short';
  /** The price the order will fill at (before the paper slippage). */
  readonly price: number;
  /** Quote cash after any closing leg of the same signal, as a float. */
  readonly cash: number;
  /** Equity after any closing leg, as a float. */
  readonly equity: number;
  readonly candle: Candle;
  readonly history: SizingHistory;
}

/** Base units to trade (rounded down to the lot size; 0 or less skips the order). */
export type SizingFunction = (input: SizingInput) => number;

/**
 * How many units an opening order trades, resolved when it fills, rounded down to `lotSize`:
 * - `units`: a fixed quantity;
 * - `fraction`: `fraction × equity / price`;
 * - `all-in`: as many lots as `cash` buys at the fill price, fees included;
 * - `custom`: a function.
 */
export type Sizing =
  | { readonly kind: 'units'; readonly units: DecimalInput }
  | { readonly kind: 'fraction'; readonly fraction: number }
  | { readonly kind: 'all-in' }
  | { readonly kind: 'custom'; readonly size: SizingFunction }
  | RiskSizing;

/**
 * Sizing by the risk manager's rules (the engine's `risk` module), from what is known when the order
 * is placed, never later:
 * - `volatility-target`: the fraction of equity whose volatility is `targetVolatility` (annualised),
 *   given the asset's realised volatility over the last `lookback` closes up to the signal candle
 *   (no order until that many are known), capped at `maxFraction`;
 * - `half-kelly`: half the Kelly fraction of the win rate and payoff ratio of the trades closed so far,
 *   capped at `maxFraction`; `startFraction` until `minTrades` trades have closed.
 */
export type RiskSizing =
  | {
      readonly kind: 'risk';
      readonly method: 'volatility-target';
      readonly targetVolatility: number;
      /** @default 30 */
      readonly lookback?: number;
      /** @default 1 */
      readonly maxFraction?: number;
    }
  | {
      readonly kind: 'risk';
      readonly method: 'half-kelly';
      /** @default 1 */
      readonly maxFraction?: number;
      /** @default 10 */
      readonly minTrades?: number;
      /** @default 0.1 */
      readonly startFraction?: number;
    };

/** What a sizing rule may know of the past when an order is placed: nothing after the signal candle. */
export interface SizingHistory {
  /** The close `back` candles before the signal candle (`close(0)` is the signal candle's), or undefined. */
  close(back: number): number | undefined;
  /** The round trips closed so far. */
  readonly trades: readonly Trade[];
  readonly periodsPerYear: number;
}

/** On a signal against the open position: close it and open the other way, or only close it. */
export type OppositeSignal = 'reverse' | 'close';

/**
 * At the last candle: close the open position at its close (`'close'`), leave it open marked at that
 * close (`'mark'`), or close it at the last candle's open (`'close-at-last-open'`), which is what
 * backtesting.py does when it finalises the trades still open (it runs its broker once more on the
 * last bar, whose open is the next price it knows).
 */
export type EndOfData = 'close' | 'mark' | 'close-at-last-open';

/** Everything a backtest needs besides the candles and the strategy. Every field has a default. */
export interface BacktestConfig {
  /** `BASE/QUOTE`. @default 'BTC/USDT' */
  symbol?: string;
  /** Starting quote cash. @default '10000' */
  initialCash?: DecimalInput;
  /** Fees and slippage of the paper venue (its defaults: 0.1 % maker and taker). */
  paper?: PaperConfig;
  /** @default 'next-open' */
  fill?: FillModel;
  /** For `fill: 'intrabar'`: the share of the way to the bar's extreme, 0..1. @default 0.5 */
  intrabarSlippage?: number;
  /** @default { kind: 'all-in' } */
  sizing?: Sizing;
  /** Quantities are whole multiples of it. @default '1' */
  lotSize?: DecimalInput;
  /** Whether `'short'` opens short positions (margin mode of the ledger). @default false */
  allowShort?: boolean;
  /** @default 'reverse' */
  onOpposite?: OppositeSignal;
  /** @default 'close' */
  atEnd?: EndOfData;
  /**
   * Bars per year, for annualised figures. @default inferred from the median spacing of the candles
   * (365 days of 24 hours: crypto trades every day)
   */
  periodsPerYear?: number;
  /** Timestamp of the first candle the strategy may trade on; earlier candles only warm it up. */
  tradeFrom?: number;
  /**
   * Runs the live safety enforcer (the engine's `SafetyEnforcer`) on the simulated clock: each closed
   * round trip is recorded (consecutive losses, the daily loss, per-symbol protections), and a new
   * position is opened only when the enforcer allows it; closing is always allowed. Nobody resumes
   * trading in a backtest, so `resumeAfterMinutes` says when it is resumed (forced) after a pause;
   * without it, a trip stops new entries for the rest of the run.
   */
  safety?: BacktestSafety;
}

/** The safety enforcer inside a backtest (see {@link BacktestConfig.safety}). */
export interface BacktestSafety {
  config?: SafetyConfig;
  resumeAfterMinutes?: number;
}

/** What the safety enforcer did during a backtest. */
export interface BacktestSafetyReport {
  /** Signals to open a position that the enforcer refused. */
  blockedEntries: number;
  /** Times trading was paused (a trigger fired) and resumed. */
  pauses: number;
  resumes: number;
  /** The state at the end. */
  finalState: SafetyState;
  /** Every event of the enforcer, in order (triggers, pauses, locks), on the simulated clock. */
  events: readonly SafetyEvent[];
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** One round trip: from the fill that opened a position to the one that closed it. */
export interface Trade {
  readonly side: 'long' | 'short';
  readonly quantity: Decimal;
  readonly entryTime: number;
  readonly entryPrice: Decimal;
  readonly entryIndex: number;
  readonly exitTime: number;
  readonly exitPrice: Decimal;
  readonly exitIndex: number;
  /** Entry and exit fees. */
  readonly fees: Decimal;
  /** `±(exit − entry) × quantity − fees` (+ for long). */
  readonly pnl: Decimal;
  /** `pnl / (entryPrice × quantity)`, as a float. */
  readonly returnPct: number;
  /** True for a position still open at the end, valued at the last close (`atEnd: 'mark'`). */
  readonly open: boolean;
}

/**
 * Performance figures, floats. Returns are fractions (0.05 = 5 %); see {@link computeMetrics} and
 * docs/backtesting.md for every formula. A ratio whose denominator is zero (no trades, no losing
 * trade, no volatility, no drawdown) is `null`, so the figures survive JSON.
 */
export interface BacktestMetrics {
  readonly startEquity: number;
  readonly endEquity: number;
  readonly totalReturn: number;
  readonly annualizedReturn: number;
  /** Standard deviation of per-bar returns × √periodsPerYear. */
  readonly volatility: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  /** Largest fall from a running peak of equity, as a positive fraction. */
  readonly maxDrawdown: number;
  /** Longest stretch, in bars, from a peak until equity first regains it (or the end). */
  readonly maxDrawdownBars: number;
  /** Same, in milliseconds. */
  readonly maxDrawdownDurationMs: number;
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Mean trade P&L in quote units (= average trade). */
  readonly expectancy: number | null;
  readonly averageTrade: number | null;
  readonly averageTradeReturn: number | null;
  readonly bestTrade: number | null;
  readonly worstTrade: number | null;
  /** Share of bars that ended with a position open. */
  readonly exposure: number;
  readonly feesPaid: number;
  readonly periodsPerYear: number;
  readonly bars: number;
}

/** What {@link runBacktest} returns. */
export interface BacktestResult {
  readonly strategy: string;
  readonly params: ParamValues;
  readonly symbol: string;
  readonly bars: number;
  /** Every fill, in order, as the paper venue booked it. */
  readonly fills: readonly Fill[];
  /** Closed round trips (and, with `atEnd: 'mark'`, the open one last with `open: true`). */
  readonly trades: readonly Trade[];
  readonly initialCash: Decimal;
  readonly finalCash: Decimal;
  /** Signed base units held at the end. */
  readonly finalPosition: Decimal;
  /** `finalCash + finalPosition × last close`, exact. */
  readonly finalEquity: Decimal;
  readonly feesPaid: Decimal;
  /** Equity after each candle's close (float). */
  readonly equity: Float64Array;
  /** `equity / running peak − 1` after each candle (≤ 0). */
  readonly drawdown: Float64Array;
  readonly metrics: BacktestMetrics;
  /**
   * True when equity fell to zero or below with a position open: the position was closed at that
   * bar's close and nothing traded afterwards (a short can lose more than the account).
   */
  readonly outOfMoney: boolean;
  /** The account, for inspection: every balance and position exactly. */
  readonly ledger: Ledger;
  /** With `safety`: what the enforcer did. */
  readonly safety?: BacktestSafetyReport;
}

/** The candles and strategy to run, with the configuration. */
export interface BacktestInput extends BacktestConfig {
  readonly candles: readonly Candle[];
  readonly strategy: Strategy;
}
