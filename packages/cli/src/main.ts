import { parseArgs } from 'node:util';
import { APIError, Sigmax, SigmaxError } from '@sigmax/sdk';
import { keysCreate, keysList, keysRevoke } from './commands/keys';
import { health, status } from './commands/system';
import { createOutput } from './output';
import { resolveSettings, UsageError } from './settings';

export const HELP = `sigmax: drive a SIGMAX trading server from the terminal

Usage: sigmax <command> [options]

Commands:
  health                          Is the server up? (no key needed)
  status                          Server status as seen by your key
  keys create <name> --scope S    Create an API key (admin); repeat --scope for several
  keys list [--all]               List API keys (admin); --all includes revoked ones
  keys revoke <id>                Revoke an API key (admin)

Options:
  --url <url>        Server URL        (env SIGMAX_URL, default http://localhost:8080)
  --api-key <key>    API key           (env SIGMAX_API_KEY)
  --json             Print JSON instead of tables
  -h, --help         Show this help

Settings are read from flags, then the environment, then the config file
(SIGMAX_CONFIG_FILE, default ~/.config/sigmax/config.json: {"url": "...", "apiKey": "..."}).

Exit codes: 0 ok, 1 API or connection error, 2 usage error.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** Runs one command line and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        scope: { type: 'string', multiple: true, default: [] },
        all: { type: 'boolean', default: false },
      },
    });
    const [command, sub, arg] = positionals;
    if (values.help || !command) {
      io.stdout(`${HELP}\n`);
      return values.help ? 0 : 2;
    }
    const settings = await resolveSettings({ url: values.url, apiKey: values['api-key'] }, io.env);
    const sigmax = new Sigmax({
      baseUrl: settings.url,
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    });
    const out = createOutput(values.json, io.stdout);
    switch (command) {
      case 'health':
        await health(sigmax, out);
        break;
      case 'status':
        await status(sigmax, out);
        break;
      case 'keys':
        if (sub === 'create') await keysCreate(sigmax, out, arg, values.scope);
        else if (sub === 'list') await keysList(sigmax, out, values.all);
        else if (sub === 'revoke') await keysRevoke(sigmax, out, arg);
        else throw new UsageError('usage: sigmax keys create|list|revoke');
        break;
      default:
        throw new UsageError(`unknown command '${command}' (see sigmax --help)`);
    }
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    io.stderr(`sigmax: ${(error as Error).message}\n`);
    return 2;
  }
  if (error instanceof APIError) {
    const detail = error.problem?.detail ?? error.message;
    io.stderr(`sigmax: ${error.status} ${error.code ?? ''}: ${detail} (request ${error.requestId ?? '-'})\n`);
    return 1;
  }
  if (error instanceof SigmaxError) {
    io.stderr(`sigmax: ${error.message}\n`);
    return 1;
  }
  throw error;
}
