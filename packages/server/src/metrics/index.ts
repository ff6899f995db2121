export { Metrics, type MetricsOptions, type PortfolioReader } from './metrics';
