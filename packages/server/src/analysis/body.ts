import type { AgentFinding, AnalysisResult, DebateTurn, Evidence } from '@sigmax/engine';
import { redact } from '@sigmax/engine';
import type { Narration } from '../adapters/llm';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The API's `Analysis` for an engine result: times as ISO strings, the LLM's prose (when there is
 * some) in place of the bull's, bear's and judge's templated summaries, and every free text passed
 * through the engine's `redact()` before it is stored or served. The decision, scores and sizing are
 * the engine's, untouched.
 */
export function analysisBody(
  result: AnalysisResult,
  meta: {
    id: string;
    createdAt: Date;
    narration: Narration | null;
    /** Inputs missing beyond those the engine names (`llm`). */
    missing: readonly string[];
    rerunOf: string | null;
  },
): Schemas['Analysis'] {
  const prose = meta.narration;
  const agents = result.agents.map((finding) => {
    const narrated =
      prose && (finding.agent === 'bull' || finding.agent === 'bear' || finding.agent === 'judge')
        ? prose[finding.agent]
        : undefined;
    return findingBody(narrated === undefined ? finding : { ...finding, summary: narrated });
  });
  const missingInputs = [...new Set([...result.missingInputs, ...meta.missing])];
  return {
    id: meta.id,
    symbol: result.symbol,
    createdAt: meta.createdAt.toISOString(),
    asOf: iso(result.asOf),
    decision: { ...result.decision },
    agents,
    debate: {
      rounds: result.debate.rounds,
      turns: result.debate.turns.map(turnBody),
      verdict: { ...result.debate.verdict, reasoning: redact(result.debate.verdict.reasoning) },
    },
    missingInputs,
    narration: prose ? 'llm' : 'template',
    provenance: {
      inputHash: result.inputHash,
      engineVersion: result.engineVersion,
      // The spec declares a free-form object, which the generator types as `Record<string, never>`.
      parameters: { ...result.parameters } as unknown as Schemas['Provenance']['parameters'],
      candles: result.candles.map((c) => ({
        timeframe: c.timeframe,
        count: c.count,
        from: iso(c.from),
        to: iso(c.to),
      })),
      rerunOf: meta.rerunOf,
    },
  };
}

function findingBody(finding: AgentFinding): Schemas['AgentFinding'] {
  return {
    agent: finding.agent,
    summary: redact(finding.summary),
    score: finding.score,
    evidence: finding.evidence.map(evidenceBody),
    warnings: finding.warnings.map(redact),
  };
}

function turnBody(turn: DebateTurn): Schemas['DebateTurn'] {
  return {
    round: turn.round,
    side: turn.side,
    argument: redact(turn.argument),
    strength: turn.strength,
    rebuts: turn.rebuts === null ? null : redact(turn.rebuts),
    evidence: turn.evidence.map(evidenceBody),
  };
}

function evidenceBody(evidence: Evidence): Schemas['Evidence'] {
  return {
    name: redact(evidence.name),
    value: typeof evidence.value === 'string' ? redact(evidence.value) : evidence.value,
    ...(evidence.source !== undefined ? { source: redact(evidence.source) } : {}),
  };
}
