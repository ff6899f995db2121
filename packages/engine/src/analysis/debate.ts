import type { Signal } from './signals';
import { TIMEFRAME_WEIGHTS } from './signals';
import { round } from './stats';
import type { AgentFinding, DebateTurn, Evidence } from './types';

/** One point of a side's case, as it stands during the debate. */
export interface DebatePoint {
  /** The signal's id, e.g. `trend (4h)`; what a rebuttal names in {@link DebateTurn.rebuts}. */
  id: string;
  side: 'bull' | 'bear';
  claim: string;
  evidence: Evidence[];
  signal: Signal;
  /** Strength before the debate, 0 … 1. */
  initial: number;
  /** Strength now, after the rebuttals it took. */
  strength: number;
  /** True once the side has argued it. */
  made: boolean;
  /** True once the opponent has rebutted it. */
  answered: boolean;
}

/**
 * How much a rebuttal takes off the point it answers: `strength × (1 − REBUTTAL_DECAY × min(1, r / s))`,
 * `r` being the rebutting point's strength and `s` the rebutted one's. A point at least as strong as the
 * one it answers halves it; a weaker one dents it in proportion.
 */
export const REBUTTAL_DECAY = 0.5;

/** A side's case: its signals as points, strongest first (ties by id, so the order is stable). */
export function buildCase(side: 'bull' | 'bear', signals: readonly Signal[]): DebatePoint[] {
  return signals
    .filter((signal) => signal.side === side)
    .map((signal) => ({
      id: signal.id,
      side,
      claim: signal.claim,
      evidence: signal.evidence,
      signal,
      initial: signal.strength,
      strength: signal.strength,
      made: false,
      answered: false,
    }))
    .sort(byStrength);
}

/** The order of a case: strongest first, ties by id. */
export function byStrength(a: DebatePoint, b: DebatePoint): number {
  return b.strength - a.strength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The debate: the turns and both cases as they stand at the end. */
export interface DebateOutcome {
  turns: DebateTurn[];
  bull: DebatePoint[];
  bear: DebatePoint[];
}

/**
 * The bull/bear debate, `rounds` rounds of two turns, the bull first in each. In each turn the side puts
 * its strongest point not yet made (or, when all are made, restates its strongest) and rebuts the
 * opponent's strongest point not yet answered, which loses strength as {@link REBUTTAL_DECAY} says. A side
 * without any point concedes the turn with strength 0. Prose is templated from the points' claims and
 * numbers, so the same cases give the same debate, word for word.
 */
export function debate(bullCase: DebatePoint[], bearCase: DebatePoint[], rounds: number): DebateOutcome {
  const turns: DebateTurn[] = [];
  debateRounds(bullCase, bearCase, rounds, (round, side, point, target, restated, before) => {
    turns.push(turn(round, side, point, target, restated, before));
  });
  return { turns, bull: bullCase, bear: bearCase };
}

/**
 * What {@link debateRounds} reports after each turn: the point put (undefined when the side concedes),
 * the point it rebutted, whether the point was a restatement, and the rebutted point's strength before.
 */
export type TurnListener = (
  round: number,
  side: 'bull' | 'bear',
  point: DebatePoint | undefined,
  target: DebatePoint | undefined,
  restated: boolean,
  before: number,
) => void;

/**
 * The rules of the {@link debate} without its prose: plays `rounds` rounds on the two cases in place
 * (strengths, `made`, `answered`), telling `onTurn` about each turn. Allocates nothing itself.
 */
export function debateRounds(
  bullCase: DebatePoint[],
  bearCase: DebatePoint[],
  rounds: number,
  onTurn?: TurnListener,
): void {
  for (let round = 1; round <= rounds; round++) {
    for (let s = 0; s < 2; s++) {
      const side = s === 0 ? 'bull' : 'bear';
      const own = s === 0 ? bullCase : bearCase;
      const opponent = s === 0 ? bearCase : bullCase;
      const point = strongest(own, NOT_MADE) ?? strongest(own, ANY);
      const target = strongest(opponent, NOT_ANSWERED);
      let restated = false;
      let before = 0;
      if (point) {
        restated = point.made;
        point.made = true;
        if (target) {
          before = target.strength;
          const ratio = before > 0 ? Math.min(1, point.strength / before) : 1;
          target.strength = round4(before * (1 - REBUTTAL_DECAY * ratio));
          target.answered = true;
        }
      }
      onTurn?.(round, side, point, target, restated, before);
    }
  }
}

const ANY = 0;
const NOT_MADE = 1;
const NOT_ANSWERED = 2;

/** The first point of `points` in {@link byStrength} order that passes the filter. */
function strongest(points: readonly DebatePoint[], filter: number): DebatePoint | undefined {
  let best: DebatePoint | undefined;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as DebatePoint;
    if ((filter === NOT_MADE && p.made) || (filter === NOT_ANSWERED && p.answered)) continue;
    if (best === undefined || byStrength(p, best) < 0) best = p;
  }
  return best;
}

