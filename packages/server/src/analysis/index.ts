export {
  ANALYSIS_CANDLES,
  type AnalysisRequest,
  AnalysisService,
  type AnalysisServiceOptions,
  chooseTimeframes,
  DEFAULT_ANALYSIS_TIMEFRAMES,
} from './analysis-service';
export { analysisBody } from './body';
export { explainAnalysis } from './explanation';
export { restoreInput, storeInput } from './stored-input';
