import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import { path } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { Analysis, AnalysisCreateParams, AnalysisListParams } from '../types';

/**
 * The multi-agent analysis: researcher, technical analyst, bull, bear, judge, risk, privacy and
 * optimizer agents look at a market and return an explained decision. Running one needs the `trade`
 * scope; reading needs `read`. Inputs that could not be had (news, the LLM's narration) are listed in
 * `missingInputs`; the analysis still completes.
 *
 * @example
 * ```ts
 * const analysis = await sigmax.analyses.create({ symbol: 'BTC/USDT', timeframes: ['1h', '4h', '1d'] });
 * console.log(analysis.decision.action, analysis.decision.confidence, analysis.decision.size);
 * console.log(await sigmax.analyses.explanation(analysis.id));
 * ```
 */
export class Analyses {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Runs an analysis of a market now. Retries reuse one `Idempotency-Key`, so a retried call runs
   * one analysis. Too little market history throws an `UnprocessableEntityError` with code
   * `insufficient_history`, whose detail names the candles needed per timeframe.
   *
   * @example
   * ```ts
   * const { decision, debate } = await sigmax.analyses.create({ symbol: 'ETH/USDT', capital: '5000' });
   * ```
   */
  create(body: AnalysisCreateParams, options?: RequestOptions): APIPromise<Analysis> {
    return this.#http.post('/v1/analyses', body, options);
  }

  /**
   * Lists past analyses, newest first. `await` it for one page, or `for await` it for every one.
   *
   * @example
   * ```ts
   * for await (const a of sigmax.analyses.list({ symbol: 'BTC/USDT', action: 'buy', minConfidence: 0.6 })) {
   *   console.log(a.createdAt, a.decision.size);
   * }
   * ```
   */
  list(params: AnalysisListParams = {}, options?: RequestOptions): PagePromise<Analysis> {
    return this.#http.getPage('/v1/analyses', params, options);
  }

  /**
   * Gets one analysis by id.
   *
   * @example
   * ```ts
   * const analysis = await sigmax.analyses.get('ana_01JD2ZB9M4ZQ5V5T4W8K6C2N3P');
   * ```
   */
  get(id: string, options?: RequestOptions): APIPromise<Analysis> {
    return this.#http.get(() => path`/v1/analyses/${id}`, options);
  }

  /**
   * The analysis explained in plain language, as Markdown: why buy, sell or hold, from the verdict,
   * the agents' findings, the debate, the risk warnings and the sizing.
   *
   * @example
   * ```ts
   * process.stdout.write(await sigmax.analyses.explanation(analysis.id));
   * ```
   */
  explanation(id: string, options?: RequestOptions): APIPromise<string> {
    return this.#http.getText(() => path`/v1/analyses/${id}/explanation`, 'text/markdown', options);
  }

  /**
   * Runs an analysis again on the inputs stored with it and resolves with the new analysis: its
   * decision and `provenance.inputHash` equal the original's, and `provenance.rerunOf` names it.
   *
   * @example
   * ```ts
   * const again = await sigmax.analyses.rerun(analysis.id);
   * console.log(again.provenance.inputHash === analysis.provenance.inputHash); // true
   * ```
   */
  rerun(id: string, options?: RequestOptions): APIPromise<Analysis> {
    return this.#http.post(() => path`/v1/analyses/${id}/rerun`, undefined, options);
  }
}
