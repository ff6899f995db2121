import { type Sigmax, SigmaxError } from '@sigmax/sdk';
import { required } from '../args';
import type { Output } from '../output';
import { analysesExplain } from './analyses';

/**
 * `sigmax why <analysis-id>`: the analysis explained in plain language (Markdown). Given a proposal
 * id (`prop_…`), explains the analysis the proposal came from. With --json: the Markdown as a JSON
 * string, as `analyses explain` prints it.
 */
export async function why(sigmax: Sigmax, out: Output, id: string | undefined) {
  let analysisId = required(id, 'sigmax why <analysis-id>');
  if (analysisId.startsWith('prop_')) {
    const proposal = await sigmax.proposals.get(analysisId);
    if (proposal.analysisId === null) {
      throw new SigmaxError(`proposal ${proposal.id} comes from no analysis: there is nothing to explain`);
    }
    analysisId = proposal.analysisId;
  }
  await analysesExplain(sigmax, out, analysisId);
}
