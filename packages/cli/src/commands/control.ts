import { createInterface } from 'node:readline/promises';
import type { LoopStatus, Sigmax } from '@sigmax/sdk';
import { oneOf, TIMEFRAMES } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';
import { safetyFields } from './safety';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_PAUSE_SECONDS = 31_536_000;

export interface ControlFlags {
  reason?: string | undefined;
  for?: string | undefined;
  force?: boolean | undefined;
  yes?: boolean | undefined;
  symbols?: string | undefined;
  timeframe?: string | undefined;
}

/** How `panic` asks for confirmation: only when stdin is a terminal. */
export interface ConfirmIo {
  stdinIsTTY?: boolean;
  confirm?: (question: string) => Promise<boolean>;
}

/** Asks a yes/no question on the terminal (the question on stderr, so stdout stays clean). */
export async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `30m`, `2h`, `1d`, `45s` or a number of seconds. */
export function parseDuration(text: string): number {
  const match = /^([0-9]+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] ?? 1) : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_PAUSE_SECONDS)) {
    throw new UsageError(`--for must be a duration such as 90s, 30m, 2h or 1d (at most 365d), got '${text}'`);
  }
  return seconds;
}

const PAUSE_USAGE = 'sigmax pause --reason <text> [--for <duration, e.g. 30m>]';

export async function pause(sigmax: Sigmax, out: Output, flags: ControlFlags) {
  if (!flags.reason?.trim()) throw new UsageError(`a pause needs --reason; usage: ${PAUSE_USAGE}`);
  const durationSeconds = flags.for === undefined ? undefined : parseDuration(flags.for);
  const status = await sigmax.control.pause({
    reason: flags.reason,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  });
  out.print(status, () => safetyFields(status));
}

export async function resume(sigmax: Sigmax, out: Output, flags: ControlFlags) {
  const status = await sigmax.control.resume({
    ...(flags.force ? { force: true } : {}),
    ...(flags.reason === undefined ? {} : { reason: flags.reason }),
  });
  out.print(status, () => safetyFields(status));
}

/**
 * `sigmax panic`: cancels every open order, closes every position at market and halts. Asks first on
 * a terminal; elsewhere it needs `--yes`.
 */
export async function panic(sigmax: Sigmax, out: Output, flags: ControlFlags, io: ConfirmIo) {
  if (!flags.yes) {
    if (!io.stdinIsTTY || !io.confirm) {
      throw new UsageError(
        'panic cancels every open order, closes every position and halts trading: confirm with --yes',
      );
    }
    const confirmed = await io.confirm(
      'Panic: cancel every open order, close every position at market and halt trading? [y/N] ',
    );
    if (!confirmed) throw new UsageError('panic not confirmed; nothing was sent');
  }
  const report = await sigmax.control.panic(flags.reason === undefined ? {} : { reason: flags.reason });
  out.print(report, () => {
    const closing =
      report.closingOrders.length === 0
        ? 'closing orders: none'
        : formatTable(
            ['CLOSING ORDER', 'SYMBOL', 'SIDE', 'QUANTITY', 'FILLED', 'AVG PRICE', 'STATUS'],
            report.closingOrders.map((o) => [
              o.id,
              o.symbol,
              o.side,
              o.quantity,
              o.filledQuantity,
              o.averageFillPrice,
              o.status,
            ]),
          );
    const head = formatFields([
      ['canceled orders', report.canceledOrders.length > 0 ? report.canceledOrders.join(', ') : 'none'],
      ['errors', report.errors.length > 0 ? report.errors.join('; ') : 'none'],
    ]);
    return `${head}\n\n${closing}\n\n${safetyFields(report.safety)}`;
  });
}

function loopFields(l: LoopStatus): string {
  return formatFields([
    ['running', l.running ? 'yes' : 'no'],
    ['leader', l.leader ? 'yes (this server runs the cycles)' : 'no'],
    ['symbols', l.symbols.join(', ')],
    ['timeframe', l.timeframe],
    ['started', l.startedAt],
    ['last cycle', l.lastCycleAt],
    ['cycles', l.cycles],
    ['last error', l.lastError],
  ]);
}

const LOOP_USAGE = 'sigmax loop status|start [--symbols BTC/USDT,ETH/USDT] [--timeframe 4h]|stop';

export async function loop(sigmax: Sigmax, out: Output, sub: string | undefined, flags: ControlFlags) {
  let status: LoopStatus;
  if (sub === undefined || sub === 'status') {
    status = await sigmax.control.loop();
  } else if (sub === 'start') {
    const symbols = flags.symbols
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (symbols !== undefined && symbols.length === 0) {
      throw new UsageError('--symbols takes a comma-separated list, e.g. BTC/USDT,ETH/USDT');
    }
    status = await sigmax.control.start({
      ...(symbols ? { symbols } : {}),
      ...(flags.timeframe ? { timeframe: oneOf(flags.timeframe, TIMEFRAMES, '--timeframe') } : {}),
    });
  } else if (sub === 'stop') {
    status = await sigmax.control.stop();
  } else {
    throw new UsageError(`usage: ${LOOP_USAGE}`);
  }
  out.print(status, () => loopFields(status));
}
