import { createHash } from 'node:crypto';
import { canonicalJson } from '../analysis/canonical';
import { Decimal, type DecimalInput } from '../decimal';

/** How much of the equity one position may take, from the most to the least careful. */
export const RISK_PROFILES = ['conservative', 'balanced', 'aggressive'] as const;
export type RiskProfile = (typeof RISK_PROFILES)[number];

/** Percent of equity one position may be worth under each profile, unless the policy says otherwise. */
export const DEFAULT_MAX_POSITION_PERCENT: Readonly<Record<RiskProfile, string>> = Object.freeze({
  conservative: '5',
  balanced: '10',
  aggressive: '25',
});

/**
 * A declarative compliance policy, as it is written in configuration (JSON-friendly).
 *
 * List entries are exact symbols (`BTC/USDT`) or base assets (`DOGE`, matching every `DOGE/...`
 * symbol); no wildcards. Upper-case letters and digits only.
 *
 * @example
 * const config: CompliancePolicyConfig = {
 *   version: '2024-06-01',
 *   profile: 'conservative',
 *   allowList: ['BTC', 'ETH', 'SOL/USDT'],
 *   denyList: ['ETH/BTC'],
 *   profiles: { conservative: { maxPositionPercent: '4' } },
 * };
 */
export interface CompliancePolicyConfig {
  /** A label for the policy, carried by every verdict. @default '1' */
  version?: string;
  /** @default 'balanced' */
  profile?: RiskProfile;
  /** When not empty, only these symbols or base assets may be traded. @default [] (all) */
  allowList?: readonly string[];
  /** Never traded; wins over the allow list. @default [] */
  denyList?: readonly string[];
  /** Overrides of {@link DEFAULT_MAX_POSITION_PERCENT}, 0 to 100. */
  profiles?: Partial<Record<RiskProfile, { maxPositionPercent?: DecimalInput }>>;
}

/** One problem with a policy, named by its field path (`profile`, `denyList[1]`, `profiles.balanced.maxPositionPercent`). */
export interface ComplianceFieldError {
  readonly field: string;
  readonly message: string;
}

