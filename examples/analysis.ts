/**
 * The multi-agent analysis: analyse a market, print the decision and the bull/bear debate, read the
 * plain-language explanation, and rerun the analysis on its stored inputs to check it is reproducible.
 * Needs a key with the `trade` scope.
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx analysis.ts
 */
import { type Analysis, type ClientOptions, Sigmax } from '@sigmax/sdk';

export interface AnalysisExampleOptions extends ClientOptions {
  /** Market to analyse. Default: `BTC/USDT`. */
  symbol?: string;
  /** Quote capital to size for, as a decimal string. Default: the portfolio's equity. */
  capital?: string;
}

export interface AnalysisExampleResult {
  analysis: Analysis;
  explanation: string;
  rerun: Analysis;
}

export async function analysisExample(options: AnalysisExampleOptions = {}): Promise<AnalysisExampleResult> {
  const { symbol = 'BTC/USDT', capital, ...clientOptions } = options;
  const sigmax = new Sigmax(clientOptions);

  const analysis = await sigmax.analyses.create({ symbol, ...(capital ? { capital } : {}) });
  const { decision, debate } = analysis;
  console.log(
    `${symbol} as of ${analysis.asOf}: ${decision.action} (confidence ${decision.confidence.toFixed(2)})`,
  );
  if (decision.action !== 'hold') {
    console.log(
      `  size ${decision.size} at ${decision.entryPrice}, stop ${decision.stopLoss ?? '-'}, target ${decision.takeProfit ?? '-'}`,
    );
  }
  for (const turn of debate.turns) console.log(`  round ${turn.round} ${turn.side}: ${turn.argument}`);
  console.log(`  verdict: ${debate.verdict.reasoning}`);
  if (analysis.missingInputs.length > 0) console.log(`  ran without: ${analysis.missingInputs.join(', ')}`);

  const explanation = await sigmax.analyses.explanation(analysis.id);
  console.log(explanation.split('\n')[0]);

  // The analysis stored its inputs: a rerun gives the same decision from the same input hash.
  const rerun = await sigmax.analyses.rerun(analysis.id);
  const same =
    rerun.provenance.inputHash === analysis.provenance.inputHash &&
    rerun.decision.action === decision.action &&
    rerun.decision.size === decision.size;
  console.log(`rerun ${rerun.id}: ${same ? 'same decision' : 'DIFFERENT decision'}`);
  return { analysis, explanation, rerun };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  analysisExample().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
