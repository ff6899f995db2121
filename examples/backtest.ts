/**
 * Backtesting: list the strategies, backtest an SMA crossover on the server's market data while
 * following its progress, print the key metrics, search the crossover's parameters, and save the
 * equity chart as SVG. Needs a key with the `trade` scope.
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx backtest.ts
 */
import { writeFile } from 'node:fs/promises';
import { type Backtest, type BacktestCreateParams, type ClientOptions, Sigmax } from '@sigmax/sdk';

export interface BacktestExampleOptions extends ClientOptions {
  /** Market to backtest on. Default: `BTC/USDT`. */
  symbol?: string;
  /** Where to save the chart. Default: `backtest-chart.svg` in the working directory. */
  chartPath?: string;
}

export interface BacktestExampleResult {
  run: Backtest;
  search: Backtest;
  chartPath: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function backtestExample(options: BacktestExampleOptions = {}): Promise<BacktestExampleResult> {
  const { symbol = 'BTC/USDT', chartPath = 'backtest-chart.svg', ...clientOptions } = options;
  const sigmax = new Sigmax(clientOptions);

  const { data: strategies } = await sigmax.strategies.list();
  for (const s of strategies) {
    console.log(`${s.name}: ${s.params.map((p) => `${p.name}=${p.default}`).join(' ')}`);
  }

  // One run over all the 4h candles the market has (add `from`/`to` to narrow the range).
  const request: BacktestCreateParams = {
    strategy: { name: 'sma-crossover', params: { fast: 10, slow: 30 } },
    data: { source: 'market', symbol, timeframe: '4h' },
    settings: { initialCash: '10000', takerFeeBps: 10, lotSize: '0.0001' },
  };
  const job = await sigmax.backtests.create(request);
  // A job runs in the background: follow it until it has succeeded, failed or been cancelled.
  const run = await sigmax.backtests.wait(job.id, {
    intervalMs: 200,
    onProgress: (b) => console.log(`  ${b.status} ${Math.round(b.progress * 100)}%`),
  });
  if (run.status !== 'succeeded' || !run.result)
    throw new Error(`backtest ${run.status}: ${run.error?.message}`);
  const m = run.result.run.metrics;
  console.log(
    `${symbol} ${run.data.candles} candles: return ${pct(m.totalReturn)}, sharpe ${m.sharpe?.toFixed(2) ?? '-'}, ` +
      `max drawdown ${pct(m.maxDrawdown)}, ${m.trades} trades`,
  );

  // A small grid search of the two periods, best Sharpe ratio first; the best point then runs on the
  // whole data.
  const searchJob = await sigmax.backtests.create({
    ...request,
    kind: 'search',
    search: {
      ranges: { fast: { min: 5, max: 20, step: 5 }, slow: { min: 20, max: 60, step: 20 } },
      objective: 'sharpe',
      top: 3,
    },
  });
  const search = await sigmax.backtests.wait(searchJob.id, { intervalMs: 200 });
  const report = search.result?.search;
  if (search.status !== 'succeeded' || !report)
    throw new Error(`search ${search.status}: ${search.error?.message}`);
  const best = Object.entries(report.best.params)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(
    `search: ${report.evaluated} points, best ${best} (sharpe ${report.best.score?.toFixed(2) ?? '-'})`,
  );

  await writeFile(chartPath, await sigmax.backtests.chart(run.id));
  console.log(`chart saved to ${chartPath}`);
  return { run, search, chartPath };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  backtestExample().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
