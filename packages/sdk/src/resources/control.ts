import type { APIPromise } from '../core/api-promise';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { components } from '../generated/openapi';
import type { SafetyStatus } from './safety';

type Schemas = components['schemas'];

/** Body of `control.pause`: why, and for how long (seconds; without it, until resumed). */
export type PauseParams = Schemas['PauseRequest'];
/** Body of `control.resume`: `force` (admin scope) within the guard window, and why. */
export type ResumeParams = Schemas['ResumeRequest'];
/** Body of `control.panic`: why. */
export type PanicParams = Schemas['PanicRequest'];
/** What a panic did: the orders it canceled, the market orders that closed the positions, what failed. */
export type PanicReport = Schemas['PanicReport'];
/** Body of `control.start`: the markets and the timeframe the loop trades (default: the configured ones). */
export type LoopStartParams = Schemas['LoopStart'];
/** The autonomous loop: running, whether this server leads it, its markets, cycles and last error. */
export type LoopStatus = Schemas['LoopStatus'];

/**
 * The controls: pause and resume trading, the panic switch, and the autonomous loop. Each needs the
 * `trade` scope (a forced resume needs `admin`); reading the loop needs `read`.
 *
 * @example
 * ```ts
 * await sigmax.control.pause({ reason: 'exchange maintenance', durationSeconds: 1800 });
 * // ... new orders now throw TradingPausedError ...
 * await sigmax.control.resume({ reason: 'maintenance over' });
 * ```
 */
export class Control {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Pauses trading (`HALTED`): new orders throw `TradingPausedError` until `durationSeconds` have
   * passed or until a resume. Resolves with the safety status.
   *
   * @example
   * ```ts
   * const status = await sigmax.control.pause({ reason: 'FOMC', durationSeconds: 3600 });
   * console.log(status.state, status.pausedUntil);
   * ```
   */
  pause(body: PauseParams, options?: RequestOptions): APIPromise<SafetyStatus> {
    return this.#http.post('/v1/control/pause', body, options);
  }

  /**
   * Resumes trading and resolves with the safety status. Within the guard window after a panic or a
   * tripped trigger it throws `ResumeNeedsForceError`: resume with `force: true` and a key with the
   * `admin` scope (`PermissionDeniedError` without it).
   *
   * @example
   * ```ts
   * await sigmax.control.resume({ force: true, reason: 'positions checked after the drill' });
   * ```
   */
  resume(body: ResumeParams = {}, options?: RequestOptions): APIPromise<SafetyStatus> {
    return this.#http.post('/v1/control/resume', body, options);
  }

  /**
   * The panic switch: halts trading, cancels every open order, closes every position at market, and
   * resolves with what it did (`errors` lists what could not be done; the rest was still attempted).
   * Trading stays `HALTED` until a forced resume.
   *
   * @example
   * ```ts
   * const report = await sigmax.control.panic({ reason: 'exchange incident' });
   * console.log(report.canceledOrders.length, report.closingOrders.length, report.errors);
   * ```
   */
  panic(body: PanicParams = {}, options?: RequestOptions): APIPromise<PanicReport> {
    return this.#http.post('/v1/control/panic', body, options);
  }

  /**
   * The autonomous loop's state.
   *
   * @example
   * ```ts
   * const { running, leader, cycles, lastError } = await sigmax.control.loop();
   * ```
   */
  loop(options?: RequestOptions): APIPromise<LoopStatus> {
    return this.#http.get('/v1/control/loop', options);
  }

  /**
   * Starts the autonomous loop (or replaces the settings of a running one): on every candle close of
   * `timeframe`, for each symbol, it analyses, proposes and executes what the approval policy
   * approves. Resolves with the loop.
   *
   * @example
   * ```ts
   * await sigmax.control.start({ symbols: ['BTC/USDT', 'ETH/USDT'], timeframe: '4h' });
   * ```
   */
  start(body: LoopStartParams = {}, options?: RequestOptions): APIPromise<LoopStatus> {
    return this.#http.post('/v1/control/start', body, options);
  }

  /**
   * Stops the autonomous loop after the cycle in progress, and resolves with it.
   *
   * @example
   * ```ts
   * const loop = await sigmax.control.stop();
   * console.log(loop.running); // false
   * ```
   */
  stop(options?: RequestOptions): APIPromise<LoopStatus> {
    return this.#http.post('/v1/control/stop', undefined, options);
  }
}