/** A compliance policy is malformed; `errors` lists every problem, each with its field. */
export class CompliancePolicyError extends Error {
  override readonly name = 'CompliancePolicyError';
  readonly code = 'invalid_compliance_policy';
  constructor(readonly errors: readonly ComplianceFieldError[]) {
    super(`invalid compliance policy: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
}

const ENTRY = /^[A-Z0-9]{1,20}(\/[A-Z0-9]{1,20})?$/;
const KNOWN_FIELDS = new Set(['version', 'profile', 'allowList', 'denyList', 'profiles']);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkList(name: string, value: unknown, errors: ComplianceFieldError[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push({ field: name, message: `${name} must be an array of symbols or assets` });
    return [];
  }
  const entries: string[] = [];
  value.forEach((entry, i) => {
    if (typeof entry !== 'string' || !ENTRY.test(entry))
      errors.push({
        field: `${name}[${i}]`,
        message: `must be a symbol like BTC/USDT or an asset like BTC (upper case), got ${JSON.stringify(entry)}`,
      });
    else entries.push(entry);
  });
  return entries;
}

/**
 * Every problem with a policy, each naming its field; empty when the policy is valid. Accepts any
 * value, so a policy read from a file or a request body can be checked before it is used.
 *
 * Checks: known fields only; `version` a non-empty string; `profile` one of {@link RISK_PROFILES};
 * list entries well-formed; no entry on both lists; `profiles` keys known and each
 * `maxPositionPercent` a decimal from 0 to 100.
 *
 * @example
 * validateCompliancePolicy({ profile: 'yolo', allowList: ['BTC'], denyList: ['BTC'] });
 * // [{ field: 'profile', ... }, { field: 'denyList[0]', message: 'BTC is also on the allow list (allowList[0])' }]
 */
export function validateCompliancePolicy(config: unknown): ComplianceFieldError[] {
  const errors: ComplianceFieldError[] = [];
  if (!isRecord(config)) return [{ field: 'policy', message: 'a policy must be an object' }];
  for (const key of Object.keys(config))
    if (!KNOWN_FIELDS.has(key)) errors.push({ field: key, message: `unknown field ${JSON.stringify(key)}` });
  if (config.version !== undefined && (typeof config.version !== 'string' || config.version === ''))
    errors.push({ field: 'version', message: 'version must be a non-empty string' });
  if (config.profile !== undefined && !RISK_PROFILES.includes(config.profile as RiskProfile))
    errors.push({
      field: 'profile',
      message: `unknown profile ${JSON.stringify(config.profile)}; one of ${RISK_PROFILES.join(', ')}`,
    });
  const allow = checkList('allowList', config.allowList, errors);
  checkList('denyList', config.denyList, errors);
  if (Array.isArray(config.denyList)) {
    config.denyList.forEach((entry, i) => {
      const j = allow.indexOf(entry as string);
      if (typeof entry === 'string' && j !== -1)
        errors.push({
          field: `denyList[${i}]`,
          message: `${entry} is also on the allow list (allowList[${(config.allowList as unknown[]).indexOf(entry)}])`,
        });
    });
  }
  if (config.profiles !== undefined) {
    if (!isRecord(config.profiles)) {
      errors.push({ field: 'profiles', message: 'profiles must be an object keyed by profile' });
    } else {
      for (const [name, profile] of Object.entries(config.profiles)) {
        const field = `profiles.${name}`;
        if (!RISK_PROFILES.includes(name as RiskProfile)) {
          errors.push({
            field,
            message: `unknown profile ${JSON.stringify(name)}; one of ${RISK_PROFILES.join(', ')}`,
          });
          continue;
        }
        if (!isRecord(profile)) {
          errors.push({ field, message: 'must be an object like { maxPositionPercent: "10" }' });
          continue;
        }
        for (const key of Object.keys(profile))
          if (key !== 'maxPositionPercent')
            errors.push({ field: `${field}.${key}`, message: `unknown field ${JSON.stringify(key)}` });
        const percent = profile.maxPositionPercent;
        if (percent === undefined) continue;
        let value: Decimal | undefined;
        try {
          if (typeof percent === 'string' || typeof percent === 'number') value = Decimal.from(percent);
        } catch {
          value = undefined;
        }
        if (value === undefined || value.isNegative() || value.gt(100))
          errors.push({
            field: `${field}.maxPositionPercent`,
            message: `maxPositionPercent must be a decimal from 0 to 100, got ${JSON.stringify(percent)}`,
          });
      }
    }
  }
  return errors;
}

/** A rule of the policy, named in each {@link ComplianceReason}. */
export type ComplianceRule = 'deny_list' | 'allow_list' | 'max_position_percent';

/** Why a rule passed or failed. Every verdict carries one per rule, also when approved. */
export interface ComplianceReason {
  readonly rule: ComplianceRule;
  readonly passed: boolean;
  readonly message: string;
}

/** The answer of {@link CompliancePolicy.evaluate}. */
export interface ComplianceVerdict {
  readonly approved: boolean;
  /** One reason per rule, in the order deny list, allow list, position size. */
  readonly reasons: readonly ComplianceReason[];
  readonly policyVersion: string;
  /** SHA-256 of the policy's canonical form: which exact policy decided. */
  readonly policyHash: string;
  readonly profile: RiskProfile;
}

/** The order as compliance sees it; an engine {@link Order} fits. */
export interface ComplianceOrder {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
}

/** What compliance needs besides the order, in quote units. */
export interface ComplianceContext {
  readonly equity: Decimal;
  /** The last price of the order's symbol. */
  readonly price: Decimal;
  /** The current position in the order's symbol, signed (negative: short). @default 0 */
  readonly positionQuantity?: Decimal;
}

/** The canonical, fully defaulted form of a policy: what its hash covers. */
export interface NormalizedCompliancePolicy {
  readonly version: string;
  readonly profile: RiskProfile;
  readonly allowList: readonly string[];
  readonly denyList: readonly string[];
  readonly profiles: Readonly<Record<RiskProfile, { readonly maxPositionPercent: string }>>;
}

const HUNDRED = Decimal.from(100);

/**
 * A validated compliance policy, ready to evaluate orders.
 *
 * Rules, each answered in every verdict:
 * - `deny_list`: the symbol and its base asset are not denied;
 * - `allow_list`: when the list is not empty, the symbol or its base asset is on it;
 * - `max_position_percent`: the position after the order is worth at most the profile's percent of
 *   equity, valued at the higher of the order's price and the last price.
 *
 * An order that reduces an existing position (against it, and no larger than it) passes all three:
 * the lists and the profile restrict what may be acquired, never getting out of it.
 *
 * @example
 * const policy = new CompliancePolicy({ profile: 'conservative', denyList: ['DOGE'] });
 * const verdict = policy.evaluate(
 *   { symbol: 'BTC/USDT', side: 'buy', quantity: Decimal.from('0.01') },
 *   { equity: Decimal.from('100000'), price: Decimal.from('65000') },
 * );
 * verdict.approved; // true: 650 is 0.65 % of equity, under 5 %
 */
export class CompliancePolicy {
  readonly version: string;
  readonly profile: RiskProfile;
  /** The active profile's limit, in percent of equity. */
  readonly maxPositionPercent: Decimal;
  readonly hash: string;
  readonly normalized: NormalizedCompliancePolicy;
  private readonly allow: ReadonlySet<string>;
  private readonly deny: ReadonlySet<string>;
  private readonly maxFraction: Decimal;

  /** @throws {CompliancePolicyError} with every field error of {@link validateCompliancePolicy}. */
  constructor(config: CompliancePolicyConfig = {}) {
    const errors = validateCompliancePolicy(config);
    if (errors.length > 0) throw new CompliancePolicyError(errors);
    const profiles = {} as Record<RiskProfile, { maxPositionPercent: string }>;
    for (const name of RISK_PROFILES) {
      const override = config.profiles?.[name]?.maxPositionPercent;
      profiles[name] = {
        maxPositionPercent: Decimal.from(override ?? DEFAULT_MAX_POSITION_PERCENT[name]).toString(),
      };
    }
    const sorted = (list: readonly string[] | undefined) => [...new Set(list ?? [])].sort();
    this.normalized = Object.freeze({
      version: config.version ?? '1',
      profile: config.profile ?? 'balanced',
      allowList: sorted(config.allowList),
      denyList: sorted(config.denyList),
      profiles,
    });
    this.version = this.normalized.version;
    this.profile = this.normalized.profile;
    this.maxPositionPercent = Decimal.from(profiles[this.profile].maxPositionPercent);
    this.maxFraction = this.maxPositionPercent.div(HUNDRED, Decimal.MAX_SCALE);
    this.allow = new Set(this.normalized.allowList);
    this.deny = new Set(this.normalized.denyList);
    this.hash = createHash('sha256').update(canonicalJson(this.normalized)).digest('hex');
  }

  /** Evaluates an order; pure. See the class comment for the rules. */
  evaluate(order: ComplianceOrder, context: ComplianceContext): ComplianceVerdict {
    const { symbol } = order;
    const slash = symbol.indexOf('/');
    const base = slash === -1 ? symbol : symbol.slice(0, slash);
    const before = context.positionQuantity ?? Decimal.ZERO;
    const buy = order.side === 'buy';
    const after = buy ? before.add(order.quantity) : before.sub(order.quantity);
    // Reduces: against the position and no bigger than it (a flip opens a new position).
    const reduces = (buy ? before.isNegative() : before.isPositive()) && order.quantity.lte(before.abs());
    const reasons: ComplianceReason[] = [];

    const denied = this.deny.has(symbol) ? symbol : this.deny.has(base) ? base : undefined;
    if (denied === undefined)
      reasons.push({ rule: 'deny_list', passed: true, message: `${symbol} is not denied` });
    else if (reduces)
      reasons.push({
        rule: 'deny_list',
        passed: true,
        message: `${symbol} is denied (${denied}), but the order reduces the position`,
      });
    else reasons.push({ rule: 'deny_list', passed: false, message: `${symbol} is denied (${denied})` });

    if (this.allow.size === 0)
      reasons.push({ rule: 'allow_list', passed: true, message: 'no allow list: every symbol allowed' });
    else {
      const allowed = this.allow.has(symbol) ? symbol : this.allow.has(base) ? base : undefined;
      if (allowed !== undefined)
        reasons.push({ rule: 'allow_list', passed: true, message: `${symbol} is allowed (${allowed})` });
      else if (reduces)
        reasons.push({
          rule: 'allow_list',
          passed: true,
          message: `${symbol} is not on the allow list, but the order reduces the position`,
        });
      else reasons.push({ rule: 'allow_list', passed: false, message: `${symbol} is not on the allow list` });
    }

    const price = order.limitPrice?.gt(context.price) ? order.limitPrice : context.price;
    const value = after.abs().mul(price);
    const cap = context.equity.isPositive() ? context.equity.mul(this.maxFraction) : Decimal.ZERO;
    const limitText = `${this.maxPositionPercent} % of equity (${this.profile})`;
    if (reduces)
      reasons.push({
        rule: 'max_position_percent',
        passed: true,
        message: `the order reduces the position; limit ${limitText}`,
      });
    else if (value.lte(cap))
      reasons.push({
        rule: 'max_position_percent',
        passed: true,
        message: `position would be worth ${value}, within ${limitText} = ${cap}`,
      });
    else
      reasons.push({
        rule: 'max_position_percent',
        passed: false,
        message: `position would be worth ${value}, above ${limitText} = ${cap}`,
      });

    return {
      approved: reasons.every((reason) => reason.passed),
      reasons,
      policyVersion: this.version,
      policyHash: this.hash,
      profile: this.profile,
    };
  }
}

/**
 * Evaluates an order against a policy (a {@link CompliancePolicy} or a config, validated first).
 * @throws {CompliancePolicyError} for an invalid config.
 */
export function evaluateCompliance(
  order: ComplianceOrder,
  context: ComplianceContext,
  policy: CompliancePolicy | CompliancePolicyConfig,
): ComplianceVerdict {
  return (policy instanceof CompliancePolicy ? policy : new CompliancePolicy(policy)).evaluate(
    order,
    context,
  );
}
