import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

export const distFiles = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'].map((file) =>
  join(packageDir, 'dist', file),
);

/** pnpm itself when a pnpm script started us (it sets npm_execpath), else whatever `pnpm` is on PATH. */
export function runPnpm(args: string[], cwd = packageDir): string {
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['pnpm', args];
  return execFileSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
}

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/** Builds dist/ with tsup when it is missing or older than a source file or the build config. */
export function ensureBuilt(): void {
  const built = distFiles.map((file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  const sources = Math.max(
    newestMtime(join(packageDir, 'src')),
    statSync(join(packageDir, 'tsup.config.ts')).mtimeMs,
  );
  if (Math.min(...built) > sources) return;
  runPnpm(['run', 'build']);
}
