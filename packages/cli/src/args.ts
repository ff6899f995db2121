import type { Timeframe } from '@sigmax/sdk';
import { UsageError } from './settings';

// Checks of command-line values that the server would refuse anyway: caught here, they are usage
// errors (exit 2) with a hint, rather than a round trip and a 422.

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** The candle timeframes the API knows, for `--timeframe`. */
export const TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'];

/** A positional argument that must be there. */
export function required(value: string | undefined, usage: string): string {
  if (!value) throw new UsageError(`usage: ${usage}`);
  return value;
}

/** A price or quantity, kept as the decimal string it was typed as. */
export function decimal(value: string, name: string): string {
  if (!DECIMAL.test(value))
    throw new UsageError(`${name} must be a decimal number such as 0.015, got '${value}'`);
  return value;
}

/** A value from a fixed list, e.g. a side or a timeframe. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T))
    throw new UsageError(`${name} must be ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

/** A positive whole number of at most `max`, e.g. `--limit`. */
export function count(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}, got '${value}'`);
  }
  return n;
}

/** Collects at most `limit` items of an async list, fetching no page more than needed. */
export async function take<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const taken: T[] = [];
  if (limit <= 0) return taken;
  for await (const item of items) {
    taken.push(item);
    if (taken.length >= limit) break;
  }
  return taken;
}
