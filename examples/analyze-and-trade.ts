/**
 * From an analysis to a trade: analyse a market, turn the decision into a proposal (sized by the risk
 * rules, checked by compliance and the risk limits), approve it if it waits for a person, execute it,
 * and watch its fills arrive on the event stream. Needs a key with the `trade` scope and a server in
 * paper mode (the default).
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx analyze-and-trade.ts
 */
import {
  type Analysis,
  type ClientOptions,
  type Fill,
  NoTradeSignalError,
  type Order,
  type Proposal,
  Sigmax,
} from '@sigmax/sdk';

export interface AnalyzeAndTradeOptions extends ClientOptions {
  /** Market to analyse and trade. Default: `BTC/USDT`. */
  symbol?: string;
  /** How long to wait for the fills on the event stream, in milliseconds. Default: 10 000. */
  watchMs?: number;
}

export interface AnalyzeAndTradeResult {
  analysis: Analysis;
  /** The proposal as it ended; `null` when the analysis proposed no trade. */
  proposal: Proposal | null;
  order: Order | null;
  fills: Fill[];
  /** Where the fills were seen: on the event stream, or (when it did not deliver them in time) by polling. */
  watchedVia: 'stream' | 'polling' | null;
}

export async function analyzeAndTrade(options: AnalyzeAndTradeOptions = {}): Promise<AnalyzeAndTradeResult> {
  const { symbol = 'BTC/USDT', watchMs = 10_000, ...clientOptions } = options;
  const sigmax = new Sigmax(clientOptions);

  const { tradingMode } = await sigmax.status();
  if (tradingMode !== 'paper')
    throw new Error(`this example trades on paper only; the server is ${tradingMode}`);

  // 1. Analyse.
  const analysis = await sigmax.analyses.create({ symbol });
  const { decision } = analysis;
  console.log(`${symbol}: ${decision.action} (confidence ${decision.confidence.toFixed(2)}), ${analysis.id}`);

  // 2. Propose. A hold (or a sell with nothing to sell) proposes nothing: the error says which analysis.
  let proposal: Proposal;
  try {
    proposal = await sigmax.proposals.create({ analysisId: analysis.id });
  } catch (error) {
    if (!(error instanceof NoTradeSignalError)) throw error;
    console.log(`no trade: ${error.problem?.detail ?? error.message}`);
    return { analysis, proposal: null, order: null, fills: [], watchedVia: null };
  }
  console.log(
    `proposal ${proposal.id}: ${proposal.side} ${proposal.quantity} @ ~${proposal.referencePrice}, ${proposal.status}`,
  );
  console.log(
    `  compliance ${proposal.compliance.approved ? 'approved' : 'denied'}, risk ${proposal.risk.ok ? 'ok' : 'violated'}`,
  );

  // 3. Approve, when the approval policy left it to a person (live trading, or manual approval).
  if (proposal.status === 'pending') {
    proposal = await sigmax.proposals.approve(proposal.id, {
      reason: 'approved by the analyze-and-trade example',
    });
    console.log(`approved ${proposal.id}`);
  }
  if (proposal.status !== 'approved') {
    console.log(`not executed: ${proposal.status} (${proposal.approval?.reason ?? '-'})`);
    return { analysis, proposal, order: null, fills: [], watchedVia: null };
  }

  // 4. Watch the fills of the market: the stream is opened before the order is placed.
  const controller = new AbortController();
  const streamed: Fill[] = [];
  let wake = () => {};
  const watching = (async () => {
    try {
      for await (const event of sigmax.events.stream({
        types: 'fill',
        symbols: symbol,
        signal: controller.signal,
      })) {
        const { fill } = event.data as { fill?: Fill };
        if (fill) streamed.push(fill);
        wake();
      }
    } catch (error) {
      if (!controller.signal.aborted) console.log(`event stream: ${String(error)}`);
    }
  })();

  // 5. Execute. Executing again would place no second order: the order's clientOrderId comes from the
  // proposal.
  proposal = await sigmax.proposals.execute(proposal.id);
  const orderId = proposal.orderId;
  if (orderId === null) throw new Error(`proposal ${proposal.id} is ${proposal.status} without an order`);
  console.log(`executed: order ${orderId}`);

  const deadline = Date.now() + watchMs;
  while (!streamed.some((fill) => fill.orderId === orderId) && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, Math.max(0, Math.min(250, deadline - Date.now())));
    });
  }
  controller.abort();
  await watching;

  // The order's fills as the server lists them; those the stream delivered were seen live.
  const order = await sigmax.orders.get(orderId);
  const fills: Fill[] = [];
  for await (const fill of sigmax.fills.list({ orderId })) fills.push(fill);
  const watchedVia = fills.every((fill) => streamed.some((seen) => seen.id === fill.id))
    ? 'stream'
    : 'polling';
  for (const fill of fills) {
    console.log(`  fill ${fill.side} ${fill.quantity} @ ${fill.price} (fee ${fill.fee} ${fill.feeAsset})`);
  }
  console.log(
    `order ${order.status}: ${order.filledQuantity} @ ${order.averageFillPrice ?? '-'}; ${fills.length} fill(s) seen by ${watchedVia}`,
  );
  return { analysis, proposal, order, fills, watchedVia };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  analyzeAndTrade().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
