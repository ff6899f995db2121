import type { Analysis, AnalysisCreateParams, Debate, DecisionAction, Sigmax } from '@sigmax/sdk';
import { count, decimal, oneOf, required, TIMEFRAMES, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';

const ACTIONS: DecisionAction[] = ['buy', 'sell', 'hold'];
/** Rows printed by list commands without `--limit`. */
const DEFAULT_ROWS = 50;

export interface AnalysisFlags {
  timeframe?: string | undefined;
  rounds?: string | undefined;
  capital?: string | undefined;
  symbol?: string | undefined;
  action?: string | undefined;
  minConfidence?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One analysis as `key: value` lines, then the agents' findings. */
export function analysisFields(a: Analysis): string {
  const d = a.decision;
  const head = formatFields([
    ['id', a.id],
    ['symbol', a.symbol],
    ['as of', a.asOf],
    ['decision', `${d.action} (confidence ${pct(d.confidence)})`],
    ['size', d.action === 'hold' ? '-' : `${d.size} at ${d.entryPrice} (${d.notional} notional)`],
    ['stop-loss', d.stopLoss],
    ['take-profit', d.takeProfit],
    [
      'verdict',
      `bull ${a.debate.verdict.bullScore.toFixed(2)} vs bear ${a.debate.verdict.bearScore.toFixed(2)} over ${a.debate.rounds} round(s)`,
    ],
    ['missing inputs', a.missingInputs.length > 0 ? a.missingInputs.join(', ') : '-'],
    ['narration', a.narration],
    ['input hash', a.provenance.inputHash],
    ['rerun of', a.provenance.rerunOf],
    ['created', a.createdAt],
  ]);
  const agents = formatTable(
    ['AGENT', 'SCORE', 'SUMMARY'],
    a.agents.map((f) => [f.agent, f.score.toFixed(2), f.summary]),
  );
  return `${head}\n\n${agents}`;
}

export function analysisTable(list: Analysis[]): string {
  return formatTable(
    ['ID', 'SYMBOL', 'ACTION', 'CONFIDENCE', 'SIZE', 'ENTRY', 'AS OF', 'CREATED'],
    list.map((a) => [
      a.id,
      a.symbol,
      a.decision.action,
      pct(a.decision.confidence),
      a.decision.size,
      a.decision.entryPrice,
      a.asOf,
      a.createdAt,
    ]),
  );
}

/** A debate, turn by turn, then the verdict. */
export function debateText(d: Debate): string {
  const turns = d.turns.map(
    (t) =>
      `  ${t.round}. ${t.side.padEnd(4)} (${pct(t.strength)}) ${t.argument}${t.rebuts ? ` [answers: ${t.rebuts}]` : ''}`,
  );
  return [
    `${d.analysisId}  ${d.symbol}  ${d.createdAt}`,
    ...turns,
    `  verdict: ${d.verdict.action} (${pct(d.verdict.confidence)}): ${d.verdict.reasoning}`,
  ].join('\n');
}

const ANALYZE_USAGE = 'sigmax analyze <symbol> [--timeframe 1h,4h,1d] [--rounds <1-5>] [--capital <amount>]';

export async function analyze(sigmax: Sigmax, out: Output, symbol: string | undefined, flags: AnalysisFlags) {
  const request: AnalysisCreateParams = { symbol: required(symbol, ANALYZE_USAGE) };
  if (flags.timeframe) {
    request.timeframes = flags.timeframe.split(',').map((tf) => oneOf(tf.trim(), TIMEFRAMES, '--timeframe'));
  }
  if (flags.rounds) request.debateRounds = count(flags.rounds, '--rounds', 2, 5);
  if (flags.capital) request.capital = decimal(flags.capital, '--capital');
  const analysis = await sigmax.analyses.create(request);
  out.print(analysis, () => analysisFields(analysis));
}

export async function analysesList(sigmax: Sigmax, out: Output, flags: AnalysisFlags) {
  const limit = count(flags.limit, '--limit', DEFAULT_ROWS, 10_000);
  let minConfidence: number | undefined;
  if (flags.minConfidence !== undefined) {
    minConfidence = Number(flags.minConfidence);
    if (!/^(0|1)(\.[0-9]+)?$/.test(flags.minConfidence) || minConfidence > 1) {
      throw new UsageError(`--min-confidence must be a number from 0 to 1, got '${flags.minConfidence}'`);
    }
  }
  const list = await take(
    sigmax.analyses.list({
      limit: Math.min(limit, 500),
      ...(flags.symbol ? { symbol: flags.symbol } : {}),
      ...(flags.action ? { action: oneOf(flags.action, ACTIONS, '--action') } : {}),
      ...(minConfidence !== undefined ? { minConfidence } : {}),
      ...(flags.since ? { since: flags.since } : {}),
      ...(flags.until ? { until: flags.until } : {}),
    }),
    limit,
  );
  out.print(list, () => analysisTable(list));
}

export async function analysesGet(sigmax: Sigmax, out: Output, id: string | undefined) {
  const analysis = await sigmax.analyses.get(required(id, 'sigmax analyses get <id>'));
  out.print(analysis, () => analysisFields(analysis));
}

/** Prints the Markdown explanation as it comes (with --json, as a JSON string). */
export async function analysesExplain(sigmax: Sigmax, out: Output, id: string | undefined) {
  const markdown = await sigmax.analyses.explanation(required(id, 'sigmax analyses explain <id>'));
  out.print(markdown, () => markdown.trimEnd());
}

export async function analysesRerun(sigmax: Sigmax, out: Output, id: string | undefined) {
  const analysis = await sigmax.analyses.rerun(required(id, 'sigmax analyses rerun <id>'));
  out.print(analysis, () => analysisFields(analysis));
}

export async function debates(sigmax: Sigmax, out: Output, flags: AnalysisFlags) {
  const limit = count(flags.limit, '--limit', 10, 10_000);
  const list = await take(
    sigmax.debates.list({ limit: Math.min(limit, 500), ...(flags.symbol ? { symbol: flags.symbol } : {}) }),
    limit,
  );
  out.print(list, () => list.map(debateText).join('\n\n'));
}
