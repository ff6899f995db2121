import { Decimal, DecimalError, type DecimalInput } from '../decimal';
import { SafetyError } from './errors';

/** `ACTIVE`: trading; `REDUCING`: only orders that reduce a position; `HALTED`: no orders at all. */
export const SAFETY_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type SafetyState = (typeof SAFETY_STATES)[number];

/** What a trigger (or a pause) moves the enforcer to. */
export type SafetyAction = 'REDUCING' | 'HALTED';

/** Account-wide triggers, by id (the ids events and snapshots use). */
export const SAFETY_TRIGGERS = [
  'consecutive_losses',
  'daily_loss',
  'api_errors',
  'slippage',
  'sentiment',
  'privacy_breach',
] as const;
export type SafetyTrigger = (typeof SAFETY_TRIGGERS)[number];

/** Per-symbol protections: each locks one symbol for a while (reducing orders still pass). */
export const SAFETY_PROTECTIONS = ['max_drawdown', 'cooldown', 'stop_loss_guard', 'low_profit'] as const;
export type SafetyProtection = (typeof SAFETY_PROTECTIONS)[number];

interface TriggerBase {
  /** A disabled trigger still counts (its figures show in snapshots) but never fires. */
  enabled?: boolean;
  action?: SafetyAction;
}

/**
 * Safety enforcer configuration. Every field has a default (see {@link safetySettings}).
 *
 * @example
 * const config: SafetyConfig = {
 *   triggers: { dailyLoss: { limit: '2500' }, apiErrors: { threshold: 20 } },
 *   protections: { cooldown: { minutes: 60 }, lowProfit: { enabled: true, minProfit: '0' } },
 *   guardMinutes: 15,
 * };
 */
export interface SafetyConfig {
  triggers?: {
    /** Losing closed trades in a row. @default { enabled: true, threshold: 3, action: 'REDUCING' } */
    consecutiveLosses?: TriggerBase & { threshold?: number };
    /** The UTC day's realised loss, in quote units. Enabled by giving a limit. @default action 'REDUCING' */
    dailyLoss?: TriggerBase & { limit?: DecimalInput };
    /** Venue/API errors in any rolling 60 seconds. @default { enabled: true, threshold: 10, action: 'HALTED' } */
    apiErrors?: TriggerBase & { threshold?: number };
    /** Adverse slippage of one fill, in bps of the expected price. @default { enabled: true, maxBps: '50', action: 'REDUCING' } */
    slippage?: TriggerBase & { maxBps?: DecimalInput };
    /** Market sentiment (−1 … +1) below the floor. @default { enabled: true, floor: -0.5, action: 'REDUCING' } */
    sentiment?: TriggerBase & { floor?: number };
    /** A breach reported by the privacy agent. @default { enabled: true, action: 'HALTED' } */
    privacyBreach?: TriggerBase;
  };
  protections?: {
    /**
     * A symbol's realised P&L falls from its peak by `limit` (quote units) within the lookback.
     * Enabled by giving a limit. @default { lookbackMinutes: 1440, lockMinutes: 240 }
     */
    maxDrawdown?: { enabled?: boolean; limit?: DecimalInput; lookbackMinutes?: number; lockMinutes?: number };
    /** After a stop-loss exit, the symbol rests. @default { enabled: true, minutes: 30 } */
    cooldown?: { enabled?: boolean; minutes?: number };
    /** `count` stop-losses on a symbol within the window lock it. @default { enabled: true, count: 3, windowMinutes: 360, lockMinutes: 120 } */
    stopLossGuard?: { enabled?: boolean; count?: number; windowMinutes?: number; lockMinutes?: number };
    /**
     * A symbol with at least `minTrades` trades in the lookback whose total P&L is below `minProfit`.
     * @default { enabled: false, minProfit: '0', minTrades: 3, lookbackMinutes: 1440, lockMinutes: 360 }
     */
    lowProfit?: {
      enabled?: boolean;
      minProfit?: DecimalInput;
      minTrades?: number;
      lookbackMinutes?: number;
      lockMinutes?: number;
    };
  };
  /** After a trigger or a panic, resuming within this many minutes needs `force`. @default 30 */
  guardMinutes?: number;
}

