export {
  SAFETY_PROTECTIONS,
  SAFETY_STATES,
  SAFETY_TRIGGERS,
  type SafetyAction,
  type SafetyConfig,
  type SafetyProtection,
  type SafetySettings,
  type SafetyState,
  type SafetyTrigger,
  safetySettings,
} from './config';
export {
  type ClosedTrade,
  type PrivacyBreach,
  SafetyEnforcer,
  type SafetyEnforcerOptions,
  type SafetyEvent,
  type SafetyListener,
  type SafetySnapshot,
  type SlippageFill,
  type TradePermission,
  type TradeRequest,
} from './enforcer';
export { SafetyError, type SafetyErrorCode } from './errors';
