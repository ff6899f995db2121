import { REDACTION_CATEGORIES, type RedactionCategory, redactText } from '../redact';
import type { AgentFinding, DebateTurn, Evidence, Verdict } from '../types';

/** The texts of a result before the privacy pass. */
export interface PrivacySubject {
  agents: AgentFinding[];
  turns: DebateTurn[];
  verdict: Verdict;
}

/**
 * The privacy agent: runs {@link redactText} over every text of the result (summaries, warnings, evidence
 * names and quoted values such as headlines, debate arguments, the verdict's reasoning), in place, and
 * reports how many redactions of each kind it made. It takes no side (score 0).
 */
export function privacyAgent(subject: PrivacySubject): AgentFinding {
  const counts: Record<RedactionCategory, number> = {
    email: 0,
    phone: 0,
    secret: 0,
    iban: 0,
    card: 0,
    ip: 0,
  };
  let total = 0;
  let texts = 0;
  const clean = (text: string): string => {
    texts++;
    const result = redactText(text);
    if (result.total === 0) return text;
    total += result.total;
    for (const category of REDACTION_CATEGORIES) counts[category] += result.counts[category];
    return result.text;
  };
  const cleanEvidence = (evidence: Evidence[]) => {
    for (const e of evidence) {
      e.name = clean(e.name);
      if (typeof e.value === 'string') e.value = clean(e.value);
    }
  };
  for (const finding of subject.agents) {
    finding.summary = clean(finding.summary);
    finding.warnings = finding.warnings.map(clean);
    cleanEvidence(finding.evidence);
  }
  for (const turn of subject.turns) {
    turn.argument = clean(turn.argument);
    if (turn.rebuts !== null) turn.rebuts = clean(turn.rebuts);
    cleanEvidence(turn.evidence);
  }
  subject.verdict.reasoning = clean(subject.verdict.reasoning);
  const found = REDACTION_CATEGORIES.filter((c) => counts[c] > 0).map((c) => `${c} ${counts[c]}`);
  return {
    agent: 'privacy',
    summary:
      total === 0
        ? `Checked ${texts} texts: no personal data or secrets found.`
        : `Checked ${texts} texts: made ${total} redaction(s) (${found.join(', ')}).`,
    score: 0,
    evidence: [
      { name: 'redactions', value: total, source: 'privacy' },
      ...REDACTION_CATEGORIES.map((c) => ({ name: `redactions: ${c}`, value: counts[c], source: 'privacy' })),
    ],
    warnings: [],
  };
}
