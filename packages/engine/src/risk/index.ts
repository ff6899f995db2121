export {
  checkOrder,
  type PortfolioPosition,
  type RiskCheck,
  type RiskContext,
  RiskManager,
  type RiskOrder,
  type RiskPortfolio,
  type RiskViolation,
  type RiskViolationCode,
} from './check-order';
export { RiskConfigError, type RiskConfigErrorCode } from './errors';
export {
  type RiskLimits,
  type RiskSettings,
  riskSettings,
  type SymbolRiskLimits,
  type SymbolRiskSettings,
} from './limits';
export {
  type ExitBar,
  type ExitDistance,
  type PositionSide,
  type ProtectiveExits,
  type ProtectiveExitsInput,
  protectiveExits,
  type TriggeredExit,
  triggeredExit,
} from './protective-exits';
export {
  fixedFractionQuantity,
  halfKellyFraction,
  kellyFraction,
  quantityForFraction,
  roundDownToLot,
  volatilityTargetFraction,
} from './sizing';
