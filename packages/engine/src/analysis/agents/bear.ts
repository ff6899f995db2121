import { advocateFinding, buildCase, type DebatePoint } from '../debate';
import type { Signal } from '../signals';
import type { AgentFinding } from '../types';

/**
 * The bear: builds the case for selling (or staying out) from the analysts' bearish readings, one point
 * per reading, strongest first, each citing its numbers.
 */
export function bearCase(signals: readonly Signal[]): DebatePoint[] {
  return buildCase('bear', signals);
}

/** The bear's finding after the debate: its points with the strength they kept. */
export function bearFinding(points: readonly DebatePoint[]): AgentFinding {
  return advocateFinding('bear', points);
}
