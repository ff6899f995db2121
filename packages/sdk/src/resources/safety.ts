import type { APIPromise } from '../core/api-promise';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

/** `ACTIVE`; `REDUCING`: only orders that reduce a position; `HALTED`: no order. */
export type SafetyState = Schemas['SafetyState'];
/**
 * `GET /v1/safety`: the trading state and why, how long a pause lasts (`pausedUntil`), until when a
 * resume needs `force` (`guardUntil`), each trigger's counter, the symbols locked by a protection,
 * and the limits.
 */
export type SafetyStatus = Schemas['SafetyStatus'];
/** One automatic trigger: the figure it watches, its threshold, whether it has tripped. */
export type SafetyTriggerStatus = Schemas['SafetyTriggerStatus'];
/** A market locked by a protection (cooldown, max drawdown, ...) until `until`. */
export type SymbolLock = Schemas['SymbolLock'];
/** Stop-loss and take-profit prices attached to an open position (from an executed proposal). */
export type ProtectiveExit = Schemas['ProtectiveExit'];
/** The risk limits, safety triggers and protections, and compliance policy in force. */
export type SafetyLimits = Schemas['SafetyLimits'];
/** Body of `PUT /v1/safety/limits`: each section given replaces the current one; those left out are kept. */
export type SafetyLimitsUpdate = Schemas['SafetyLimitsUpdate'];
/** The risk limits: per symbol, gross exposure, leverage, daily loss, price band, order rate, sizing. */
export type RiskLimits = Schemas['RiskLimits'];
/** The safety triggers and protections, and the guard window after a trip. */
export type SafetyConfig = Schemas['SafetyConfig'];
/** The compliance policy: profile, allow and deny lists, the profiles' position caps. */
export type CompliancePolicy = Schemas['CompliancePolicy'];

/**
 * The safety enforcer: whether trading is `ACTIVE`, `REDUCING` or `HALTED` and why, its triggers and
 * locks, and the limits every order is checked against. Reading needs `read`; changing the limits
 * needs `admin`. Pause, resume and panic are in `sigmax.control`.
 *
 * @example
 * ```ts
 * const { state, reason, triggers } = await sigmax.safety.get();
 * for (const t of triggers.filter((t) => t.tripped)) console.log(t.name, t.value, '>=', t.threshold);
 * ```
 */
export class Safety {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * The safety status: state, reason, triggers, locks and limits.
   *
   * @example
   * ```ts
   * const status = await sigmax.safety.get();
   * if (status.state !== 'ACTIVE') console.warn(`trading is ${status.state}: ${status.reason}`);
   * ```
   */
  get(options?: RequestOptions): APIPromise<SafetyStatus> {
    return this.#http.get('/v1/safety', options);
  }

  /**
   * Replaces sections of the limits (`risk`, `safety`, `compliance`): each section given replaces the
   * current one whole, those left out are kept. The result is validated as a whole (an invalid one
   * throws `UnprocessableEntityError` naming the field, and nothing changes) and persisted. Resolves
   * with the new status. Needs the `admin` scope.
   *
   * @example
   * ```ts
   * const { limits } = await sigmax.safety.get();
   * await sigmax.safety.updateLimits({ risk: { ...limits.risk, maxLeverage: '2' } });
   * ```
   */
  updateLimits(body: SafetyLimitsUpdate, options?: RequestOptions): APIPromise<SafetyStatus> {
    return this.#http.put('/v1/safety/limits', body, options);
  }
}
