import { redact } from '@sigmax/engine';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

const VERB: Record<Schemas['DecisionAction'], string> = { buy: 'buy', sell: 'sell', hold: 'hold' };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The analysis in plain language, as Markdown: why it says buy, sell or hold, from the verdict, the
 * agents' findings, the debate, the risk warnings and the sizing. Built from the stored analysis
 * only (its texts are already redacted) and redacted once more, all but the provenance footer.
 */
export function explainAnalysis(a: Schemas['Analysis']): string {
  const { decision, debate } = a;
  const base = a.symbol.split('/')[0] ?? a.symbol;
  const lines: string[] = [];
  lines.push(`# Why ${VERB[decision.action]} ${a.symbol}?`, '');
  lines.push(
    `As of ${a.asOf}, the agents' decision is **${decision.action.toUpperCase()}** with a confidence of ` +
      `${pct(decision.confidence)}.`,
    '',
  );
  lines.push('## The verdict', '');
  lines.push(
    `The judge weighed the bull's case (score ${round(debate.verdict.bullScore)}) against the bear's ` +
      `(score ${round(debate.verdict.bearScore)}) over ${debate.rounds} round${debate.rounds === 1 ? '' : 's'}.`,
    '',
  );
  lines.push(debate.verdict.reasoning, '');
  const judge = a.agents.find((f) => f.agent === 'judge');
  if (judge && judge.summary !== debate.verdict.reasoning) lines.push(judge.summary, '');

  lines.push('## What the agents found', '');
  for (const finding of a.agents) {
    const lean =
      finding.score > 0.05 ? 'leans bullish' : finding.score < -0.05 ? 'leans bearish' : 'takes no side';
    lines.push(`- **${finding.agent}** (${lean}, score ${round(finding.score)}): ${finding.summary}`);
    const numbers = finding.evidence.slice(0, 4).map((e) => `${e.name} = ${formatValue(e.value)}`);
    if (numbers.length > 0) lines.push(`  - evidence: ${numbers.join('; ')}`);
  }
  lines.push('');

  if (debate.turns.length > 0) {
    lines.push('## The debate', '');
    for (const turn of debate.turns) {
      const answer = turn.rebuts ? ` (answering: ${turn.rebuts})` : '';
      lines.push(
        `${turn.round}. **${turn.side}** (strength ${pct(turn.strength)}): ${turn.argument}${answer}`,
      );
    }
    lines.push('');
  }

  lines.push('## Sizing', '');
  if (decision.action === 'hold') {
    lines.push(`No trade is suggested. The last price seen was ${decision.entryPrice}.`);
  } else {
    lines.push(
      `Suggested: ${decision.action} ${decision.size} ${base} at about ${decision.entryPrice} ` +
        `(${decision.notional} notional).`,
    );
    if (decision.stopLoss) lines.push(`Stop-loss at ${decision.stopLoss}.`);
    if (decision.takeProfit) lines.push(`Take-profit at ${decision.takeProfit}.`);
  }
  lines.push('');

  const warnings = [...new Set(a.agents.flatMap((f) => f.warnings))];
  if (warnings.length > 0) {
    lines.push('## Risk warnings', '');
    for (const warning of warnings) lines.push(`- ${warning}`);
    lines.push('');
  }
  if (a.missingInputs.length > 0) {
    lines.push('## What was missing', '');
    lines.push(`The analysis ran without: ${a.missingInputs.join(', ')}.`, '');
  }
  // The footer is the server's own identifiers (the input hash would read as a secret to redact()).
  const footer: string[] = ['---', ''];
  footer.push(
    `Analysis ${a.id}, engine ${a.provenance.engineVersion}, input hash \`${a.provenance.inputHash}\`` +
      `${a.provenance.rerunOf ? `, a rerun of ${a.provenance.rerunOf}` : ''}. Narration: ${a.narration}.`,
    '',
    'This is the output of an automated analysis, not financial advice.',
  );
  return `${redact(lines.join('\n'))}\n${footer.join('\n')}\n`;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function formatValue(value: number | string): string {
  return typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : value;
}