function turn(
  round: number,
  side: 'bull' | 'bear',
  point: DebatePoint | undefined,
  target: DebatePoint | undefined,
  restated: boolean,
  before: number,
): DebateTurn {
  const who = side === 'bull' ? 'Bull' : 'Bear';
  if (!point) {
    return {
      round,
      side,
      argument: `${who}: no ${side === 'bull' ? 'bullish' : 'bearish'} reading stands out; the ${side} concedes the turn.`,
      strength: 0,
      rebuts: null,
      evidence: [],
    };
  }
  let argument = `${who}: ${restated ? 'again, ' : ''}${point.claim}.`;
  if (target) {
    argument += ` Against the ${target.side}'s "${target.id}" (${citation(target)}): ${counter(point, target, before)}`;
  }
  return {
    round,
    side,
    argument,
    strength: round4(point.strength),
    rebuts: target ? target.id : null,
    evidence: point.evidence.map((e) => ({ ...e })),
  };
}

const round4 = (x: number) => round(x, 4);

function citation(point: DebatePoint): string {
  const first = point.evidence[0];
  return first ? `${first.name} = ${first.value}` : `strength ${point.strength.toFixed(2)}`;
}

/** Why the rebuttal holds, chosen from how the two points compare: timeframe, then strength. */
function counter(point: DebatePoint, target: DebatePoint, targetStrength: number): string {
  const mine = point.signal.timeframe;
  const theirs = target.signal.timeframe;
  if (mine && theirs && TIMEFRAME_WEIGHTS[mine] > TIMEFRAME_WEIGHTS[theirs]) {
    return `that is a ${theirs} reading, and the longer ${mine} bars outweigh it.`;
  }
  if (point.strength >= targetStrength) {
    return `it is the weaker signal (${targetStrength.toFixed(3)} against ${point.strength.toFixed(3)}), cut to ${target.strength.toFixed(3)}.`;
  }
  return `it stands, but it does not cancel this point; it is worth ${target.strength.toFixed(2)} now, down from ${targetStrength.toFixed(2)}.`;
}

/** The sum of a case's strengths as they stand. */
export function caseStrength(points: readonly DebatePoint[]): number {
  let sum = 0;
  for (const p of points) sum += p.strength;
  return sum;
}

/**
 * An advocate's finding: its case point by point (name = point id, value = its strength after the debate)
 * and a score of `±tanh(sum of strengths)`, positive for the bull and negative for the bear.
 */
export function advocateFinding(side: 'bull' | 'bear', points: readonly DebatePoint[]): AgentFinding {
  const total = caseStrength(points);
  const strongest = [...points].sort(byStrength)[0];
  const name = side === 'bull' ? 'Bull' : 'Bear';
  const summary = strongest
    ? `${name} case: ${points.length} point(s), total strength ${total.toFixed(2)}; strongest: ${strongest.claim} (${strongest.strength.toFixed(2)}).`
    : `${name} case: no ${side === 'bull' ? 'bullish' : 'bearish'} reading strong enough to argue.`;
  return {
    agent: side,
    summary,
    score: round4((side === 'bull' ? 1 : -1) * Math.tanh(total)),
    evidence: points.map((p) => ({ name: p.id, value: round4(p.strength), source: p.signal.source })),
    warnings: [],
  };
}
