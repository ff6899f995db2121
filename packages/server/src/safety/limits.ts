import {
  CompliancePolicy,
  type CompliancePolicyConfig,
  CompliancePolicyError,
  RiskConfigError,
  type RiskLimits,
  RiskManager,
  type SafetyConfig,
  SafetyError,
  safetySettings,
} from '@sigmax/engine';
import type { components } from '../generated/openapi';
import { type FieldError, invalidFields } from '../problem';

type Schemas = components['schemas'];

/** The limits as the API shows and takes them. */
export type Limits = Schemas['SafetyLimits'];

/** Share of equity a proposal sizes for, before the caps. */
export const DEFAULT_POSITION_FRACTION = '0.05';

export const DEFAULT_LIMITS: Limits = { risk: {}, safety: {}, compliance: {} };

/** The engine objects a set of limits configures. */
export interface LimitEngines {
  risk: RiskManager;
  compliance: CompliancePolicy;
  safety: SafetyConfig;
  positionFraction: string;
}

/**
 * Builds the engine's risk manager, compliance policy and safety config from `limits`, or throws 422
 * naming every bad field (`body.risk.maxLeverage`, `body.compliance.denyList[0]`, …).
 */
export function limitEngines(limits: Limits, prefix = 'body'): LimitEngines {
  const errors: FieldError[] = [];
  const { positionFraction, ...riskLimits } = limits.risk;
  let risk: RiskManager | undefined;
  let compliance: CompliancePolicy | undefined;
  try {
    risk = new RiskManager(riskLimits as RiskLimits);
  } catch (error) {
    if (!(error instanceof RiskConfigError)) throw error;
    errors.push({ path: `${prefix}.risk.${error.field}`, message: error.message });
  }
  try {
    compliance = new CompliancePolicy(limits.compliance as CompliancePolicyConfig);
  } catch (error) {
    if (!(error instanceof CompliancePolicyError)) throw error;
    for (const e of error.errors)
      errors.push({ path: `${prefix}.compliance.${e.field}`, message: e.message });
  }
  try {
    safetySettings(limits.safety as SafetyConfig);
  } catch (error) {
    if (!(error instanceof SafetyError)) throw error;
    errors.push({ path: `${prefix}.safety${error.field ? `.${error.field}` : ''}`, message: error.message });
  }
  const fraction = positionFraction ?? DEFAULT_POSITION_FRACTION;
  if (!(Number(fraction) > 0 && Number(fraction) <= 1)) {
    errors.push({ path: `${prefix}.risk.positionFraction`, message: 'must be more than 0 and at most 1' });
  }
  if (errors.length > 0 || !risk || !compliance) throw invalidFields(errors);
  return { risk, compliance, safety: limits.safety as SafetyConfig, positionFraction: fraction };
}
