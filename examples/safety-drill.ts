/**
 * A safety drill on the paper exchange: pause trading and see an order refused, resume; then pull the
 * panic switch (every open order canceled, every position closed, trading halted), check that nothing
 * is left, see that a plain resume is refused, and resume with force using an admin key.
 *
 * It closes EVERY position of the account: run it on paper only (it refuses anything else). Needs a
 * key with the `trade` scope (SIGMAX_API_KEY) and an admin key for the forced resume
 * (SIGMAX_ADMIN_API_KEY, or the same key when it is an admin one).
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… SIGMAX_ADMIN_API_KEY=sk_sigmax_… \
 *     pnpm --dir examples exec tsx safety-drill.ts
 */
import {
  type ClientOptions,
  type PanicReport,
  ResumeNeedsForceError,
  type SafetyStatus,
  Sigmax,
  TradingPausedError,
} from '@sigmax/sdk';

export interface SafetyDrillOptions extends ClientOptions {
  /** Market to place the drill's orders on. Default: `BTC/USDT`. */
  symbol?: string;
  /** Quantity of the drill's orders, as a decimal string. Default: `'0.001'`. */
  quantity?: string;
  /** An `admin` key for the forced resume. Default: `SIGMAX_ADMIN_API_KEY`, else the client's key. */
  adminApiKey?: string;
}

export interface SafetyDrillResult {
  /** The error the order met while trading was paused. */
  refused: TradingPausedError;
  panic: PanicReport;
  /** The error the plain resume met after the panic. */
  resumeRefused: ResumeNeedsForceError;
  /** The safety status after the forced resume. */
  final: SafetyStatus;
}

export async function safetyDrill(options: SafetyDrillOptions = {}): Promise<SafetyDrillResult> {
  const { symbol = 'BTC/USDT', quantity = '0.001', adminApiKey, ...clientOptions } = options;
  const sigmax = new Sigmax(clientOptions);
  const adminKey = adminApiKey ?? process.env.SIGMAX_ADMIN_API_KEY;
  const admin = adminKey ? new Sigmax({ ...clientOptions, apiKey: adminKey }) : sigmax;

  const { tradingMode } = await sigmax.status();
  if (tradingMode !== 'paper') throw new Error(`the drill runs on paper only; the server is ${tradingMode}`);
  const before = await sigmax.safety.get();
  if (before.state !== 'ACTIVE')
    throw new Error(`trading is ${before.state} (${before.reason}): not drilling`);

  // 1. Pause: new orders are refused with TradingPausedError until the pause ends or a resume.
  const paused = await sigmax.control.pause({ reason: 'safety drill', durationSeconds: 300 });
  console.log(`paused: ${paused.state} until ${paused.pausedUntil}`);
  let refused: TradingPausedError;
  try {
    await sigmax.orders.create({ symbol, side: 'buy', type: 'market', quantity });
    throw new Error('an order went through while trading was paused');
  } catch (error) {
    if (!(error instanceof TradingPausedError)) throw error;
    refused = error;
    console.log(`order refused: ${error.code} (${error.state})`);
  }
  console.log(`resumed: ${(await sigmax.control.resume({ reason: 'drill: pause over' })).state}`);

  // 2. Something for the panic to clean up: a position, and a limit buy resting far below the market.
  await sigmax.orders.create({ symbol, side: 'buy', type: 'market', quantity });
  const { bids } = await sigmax.markets.orderBook(symbol, { depth: 5 });
  const low = bids.at(-1)?.[0];
  if (low === undefined) throw new Error(`${symbol} has no bids`);
  const resting = await sigmax.orders.create({
    symbol,
    side: 'buy',
    type: 'limit',
    quantity,
    price: (Number(low) / 2).toFixed(2),
  });
  console.log(`position opened, limit buy ${resting.id} resting`);

  // 3. Panic: halt, cancel every open order, close every position at market.
  const panic = await sigmax.control.panic({ reason: 'safety drill' });
  console.log(
    `panic: canceled ${panic.canceledOrders.length} order(s), closed ${panic.closingOrders.length} position(s), ${panic.errors.length} error(s); ${panic.safety.state}`,
  );
  for (const error of panic.errors) console.log(`  could not: ${error}`);

  // 4. Nothing is left open.
  const open = await sigmax.orders.list({ status: 'open' });
  const positions = (await sigmax.positions.list()).data.filter((p) => Number(p.quantity) !== 0);
  console.log(`left: ${open.data.length} open order(s), ${positions.length} position(s)`);
  if (open.data.length > 0 || positions.length > 0)
    throw new Error('the panic left orders or positions open');

  // 5. After a panic a plain resume is refused within the guard window; force needs an admin key.
  let resumeRefused: ResumeNeedsForceError;
  try {
    await sigmax.control.resume({ reason: 'drill: too soon' });
    throw new Error('a plain resume went through right after a panic');
  } catch (error) {
    if (!(error instanceof ResumeNeedsForceError)) throw error;
    resumeRefused = error;
    console.log(`plain resume refused: ${error.code}`);
  }
  const final = await admin.control.resume({ force: true, reason: 'drill over: nothing left open' });
  console.log(`forced resume: ${final.state}`);
  return { refused, panic, resumeRefused, final };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  safetyDrill().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
