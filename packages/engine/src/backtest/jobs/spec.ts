import type { PaperConfig } from '../../paper/config';
import type { MonteCarloOptions } from '../robustness/monte-carlo';
import type { ObjectiveSpec } from '../robustness/search/objectives';
import type { SearchMethod } from '../robustness/search/search';
import type { RangeOverride } from '../robustness/search/space';
import type { WalkForwardWindowOptions } from '../robustness/walk-forward';
import type { BacktestSafety, EndOfData, FillModel, OppositeSignal, ParamValue, RiskSizing } from '../types';

/** What a backtest job does; see {@link runJob}. */
export type JobKind = 'run' | 'search' | 'walk-forward' | 'monte-carlo';

/** Sizing that can be sent to a worker thread (no function). */
export type JobSizing =
  | { readonly kind: 'units'; readonly units: string }
  | { readonly kind: 'fraction'; readonly fraction: number }
  | { readonly kind: 'all-in' }
  | RiskSizing;

/** The account settings of a job: a `BacktestConfig` without functions, decimals as strings. */
export interface JobSettings {
  initialCash?: string;
  paper?: PaperConfig;
  fill?: FillModel;
  intrabarSlippage?: number;
  sizing?: JobSizing;
  lotSize?: string;
  allowShort?: boolean;
  onOpposite?: OppositeSignal;
  atEnd?: EndOfData;
  safety?: BacktestSafety;
}

/** The parameter search of a `search` or `walk-forward` job. */
export interface JobSearch {
  /** Ranges of the parameters to vary; the others are held at the strategy's parameters. */
  ranges: Readonly<Record<string, RangeOverride>>;
  objective: ObjectiveSpec;
  /** @default { kind: 'grid' } */
  method?: SearchMethod;
  /** Best points kept in the report. @default 20 */
  top?: number;
}

/**
 * A backtest job, as plain data (it is stored, and sent to a worker thread). Field names follow the
 * API's `BacktestCreate`, so problems found by {@link checkJob} name the request's fields.
 */
export interface JobSpec {
  kind: JobKind;
  strategy: { name: string; params?: Readonly<Record<string, ParamValue>> };
  /** `BASE/QUOTE`. */
  symbol: string;
  settings: JobSettings;
  search?: JobSearch;
  walkForward?: WalkForwardWindowOptions;
  monteCarlo?: Partial<Pick<MonteCarloOptions, 'method' | 'runs' | 'seed' | 'ruinThreshold'>>;
}

/** Most parameter sets a grid search of a job may hold. */
export const MAX_GRID_POINTS = 100_000;
