import type { ApiKey, Scope, Sigmax } from '@sigmax/sdk';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';

const SCOPES: Scope[] = ['read', 'trade', 'admin'];

export async function keysCreate(sigmax: Sigmax, out: Output, name: string | undefined, scopes: string[]) {
  if (!name) throw new UsageError('usage: sigmax keys create <name> --scope read|trade|admin [--scope …]');
  const chosen = scopes.length > 0 ? scopes : ['read'];
  for (const scope of chosen) {
    if (!SCOPES.includes(scope as Scope))
      throw new UsageError(`unknown scope '${scope}' (read, trade or admin)`);
  }
  const created = await sigmax.apiKeys.create({ name, scopes: chosen as Scope[] });
  out.print(created, () =>
    [
      formatFields([
        ['id', created.id],
        ['name', created.name],
        ['scopes', created.scopes.join(', ')],
      ]),
      '',
      'The secret is shown this once; store it now:',
      '',
      `  ${created.key}`,
    ].join('\n'),
  );
}

export async function keysList(sigmax: Sigmax, out: Output, includeRevoked: boolean) {
  const keys: ApiKey[] = [];
  for await (const key of sigmax.apiKeys.list({ includeRevoked, limit: 500 })) keys.push(key);
  out.print(keys, () =>
    formatTable(
      ['ID', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'],
      keys.map((k) => [k.id, k.name, k.prefix, k.scopes.join(','), k.createdAt, k.lastUsedAt, k.revokedAt]),
    ),
  );
}

export async function keysRevoke(sigmax: Sigmax, out: Output, id: string | undefined) {
  if (!id) throw new UsageError('usage: sigmax keys revoke <id>');
  const revoked = await sigmax.apiKeys.revoke(id);
  out.print(revoked, () => `revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}`);
}
