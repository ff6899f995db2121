import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliServer } from './support/cli-server';

// The backtest commands of the built binary against a listening reference server (replayed market
// data, which ends with 2019), as a user runs them. stderr is a pipe here, so progress comes as plain
// lines; the bar a terminal gets is tested in backtest-progress.test.ts.

const ADMIN = 'sk_sigmax_cli_backtest_admin_key_0123456789';
const RANGE = ['--symbol', 'BTC/USDT', '--timeframe', '4h', '--from', '2019-01-01', '--to', '2020-01-01'];
const SMA = ['--strategy', 'sma-crossover', '--param', 'fast=10', '--param', 'slow=30'];

const { sigmax } = cliServer(ADMIN);
const dir = mkdtempSync(join(tmpdir(), 'sigmax-cli-backtest-'));

describe('the sigmax binary: strategies and backtests', () => {
  let runId = '';

  it('strategies lists every strategy with its parameters, or JSON', async () => {
    const table = await sigmax(['strategies']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^sma-crossover: /m);
    expect(table.stdout).toMatch(/^ {2}PARAM\s+TYPE\s+DEFAULT\s+RANGE\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^ {2}fast\s+int\s+\d+\s+\d+\.\.\d+/m);
    const json = await sigmax(['strategies', '--json']);
    const list = JSON.parse(json.stdout) as Array<{ name: string }>;
    expect(list.map((s) => s.name)).toContain('sma-crossover');
  });

  it('backtest run waits with progress on stderr, prints the report, and writes the chart', async () => {
    const chart = join(dir, 'run.svg');
    const r = await sigmax([
      'backtest',
      'run',
      ...SMA,
      ...RANGE,
      '--cash',
      '10000',
      '--fee-bps',
      '10',
      '--chart',
      chart,
    ]);
    expect(r.code, r.stderr).toBe(0);
    // stderr is not a terminal: one plain line per status, no bar.
    const steps = r.stderr.trim().split('\n');
    expect(steps.at(-1)).toMatch(/^backtest bt_\w+: succeeded$/);
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).toMatch(/^status:\s+succeeded$/m);
    expect(r.stdout).toMatch(/^strategy:\s+sma-crossover fast=10 slow=30$/m);
    expect(r.stdout).toMatch(/^data:\s+BTC\/USDT 4h \(market\), \d+ candles from 2019-01-01T00:00:00.000Z/m);
    expect(r.stdout).toMatch(/^trades:\s+\d+$/m);
    expect(r.stdout).toMatch(/^METRIC\s+VALUE$/m);
    expect(r.stdout).toMatch(/^sharpe\s+(-?\d+\.\d\d|-)$/m);
    expect(r.stdout).toMatch(/^max drawdown\s+\d+\.\d\d% over \d+ bars$/m);
    expect(r.stdout).toContain(`chart written to ${chart}`);
    expect(readFileSync(chart, 'utf8')).toMatch(/^(<\?xml|<svg)[\s\S]*sma-crossover[\s\S]*<\/svg>\s*$/);
    runId = /^id:\s+(bt_\w+)$/m.exec(r.stdout)?.[1] ?? '';
    expect(runId).not.toBe('');
  });

  it('with --json, stdout is only the job as JSON, progress staying on stderr', async () => {
    const r = await sigmax(['backtest', 'run', ...SMA, ...RANGE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job.status).toBe('succeeded');
    expect(job.result.run.params).toMatchObject({ fast: 10, slow: 30 });
    expect(r.stderr).toMatch(/^backtest bt_\w+: (queued|running)$/m);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`backtest ${job.id}: succeeded`);
  });

  it('runs a parameter search, a walk-forward and a Monte Carlo job', async () => {
    const search = await sigmax([
      'backtest',
      'run',
      ...SMA,
      ...RANGE,
      '--range',
      'fast=5:20:5',
      '--range',
      'slow=20:60:20',
      '--objective',
      'sharpe',
    ]);
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toMatch(/^kind:\s+search$/m);
    expect(search.stdout).toMatch(/^search: grid, objective sharpe, 11 evaluated$/m);
    expect(search.stdout).toMatch(/^best: fast=\d+ slow=\d+ .*\(score \d+\.\d\d\)$/m);
    expect(search.stdout).toMatch(/^RANK\s+PARAMS\s+SCORE\s+RETURN\s+MAX DD\s+TRADES$/m);

    const wf = await sigmax([
      'backtest',
      'run',
      ...SMA,
      '--symbol',
      'BTC/USDT',
      '--from',
      '2018-01-01',
      '--to',
      '2020-01-01',
      '--range',
      'fast=5:15:5',
      '--walk-forward',
      'train=900,test=300',
    ]);
    expect(wf.code, wf.stderr).toBe(0);
    expect(wf.stdout).toMatch(/^kind:\s+walk-forward$/m);
    expect(wf.stdout).toMatch(/^walk-forward: \d+ windows$/m);
    expect(wf.stdout).toMatch(/^#\s+TEST FROM\s+TEST TO\s+PARAMS/m);

    const mc = await sigmax([
      'backtest',
      'run',
      ...SMA,
      ...RANGE,
      '--monte-carlo',
      'runs=200,seed=7',
      '--json',
    ]);
    expect(mc.code, mc.stderr).toBe(0);
    const job = JSON.parse(mc.stdout);
    expect(job.kind).toBe('monte-carlo');
    expect(job.result.monteCarlo.runs).toBe(200);
    const table = await sigmax(['backtest', 'get', job.id]);
    expect(table.stdout).toMatch(/^PERCENTILE\s+FINAL RETURN\s+MAX DRAWDOWN$/m);
    expect(table.stdout).toMatch(/^p95\s+-?\d+\.\d\d%\s+\d+\.\d\d%$/m);
  });

  it('runs on a CSV file', async () => {
    const file = join(dir, 'candles.csv');
    const lines = ['time,open,high,low,close,volume'];
    let price = 100;
    for (let i = 0; i < 300; i++) {
      const next = price * (1 + 0.02 * Math.sin(i / 8));
      const time = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString();
      lines.push([time, price, Math.max(price, next) + 1, Math.min(price, next) - 1, next, 5].join(','));
      price = next;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await sigmax([
      'backtest',
      'run',
      '--strategy',
      'sma-crossover',
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--symbol',
      'BTC/USDT',
      '--csv',
      file,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job.data).toMatchObject({ source: 'upload', candles: 300, timeframe: null });
    expect(job.status).toBe('succeeded');
  });

  it('backtest list, get and chart -o', async () => {
    const list = await sigmax(['backtest', 'list', '--status', 'succeeded', '--kind', 'run']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(
      /^ID\s+KIND\s+STATUS\s+PROGRESS\s+STRATEGY\s+SYMBOL\s+CANDLES\s+CREATED$/,
    );
    expect(list.stdout).toContain(runId);

    const get = await sigmax(['backtest', 'get', runId, '--json']);
    expect(JSON.parse(get.stdout).id).toBe(runId);

    const file = join(dir, 'chart.svg');
    const chart = await sigmax(['backtest', 'chart', runId, '-o', file]);
    expect(chart.code).toBe(0);
    expect(chart.stdout).toMatch(new RegExp(`^chart written to ${file} \\(\\d+ bytes\\)$`, 'm'));
    expect(readFileSync(file, 'utf8')).toContain('</svg>');
  });

  it('--no-wait prints the queued job; cancel stops it; a cancelled run exits 1', async () => {
    const big = [
      'backtest',
      'run',
      ...SMA,
      '--symbol',
      'BTC/USDT',
      '--from',
      '2017-01-01',
      '--range',
      'fast=2:100:1',
      '--range',
      'slow=10:400:1',
    ];
    const queued = await sigmax([...big, '--no-wait', '--json']);
    expect(queued.code).toBe(0);
    expect(queued.stderr).toBe('');
    const job = JSON.parse(queued.stdout);
    expect(job.status).toBe('queued');
    const cancelled = await sigmax(['backtest', 'cancel', job.id]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(/^status:\s+cancelled$/m);
    const again = await sigmax(['backtest', 'cancel', job.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^sigmax: 409 backtest_not_cancelable: /);

    // A run that gets cancelled while the CLI waits: the summary on stdout, exit 1.
    const waiting = sigmax([...big, '--json']);
    let id: string | undefined;
    for (let i = 0; i < 200 && !id; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const running = await sigmax(['backtest', 'list', '--status', 'running', '--json']);
      id = (JSON.parse(running.stdout) as Array<{ id: string }>)[0]?.id;
    }
    expect(id).toBeDefined();
    expect((await sigmax(['backtest', 'cancel', id ?? ''])).code).toBe(0);
    const r = await waiting;
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe('cancelled');
    expect(r.stderr).toMatch(new RegExp(`^sigmax: backtest ${id} cancelled$`, 'm'));
  });

  it('refuses bad command lines with exit 2, and reports API errors with exit 1', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const r = await sigmax(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    };
    await usage(['backtest', 'run', '--symbol', 'BTC/USDT'], /^sigmax: usage: sigmax backtest run /);
    await usage(['backtest', 'run', ...SMA], /^sigmax: usage: /);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--param', 'fast'], /--param takes name=value/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--kind', 'search'], /needs at least one --range/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--range', 'fast=a:b'], /--range takes/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--timeframe', '2h'], /--timeframe must be/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--from', 'yesterday'], /--from must be a date/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--fee-bps', '5000'], /--fee-bps must be/);
    await usage(['backtest', 'run', ...SMA, ...RANGE, '--no-wait', '--chart', 'x.svg'], /--chart needs/);
    await usage(
      ['backtest', 'run', ...SMA, ...RANGE, '--range', 'fast=5:9', '--walk-forward', 'train=9'],
      /--walk-forward needs train/,
    );
    await usage(
      ['backtest', 'run', ...SMA, ...RANGE, '--csv', join(dir, 'none.csv')],
      /--csv takes the candles/,
    );
    await usage(
      ['backtest', 'run', ...SMA, '--symbol', 'BTC/USDT', '--csv', join(dir, 'none.csv')],
      /cannot read/,
    );
    await usage(['backtest', 'frobnicate'], /usage: sigmax backtest run\|list\|get\|cancel\|chart/);
    await usage(['backtest', 'get'], /usage: sigmax backtest get <id>/);
    await usage(['backtest', 'list', '--status', 'done'], /--status must be/);

    const invalid = await sigmax([
      'backtest',
      'run',
      '--strategy',
      'sma-crossover',
      '--param',
      'fast=0',
      ...RANGE,
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^sigmax: 422 validation_failed: body\.strategy\.params\.fast/);
    const unknown = await sigmax(['backtest', 'get', 'bt_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^sigmax: 404 not_found: /);
  });
});
