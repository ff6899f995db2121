import { type AuditEntry, type Sigmax, SigmaxError } from '@sigmax/sdk';
import { count, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';

/** `sigmax audit [--action A] [--limit N]`: the audit log, newest first. */
export async function auditList(
  sigmax: Sigmax,
  out: Output,
  flags: { action?: string | undefined; limit?: string | undefined },
): Promise<void> {
  const limit = count(flags.limit, '--limit', 50, 10_000);
  const entries: AuditEntry[] = await take(
    sigmax.audit.list({
      ...(flags.action ? { action: flags.action } : {}),
      limit: Math.min(limit, 500),
    }),
    limit,
  );
  out.print(entries, () =>
    formatTable(
      ['SEQ', 'TIME', 'ACTOR', 'ACTION', 'TARGET'],
      entries.map((e) => [
        e.seq,
        e.time,
        e.actor.kind === 'system' ? 'system' : e.actor.apiKeyId,
        e.action,
        e.target,
      ]),
    ),
  );
}

/** `sigmax audit verify`: checks the hash chain; exits 1 when it is broken. */
export async function auditVerify(sigmax: Sigmax, out: Output): Promise<void> {
  const check = await sigmax.audit.verify();
  out.print(check, () =>
    formatFields([
      ['valid', check.valid ? 'yes' : 'NO'],
      ['entries', check.entries],
      ['head hash', check.headHash],
      ['first invalid', check.firstInvalidSeq],
      ['problem', check.problem],
    ]),
  );
  if (!check.valid) {
    throw new SigmaxError(`the audit log is broken at entry ${check.firstInvalidSeq}: ${check.problem}`);
  }
}