/** {@link SafetyConfig} with every default filled in and the numbers parsed. */
export interface SafetySettings {
  readonly triggers: {
    readonly consecutive_losses: {
      readonly enabled: boolean;
      readonly action: SafetyAction;
      readonly threshold: number;
    };
    readonly daily_loss: {
      readonly enabled: boolean;
      readonly action: SafetyAction;
      readonly limit: Decimal | null;
    };
    readonly api_errors: {
      readonly enabled: boolean;
      readonly action: SafetyAction;
      readonly threshold: number;
    };
    readonly slippage: { readonly enabled: boolean; readonly action: SafetyAction; readonly maxBps: Decimal };
    readonly sentiment: { readonly enabled: boolean; readonly action: SafetyAction; readonly floor: number };
    readonly privacy_breach: { readonly enabled: boolean; readonly action: SafetyAction };
  };
  readonly protections: {
    readonly max_drawdown: {
      readonly enabled: boolean;
      readonly limit: Decimal | null;
      readonly lookbackMinutes: number;
      readonly lockMinutes: number;
    };
    readonly cooldown: { readonly enabled: boolean; readonly minutes: number };
    readonly stop_loss_guard: {
      readonly enabled: boolean;
      readonly count: number;
      readonly windowMinutes: number;
      readonly lockMinutes: number;
    };
    readonly low_profit: {
      readonly enabled: boolean;
      readonly minProfit: Decimal;
      readonly minTrades: number;
      readonly lookbackMinutes: number;
      readonly lockMinutes: number;
    };
  };
  readonly guardMinutes: number;
}

const invalid = (field: string, message: string) => new SafetyError('invalid_safety_config', message, field);

function count(field: string, value: number | undefined, fallback: number, min = 1): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw invalid(field, `${field} must be a whole number of at least ${min}, got ${n}`);
  return n;
}

function decimal(field: string, value: DecimalInput, allowNegative = false): Decimal {
  let parsed: Decimal;
  try {
    parsed = Decimal.from(value);
  } catch (error) {
    if (error instanceof DecimalError) throw invalid(field, `${field}: ${error.message}`);
    throw error;
  }
  if (!allowNegative && parsed.isNegative())
    throw invalid(field, `${field} cannot be negative, got ${parsed}`);
  return parsed;
}

function action(field: string, value: SafetyAction | undefined, fallback: SafetyAction): SafetyAction {
  const a = value ?? fallback;
  if (a !== 'REDUCING' && a !== 'HALTED')
    throw invalid(field, `${field} must be REDUCING or HALTED, got ${String(a)}`);
  return a;
}

/** A limit-driven switch: on when a limit is given, unless `enabled` says otherwise; on without a limit is an error. */
function limitSwitch(field: string, enabled: boolean | undefined, limit: DecimalInput | undefined): boolean {
  const on = enabled ?? limit !== undefined;
  if (on && limit === undefined) throw invalid(`${field}.limit`, `${field} is enabled but has no limit`);
  return on;
}

/**
 * Fills in the defaults of a {@link SafetyConfig} and validates it.
 * @throws {SafetyError} `invalid_safety_config`, naming the field.
 * @example safetySettings().triggers.consecutive_losses.threshold // 3
 */
