export { Crossover, type CrossRule } from './crossover';
export { BacktestConfigError, type BacktestConfigErrorCode } from './errors';
export { FILL_MODELS, fillPrice } from './fill-models';
export { computeMetrics, drawdownSeries, inferPeriodsPerYear, type MetricsInput, YEAR_MS } from './metrics';
export { checkParam, paramGrid, resolveParams } from './params';
export { runBacktest } from './run-backtest';
export { affordableQuantity, riskFraction, sizeOrder } from './sizing';
export { defineStrategy, type StrategySource } from './strategies/define';
export {
  MULTI_AGENT_MARKET,
  type MultiAgentOptions,
  multiAgent,
  multiAgentStrategy,
  StreamingAnalysis,
  type StreamingAnalysisOptions,
} from './strategies/multi-agent';
export {
  bollingerBreakout,
  macdCrossover,
  momentum,
  rsiReversion,
  STRATEGY_TEMPLATES,
  smaCrossover,
} from './strategies/templates';
export type {
  BacktestConfig,
  BacktestInput,
  BacktestMetrics,
  BacktestResult,
  BacktestSafety,
  BacktestSafetyReport,
  ChoiceParamSpec,
  EndOfData,
  FillModel,
  FloatParamSpec,
  IntParamSpec,
  OppositeSignal,
  ParamSpec,
  ParamValue,
  ParamValues,
  RiskSizing,
  Signal,
  Sizing,
  SizingFunction,
  SizingHistory,
  SizingInput,
  Strategy,
  StrategyContext,
  StrategyDefinition,
  Trade,
} from './types';
