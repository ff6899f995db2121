import { caseStrength, type DebatePoint } from '../debate';
import { round } from '../stats';
import type { AgentFinding, DecisionAction, Verdict } from '../types';

/**
 * The evidence mass a debate must outweigh: `edge = (bull − bear) / (bull + bear + JUDGE_PRIOR)`, so two
 * thin cases give a small edge however lopsided they are.
 */
export const JUDGE_PRIOR = 3;
/** `|edge|` below this is a hold: neither side made its case. */
export const JUDGE_NEUTRAL_BAND = 0.25;

export interface JudgeReport {
  verdict: Verdict;
  /** −1 … 1: the bull's margin over the bear. */
  edge: number;
  finding: AgentFinding;
}

/** The bull's margin over the bear, −1 … 1: `(bull − bear) / (bull + bear + JUDGE_PRIOR)`. */
export function judgeEdge(bullScore: number, bearScore: number): number {
  return (bullScore - bearScore) / (bullScore + bearScore + JUDGE_PRIOR);
}

/** Buy when `edge ≥ JUDGE_NEUTRAL_BAND`, sell when `edge ≤ −JUDGE_NEUTRAL_BAND`, hold in between. */
export function judgeAction(edge: number): DecisionAction {
  return edge >= JUDGE_NEUTRAL_BAND ? 'buy' : edge <= -JUDGE_NEUTRAL_BAND ? 'sell' : 'hold';
}

/** The judge's confidence in `action` (unrounded), as {@link judge} describes it. */
export function judgeConfidence(action: DecisionAction, edge: number): number {
  const magnitude = Math.abs(edge);
  return action === 'hold'
    ? 1 - magnitude / JUDGE_NEUTRAL_BAND
    : Math.max(0.05, (magnitude - JUDGE_NEUTRAL_BAND) / (1 - JUDGE_NEUTRAL_BAND));
}

/**
 * The judge: sums the strength each side's case kept after the debate (every point, argued or not, as
 * rebuttals left it), takes the edge above, and rules buy when `edge ≥ 0.25`, sell when `edge ≤ −0.25`,
 * hold in between. Confidence rescales `|edge|` to [0, 1] on the ruling's side of the band: for buy and
 * sell `(|edge| − band) / (1 − band)` (at least 0.05), for hold `1 − |edge| / band`.
 */
export function judge(bull: readonly DebatePoint[], bear: readonly DebatePoint[]): JudgeReport {
  const bullScore = caseStrength(bull);
  const bearScore = caseStrength(bear);
  const edge = judgeEdge(bullScore, bearScore);
  const action = judgeAction(edge);
  const confidence = judgeConfidence(action, edge);
  const top = (points: readonly DebatePoint[]) =>
    [...points].sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : 1))[0];
  const winner = action === 'sell' ? top(bear) : top(bull);
  const loser = action === 'sell' ? top(bull) : top(bear);
  const scores = `bull ${bullScore.toFixed(2)} against bear ${bearScore.toFixed(2)}, edge ${edge.toFixed(2)}`;
  let reasoning: string;
  if (action === 'hold') {
    reasoning =
      `Hold: neither side carried the debate (${scores}, inside the neutral band of ±${JUDGE_NEUTRAL_BAND}).` +
      (winner && loser
        ? ` The bull's best point, "${winner.id}", is matched by the bear's "${loser.id}".`
        : '');
  } else {
    const side = action === 'buy' ? 'bull' : 'bear';
    reasoning =
      `${action === 'buy' ? 'Buy' : 'Sell'}: the ${side} carried the debate (${scores}).` +
      (winner ? ` Its strongest point: ${winner.claim} (strength ${winner.strength.toFixed(2)}).` : '') +
      (loser
        ? ` The best answer, "${loser.id}", kept ${loser.strength.toFixed(2)}.`
        : ' The other side had no point to make.');
  }
  const verdict: Verdict = {
    action,
    confidence: round(confidence, 4),
    bullScore: round(bullScore, 4),
    bearScore: round(bearScore, 4),
    reasoning,
  };
  return {
    verdict,
    edge,
    finding: {
      agent: 'judge',
      summary: reasoning,
      score: round(edge, 4),
      evidence: [
        { name: 'bull score', value: verdict.bullScore, source: 'judge' },
        { name: 'bear score', value: verdict.bearScore, source: 'judge' },
        { name: 'edge', value: round(edge, 4), source: 'judge' },
        { name: 'neutral band', value: JUDGE_NEUTRAL_BAND, source: 'judge' },
      ],
      warnings: [],
    },
  };
}
