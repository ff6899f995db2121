import { advocateFinding, buildCase, type DebatePoint } from '../debate';
import type { Signal } from '../signals';
import type { AgentFinding } from '../types';

/**
 * The bull: builds the case for buying from the analysts' bullish readings (the researcher's and the
 * technical analyst's), one point per reading, strongest first, each citing its numbers.
 */
export function bullCase(signals: readonly Signal[]): DebatePoint[] {
  return buildCase('bull', signals);
}

/** The bull's finding after the debate: its points with the strength they kept. */
export function bullFinding(points: readonly DebatePoint[]): AgentFinding {
  return advocateFinding('bull', points);
}
