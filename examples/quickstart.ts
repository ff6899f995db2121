/**
 * Quickstart: connect, check the server, make a read-only key for a dashboard, list keys.
 *
 *   SIGMAX_URL=http://localhost:8080 SIGMAX_API_KEY=sk_sigmax_… pnpm --dir examples exec tsx quickstart.ts
 */
import { AuthenticationError, type ClientOptions, Sigmax } from '@sigmax/sdk';

export async function quickstart(options: ClientOptions = {}): Promise<{ readOnlyKeyId: string }> {
  // With no options the client reads SIGMAX_URL and SIGMAX_API_KEY from the environment.
  const sigmax = new Sigmax(options);
  const health = await sigmax.health();
  console.log(`server ${health.version} is ${health.status}, database ${health.database}`);

  const status = await sigmax.status();
  console.log(
    `trading mode ${status.tradingMode}, your key: ${status.apiKey.name} [${status.apiKey.scopes}]`,
  );

  const dashboard = await sigmax.apiKeys.create({ name: 'dashboard', scopes: ['read'] });
  console.log(`created ${dashboard.id}; its secret is shown once: ${dashboard.prefix}…`);

  for await (const key of sigmax.apiKeys.list()) {
    console.log(`  ${key.prefix}…  ${key.name}  [${key.scopes}]`);
  }

  try {
    await new Sigmax({ ...options, apiKey: 'sk_sigmax_not_a_key' }).status();
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    console.log(`a wrong key gets ${error.status} ${error.code} (request ${error.requestId})`);
  }
  return { readOnlyKeyId: dashboard.id };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await quickstart();
}
