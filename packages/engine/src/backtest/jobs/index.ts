export {
  JobError,
  type JobThread,
  type JobThreadOptions,
  startJobThread,
} from '../parallel/job-thread';
export { checkJob, type JobProblem, jobStrategy } from './check';
export type { JobReport, MetricsReport, RunReport, ScoredReport, SeriesReport, TradeReport } from './report';
export { jobConfig, type RunJobOptions, runJob } from './run-job';
export {
  type JobKind,
  type JobSearch,
  type JobSettings,
  type JobSizing,
  type JobSpec,
  MAX_GRID_POINTS,
} from './spec';
