import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the URL once the server prints it. */
  ready: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs the real server entry point (as `pnpm start` does) in a child process. */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=8',
      '--wasm-num-compilation-tasks=1',
      '--import',
      'tsx',
      '--conditions=@sigmax/source',
      'src/bin/start.ts',
    ],
    {
      cwd: serverRoot,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  let resolveReady: (url: string) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before it was ready:\n${text}`)),
    );
  });
  ready.catch(() => {});
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    const match = /is running at (http:\/\/\S+)/.exec(text);
    if (match?.[1]) resolveReady(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => text, ready, exited };
}
