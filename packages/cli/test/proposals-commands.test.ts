import { describe, expect, it } from 'vitest';
import { cliServer } from './support/cli-server';

// The proposal commands and `why` of the built binary against a listening reference server, as a user
// runs them. Proposals wait for a person (manual approval), and the replayed market stands still at a
// time when the analyses of BTC/USDT and ETH/USDT say buy.

const ADMIN = 'sk_sigmax_cli_proposals_admin_key_0123456789';

const { sigmax, json } = cliServer(ADMIN, {
  replayStart: '2021-01-04T00:00:00Z',
  replaySpeed: 0.001,
  proposalApproval: 'manual',
});

interface Proposal {
  id: string;
  status: string;
  orderId: string | null;
  analysisId: string;
  clientOrderId: string;
}

describe('the sigmax binary: proposals and why', () => {
  let proposal: Proposal;

  it('creates a proposal from a symbol and shows it with its verdicts', async () => {
    const created = await sigmax(['proposals', 'create', '--symbol', 'BTC/USDT', '--ttl', '600']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^id:\s+prop_[0-9A-Z]{26}$/m);
    expect(created.stdout).toMatch(/^side:\s+buy$/m);
    expect(created.stdout).toMatch(/^status:\s+pending$/m);
    expect(created.stdout).toMatch(/^compliance:\s+approved \(\w+, policy /m);
    expect(created.stdout).toMatch(/^risk:\s+ok$/m);
    const id = /^id:\s+(\S+)$/m.exec(created.stdout)?.[1] ?? '';

    proposal = await json<Proposal>(['proposals', 'get', id]);
    expect(proposal).toMatchObject({ id, status: 'pending', orderId: null });

    const list = await sigmax(['proposals', 'list', '--status', 'pending']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+SYMBOL\s+SIDE\s+QUANTITY\s+PRICE\s+NOTIONAL\s+STATUS/);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\s+BTC/USDT\\s+buy\\s`, 'm'));
  });

  it('approves, refuses a second approval, and executes once however often it is run', async () => {
    const approved = await sigmax(['proposals', 'approve', proposal.id, '--reason', 'checked the chart']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^status:\s+approved$/m);
    expect(approved.stdout).toMatch(/^approval:\s+manual: checked the chart \(/m);

    const again = await sigmax(['proposals', 'approve', proposal.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^sigmax: 409 proposal_not_pending: .* \(request \S+\)\n$/);

    const executed = await json<Proposal>(['proposals', 'execute', proposal.id]);
    expect(executed.status).toBe('executed');
    expect(executed.orderId).toMatch(/^ord_/);
    const twice = await json<Proposal>(['proposals', 'execute', proposal.id]);
    expect(twice.orderId).toBe(executed.orderId);
    const orders = await json<Array<{ id: string }>>([
      'order',
      'list',
      '--client-order-id',
      proposal.clientOrderId,
    ]);
    expect(orders.map((o) => o.id)).toEqual([executed.orderId]);
  });

  it('proposes from a stored analysis and rejects it; why explains the analysis', async () => {
    const analysis = await json<{ id: string }>(['analyze', 'ETH/USDT']);
    const created = await json<Proposal>(['proposals', 'create', '--analysis', analysis.id]);
    expect(created.analysisId).toBe(analysis.id);
    const rejected = await sigmax(['proposals', 'reject', created.id, '--reason', 'not today']);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toMatch(/^status:\s+rejected$/m);
    const execute = await sigmax(['proposals', 'execute', created.id]);
    expect(execute.code).toBe(1);
    expect(execute.stderr).toContain('409 proposal_not_approved');

    const why = await sigmax(['why', analysis.id]);
    expect(why.code).toBe(0);
    expect(why.stdout).toMatch(/^# Why buy ETH\/USDT\?/);
    // A proposal id explains the analysis behind it.
    expect((await sigmax(['why', created.id])).stdout).toBe(why.stdout);
    const markdown = JSON.parse((await sigmax(['why', analysis.id, '--json'])).stdout) as string;
    expect(markdown.trimEnd()).toBe(why.stdout.trimEnd());

    const missing = await sigmax(['why', 'ana_01JD2ZB9M4ZQ5V5T4W8K6C2N3P']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^sigmax: 404 not_found: /);
  });

  it('refuses bad command lines with exit code 2, before sending anything', async () => {
    for (const args of [
      ['proposals', 'create'],
      ['proposals', 'create', '--symbol', 'BTC/USDT', '--analysis', 'ana_1'],
      ['proposals', 'create', '--symbol', 'BTC/USDT', '--ttl', '5'],
      ['proposals', 'list', '--status', 'open'],
      ['proposals', 'get'],
      ['proposals', 'approve'],
      ['proposals', 'frobnicate'],
      ['why'],
    ]) {
      const r = await sigmax(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^sigmax: /);
    }
    const list = await json<Proposal[]>(['proposals', 'list']);
    expect(list).toHaveLength(2);
  });
});
