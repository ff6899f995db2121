import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main';
import { cliServer } from './support/cli-server';

// The safety and control commands of the built binary against a listening reference server (paper
// exchange, the replayed market standing still), as a user runs them. The tests run in order.

const ADMIN = 'sk_sigmax_cli_control_admin_key_0123456789';

const cli = cliServer(ADMIN, { replayStart: '2021-01-04T00:00:00Z', replaySpeed: 0.001 });
const { sigmax } = cli;

/** `sigmax … --json`, parsed; fails the test on a non-zero exit. */
// biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field
const json = <T = any>(args: string[], extraEnv?: Record<string, string>) => cli.json<T>(args, extraEnv);

describe('the sigmax binary: safety and control', () => {
  let trader: Record<string, string>;

  it('shows the safety state, the triggers and the locks', async () => {
    const key = await json<{ key: string }>(['keys', 'create', 'trader', '--scope', 'trade']);
    trader = { SIGMAX_API_KEY: key.key };
    const table = await sigmax(['safety'], trader);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^state:\s+ACTIVE$/m);
    expect(table.stdout).toMatch(/^TRIGGER\s+ENABLED\s+ACTION\s+TRIPPED\s+VALUE\s+THRESHOLD$/m);
    expect(table.stdout).toMatch(/^consecutive_losses\s+yes\s+(REDUCING|HALTED)\s+no\s/m);
    expect(table.stdout).toMatch(/^locks: none$/m);
    expect((await json(['safety'])).state).toBe('ACTIVE');
  });

  it('shows the limits and changes them with --set or --file (admin), keeping the rest', async () => {
    const before = await json(['safety', 'limits']);
    expect(Object.keys(before).sort()).toEqual(['compliance', 'risk', 'safety']);
    const table = await sigmax(['safety', 'limits']);
    expect(table.stdout.split('\n')[0]).toMatch(/^LIMIT\s+VALUE$/);
    // Nothing is set yet: every section takes the server's defaults.
    expect(table.stdout).toMatch(/^risk\s+\(defaults\)$/m);

    const updated = await json([
      'safety',
      'limits',
      '--set',
      'risk.maxLeverage=2',
      '--set',
      'safety.guardMinutes=30',
      '--set',
      'compliance.denyList=DOGE/USDT,XRP/USDT',
    ]);
    expect(updated.limits.risk).toEqual({ ...before.risk, maxLeverage: '2' });
    expect(updated.limits.safety).toEqual({ ...before.safety, guardMinutes: 30 });
    expect(updated.limits.compliance.denyList).toEqual(['DOGE/USDT', 'XRP/USDT']);
    expect((await sigmax(['safety', 'limits'])).stdout).toMatch(/^risk\.maxLeverage\s+2$/m);

    const file = join(mkdtempSync(join(tmpdir(), 'sigmax-limits-')), 'limits.json');
    writeFileSync(
      file,
      JSON.stringify({ risk: before.risk, safety: before.safety, compliance: before.compliance }),
    );
    expect((await json(['safety', 'limits', '--file', file])).limits).toEqual(before);

    const forbidden = await sigmax(['safety', 'limits', '--set', 'risk.maxLeverage=3'], trader);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('403 forbidden');
    const invalid = await sigmax(['safety', 'limits', '--set', 'risk.maxLeverage=lots']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('422 validation_failed');
    expect(invalid.stderr).toContain('body.risk.maxLeverage');

    writeFileSync(file, '{ not json');
    for (const args of [
      ['safety', 'limits', '--file', file],
      ['safety', 'limits', '--file', join(tmpdir(), 'sigmax-no-such-dir', 'x.json')],
      ['safety', 'limits', '--set', 'maxLeverage=2'],
      ['safety', 'limits', '--set', 'risk.maxLeverage'],
      ['safety', 'limits', '--set', 'risk.maxLeverage=2', '--file', file],
      ['safety', 'frobnicate'],
    ]) {
      const r = await sigmax(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^sigmax: /);
    }
    expect((await json(['safety', 'limits'])).risk).toEqual(before.risk);
  });

  it('pauses for a while: orders are refused until resumed', async () => {
    expect((await sigmax(['pause'], trader)).code).toBe(2);
    expect((await sigmax(['pause', '--reason', 'x', '--for', '10 minutes'], trader)).code).toBe(2);
    const paused = await sigmax(['pause', '--reason', 'maintenance window', '--for', '30m'], trader);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(/^state:\s+HALTED$/m);
    expect(paused.stdout).toMatch(/^reason:\s+maintenance window$/m);
    const until = /^paused until:\s+(\S+)$/m.exec(paused.stdout)?.[1] ?? '';
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(29 * 60_000);

    const refused = await sigmax(['order', 'place', 'BTC/USDT', 'buy', '0.001'], trader);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^sigmax: 409 trading_paused: Trading is HALTED/);

    const resumed = await sigmax(['resume', '--reason', 'done'], trader);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^state:\s+ACTIVE$/m);
  });

  it('panic needs --yes off a terminal; then it flattens, halts, and resuming needs --force (admin)', async () => {
    const unconfirmed = await sigmax(['panic', '--reason', 'drill'], trader);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await json(['safety'])).state).toBe('ACTIVE');

    const bought = await json(['order', 'place', 'BTC/USDT', 'buy', '0.001'], trader);
    expect(bought.status).toBe('filled');
    const table = await sigmax(['panic', '--reason', 'drill', '--yes'], trader);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^errors:\s+none$/m);
    expect(table.stdout).toMatch(/^CLOSING ORDER\s+SYMBOL\s+SIDE/m);
    expect(table.stdout).toMatch(/^ord_\S+\s+BTC\/USDT\s+sell\s+0\.001\s/m);
    expect(table.stdout).toMatch(/^state:\s+HALTED$/m);
    expect(table.stdout).toMatch(/^guard until:\s+\S+ \(resuming before then needs --force\)$/m);
    expect(await json(['positions'])).toEqual([]);

    const soft = await sigmax(['resume'], trader);
    expect(soft.code).toBe(1);
    expect(soft.stderr).toContain('409 resume_needs_force');
    const notAdmin = await sigmax(['resume', '--force'], trader);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain('403 forbidden');
    const forced = await json(['resume', '--force', '--reason', 'drill over']);
    expect(forced.state).toBe('ACTIVE');
  });

  it('asks before a panic on a terminal, and sends nothing when the answer is no', async () => {
    const asked: string[] = [];
    const io = (answer: boolean) => ({
      stdout: () => {},
      stderr: (text: string) => asked.push(text),
      env: { ...cli.env, SIGMAX_CONFIG_FILE: join(tmpdir(), 'sigmax-no-such-dir', 'config.json') },
      stdinIsTTY: true,
      confirm: async (question: string) => {
        asked.push(question);
        return answer;
      },
    });
    expect(await main(['panic'], io(false))).toBe(2);
    expect(asked[0]).toMatch(/^Panic: cancel every open order, close every position .*\[y\/N\] $/);
    expect(asked[1]).toBe('sigmax: panic not confirmed; nothing was sent\n');
    expect((await json(['safety'])).state).toBe('ACTIVE');

    expect(await main(['panic', '--reason', 'asked'], io(true))).toBe(0);
    expect((await json(['safety'])).state).toBe('HALTED');
    expect((await json(['resume', '--force'])).state).toBe('ACTIVE');
  });

  it('shows, starts and stops the autonomous loop', async () => {
    const status = await sigmax(['loop'], trader);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^running:\s+no$/m);
    const started = await json(
      ['loop', 'start', '--symbols', 'BTC/USDT,ETH/USDT', '--timeframe', '1h'],
      trader,
    );
    expect(started).toMatchObject({ running: true, symbols: ['BTC/USDT', 'ETH/USDT'], timeframe: '1h' });
    expect((await sigmax(['loop', 'status'], trader)).stdout).toMatch(/^symbols:\s+BTC\/USDT, ETH\/USDT$/m);
    expect((await json(['loop', 'stop'], trader)).running).toBe(false);

    for (const args of [
      ['loop', 'start', '--timeframe', '2h'],
      ['loop', 'start', '--symbols', ','],
      ['loop', 'frobnicate'],
      ['pause', 'now', '--reason', 'x'],
    ]) {
      expect((await sigmax(args, trader)).code, args.join(' ')).toBe(2);
    }
    expect((await json(['loop'])).running).toBe(false);
  });
});
