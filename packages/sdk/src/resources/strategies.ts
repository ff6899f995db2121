import type { APIPromise } from '../core/api-promise';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

/** A strategy parameter's value: a number, or one of a `choice` parameter's values. */
export type ParamValue = Schemas['ParamValue'];
/** A strategy's parameter: its type (`int`, `float`, `choice`), range or choices, step and default. */
export type StrategyParam = Schemas['StrategyParam'];
/** A strategy a backtest can run, with its parameters. */
export type Strategy = Schemas['Strategy'];
/** `GET /v1/strategies`: every strategy. */
export type StrategyList = Schemas['StrategyList'];

/**
 * The strategies a backtest can run: the multi-agent strategy and the templates (SMA crossover, RSI,
 * momentum, ...), each with its typed parameters. Needs the `read` scope.
 *
 * @example
 * ```ts
 * const { data: strategies } = await sigmax.strategies.list();
 * for (const s of strategies) console.log(s.name, s.params.map((p) => `${p.name}=${p.default}`).join(' '));
 * ```
 */
export class Strategies {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Every strategy with its parameters: type, range (`min`, `max`, `step`) or `choices`, and default.
   * A parameter search may vary any parameter within its declared range.
   *
   * @example
   * ```ts
   * const { data } = await sigmax.strategies.list();
   * const sma = data.find((s) => s.name === 'sma-crossover');
   * ```
   */
  list(options?: RequestOptions): APIPromise<StrategyList> {
    return this.#http.get('/v1/strategies', options);
  }
}