export function safetySettings(config: SafetyConfig = {}): SafetySettings {
  const t = config.triggers ?? {};
  const p = config.protections ?? {};
  const floor = t.sentiment?.floor ?? -0.5;
  if (!Number.isFinite(floor) || floor < -1 || floor > 1)
    throw invalid('triggers.sentiment.floor', `triggers.sentiment.floor must be from -1 to 1, got ${floor}`);
  const guardMinutes = config.guardMinutes ?? 30;
  if (!Number.isFinite(guardMinutes) || guardMinutes < 0)
    throw invalid('guardMinutes', `guardMinutes must be zero or more, got ${guardMinutes}`);
  const dailyLimit = t.dailyLoss?.limit;
  const drawdownLimit = p.maxDrawdown?.limit;
  return Object.freeze({
    triggers: Object.freeze({
      consecutive_losses: Object.freeze({
        enabled: t.consecutiveLosses?.enabled ?? true,
        action: action('triggers.consecutiveLosses.action', t.consecutiveLosses?.action, 'REDUCING'),
        threshold: count('triggers.consecutiveLosses.threshold', t.consecutiveLosses?.threshold, 3),
      }),
      daily_loss: Object.freeze({
        enabled: limitSwitch('triggers.dailyLoss', t.dailyLoss?.enabled, dailyLimit),
        action: action('triggers.dailyLoss.action', t.dailyLoss?.action, 'REDUCING'),
        limit: dailyLimit === undefined ? null : decimal('triggers.dailyLoss.limit', dailyLimit),
      }),
      api_errors: Object.freeze({
        enabled: t.apiErrors?.enabled ?? true,
        action: action('triggers.apiErrors.action', t.apiErrors?.action, 'HALTED'),
        threshold: count('triggers.apiErrors.threshold', t.apiErrors?.threshold, 10),
      }),
      slippage: Object.freeze({
        enabled: t.slippage?.enabled ?? true,
        action: action('triggers.slippage.action', t.slippage?.action, 'REDUCING'),
        maxBps: decimal('triggers.slippage.maxBps', t.slippage?.maxBps ?? '50'),
      }),
      sentiment: Object.freeze({
        enabled: t.sentiment?.enabled ?? true,
        action: action('triggers.sentiment.action', t.sentiment?.action, 'REDUCING'),
        floor,
      }),
      privacy_breach: Object.freeze({
        enabled: t.privacyBreach?.enabled ?? true,
        action: action('triggers.privacyBreach.action', t.privacyBreach?.action, 'HALTED'),
      }),
    }),
    protections: Object.freeze({
      max_drawdown: Object.freeze({
        enabled: limitSwitch('protections.maxDrawdown', p.maxDrawdown?.enabled, drawdownLimit),
        limit: drawdownLimit === undefined ? null : decimal('protections.maxDrawdown.limit', drawdownLimit),
        lookbackMinutes: count(
          'protections.maxDrawdown.lookbackMinutes',
          p.maxDrawdown?.lookbackMinutes,
          1440,
        ),
        lockMinutes: count('protections.maxDrawdown.lockMinutes', p.maxDrawdown?.lockMinutes, 240),
      }),
      cooldown: Object.freeze({
        enabled: p.cooldown?.enabled ?? true,
        minutes: count('protections.cooldown.minutes', p.cooldown?.minutes, 30),
      }),
      stop_loss_guard: Object.freeze({
        enabled: p.stopLossGuard?.enabled ?? true,
        count: count('protections.stopLossGuard.count', p.stopLossGuard?.count, 3),
        windowMinutes: count('protections.stopLossGuard.windowMinutes', p.stopLossGuard?.windowMinutes, 360),
        lockMinutes: count('protections.stopLossGuard.lockMinutes', p.stopLossGuard?.lockMinutes, 120),
      }),
      low_profit: Object.freeze({
        enabled: p.lowProfit?.enabled ?? false,
        minProfit: decimal('protections.lowProfit.minProfit', p.lowProfit?.minProfit ?? '0', true),
        minTrades: count('protections.lowProfit.minTrades', p.lowProfit?.minTrades, 3),
        lookbackMinutes: count('protections.lowProfit.lookbackMinutes', p.lowProfit?.lookbackMinutes, 1440),
        lockMinutes: count('protections.lowProfit.lockMinutes', p.lowProfit?.lockMinutes, 360),
      }),
    }),
    guardMinutes,
  });
}
