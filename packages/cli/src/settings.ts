import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Settings {
  url: string;
  apiKey?: string;
}

/** Where the config file lives: `SIGMAX_CONFIG_FILE`, else `~/.config/sigmax/config.json`. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return (
    env.SIGMAX_CONFIG_FILE ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'sigmax', 'config.json')
  );
}

/** Flags win over the environment (`SIGMAX_URL`, `SIGMAX_API_KEY`), which wins over the config file. */
export async function resolveSettings(
  flags: { url?: string | undefined; apiKey?: string | undefined },
  env: NodeJS.ProcessEnv,
): Promise<Settings> {
  const file = await readConfigFile(configFilePath(env));
  const url = flags.url ?? env.SIGMAX_URL ?? file.url ?? 'http://localhost:8080';
  const apiKey = flags.apiKey ?? env.SIGMAX_API_KEY ?? file.apiKey;
  return apiKey ? { url, apiKey } : { url };
}

async function readConfigFile(path: string): Promise<{ url?: string; apiKey?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return {
      ...(typeof value.url === 'string' ? { url: value.url } : {}),
      ...(typeof value.apiKey === 'string' ? { apiKey: value.apiKey } : {}),
    };
  } catch {
    throw new UsageError(`config file ${path} is not valid JSON`);
  }
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
