import { readFile } from 'node:fs/promises';
import type { SafetyLimits, SafetyLimitsUpdate, SafetyStatus, Sigmax } from '@sigmax/sdk';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';

export interface SafetyFlags {
  set?: string[] | undefined;
  file?: string | undefined;
}

const SECTIONS = ['risk', 'safety', 'compliance'] as const;
type Section = (typeof SECTIONS)[number];

/** The state and why, as `key: value` lines. */
export function safetyFields(s: SafetyStatus): string {
  return formatFields([
    ['state', s.state],
    ['reason', s.reason],
    ['since', s.since],
    ['paused until', s.pausedUntil],
    ['guard until', s.guardUntil ? `${s.guardUntil} (resuming before then needs --force)` : null],
  ]);
}

/** `sigmax safety`: the state, the triggers table, the symbol locks and the protective exits. */
export async function safety(sigmax: Sigmax, out: Output) {
  const status = await sigmax.safety.get();
  out.print(status, () => {
    const triggers = formatTable(
      ['TRIGGER', 'ENABLED', 'ACTION', 'TRIPPED', 'VALUE', 'THRESHOLD'],
      status.triggers.map((t) => [
        t.name,
        t.enabled ? 'yes' : 'no',
        t.action,
        t.tripped ? 'yes' : 'no',
        t.value,
        t.threshold,
      ]),
    );
    const locks =
      status.locks.length === 0
        ? 'locks: none'
        : formatTable(
            ['LOCKED SYMBOL', 'PROTECTION', 'UNTIL', 'REASON'],
            status.locks.map((l) => [l.symbol, l.protection, l.until, l.reason]),
          );
    // Older servers send no exits.
    const exitList = status.exits ?? [];
    const exits =
      exitList.length === 0
        ? 'protective exits: none'
        : formatTable(
            ['EXIT SYMBOL', 'ENTRY', 'STOP-LOSS', 'TAKE-PROFIT', 'SINCE'],
            exitList.map((e) => [e.symbol, e.entryPrice, e.stopLoss, e.takeProfit, e.since]),
          );
    return `${safetyFields(status)}\n\n${triggers}\n\n${locks}\n\n${exits}`;
  });
}

const LIMITS_USAGE =
  'sigmax safety limits [--set <section.path>=<value>]... | [--file <limits.json>] (sections: risk, safety, compliance)';

/**
 * `sigmax safety limits`: without options, prints the limits in force. `--set risk.maxLeverage=2`
 * changes one value (repeat for several): the current section is read, the values set in it, and the
 * sections touched sent whole, since the server replaces each section it is given. `--file` sends
 * a JSON file `{ "risk": …, "safety": …, "compliance": … }` as it is.
 */
export async function safetyLimits(sigmax: Sigmax, out: Output, flags: SafetyFlags) {
  const sets = flags.set ?? [];
  if (sets.length > 0 && flags.file !== undefined) {
    throw new UsageError(`give --set or --file, not both; usage: ${LIMITS_USAGE}`);
  }
  let update: SafetyLimitsUpdate | undefined;
  if (flags.file !== undefined) {
    update = await readLimitsFile(flags.file);
  } else if (sets.length > 0) {
    const assignments = sets.map(parseAssignment);
    const { limits } = await sigmax.safety.get();
    update = applyAssignments(limits, assignments);
  }
  const status = update === undefined ? await sigmax.safety.get() : await sigmax.safety.updateLimits(update);
  out.print(update === undefined ? status.limits : status, () =>
    formatTable(['LIMIT', 'VALUE'], flatten(status.limits)),
  );
}

interface Assignment {
  section: Section;
  keys: string[];
  raw: string;
  text: string;
}

function parseAssignment(text: string): Assignment {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const [section, ...keys] = path.split('.');
  if (eq < 0 || !SECTIONS.includes(section as Section) || keys.length === 0 || keys.some((k) => k === '')) {
    throw new UsageError(
      `--set takes <section.path>=<value> with section risk, safety or compliance, e.g. risk.maxLeverage=2; got '${text}'`,
    );
  }
  return { section: section as Section, keys, raw: text.slice(eq + 1).trim(), text };
}

// Fields of the limits that are numbers, booleans or lists in the spec (all other values are
// strings: decimals, profiles, actions), for values that are not set yet and so have no type to follow.
const NUMBER_FIELDS = new Set([
  'maxOrdersPerMinute',
  'threshold',
  'floor',
  'guardMinutes',
  'lookbackMinutes',
  'lockMinutes',
  'minutes',
  'count',
  'windowMinutes',
  'minTrades',
]);
const BOOLEAN_FIELDS = new Set(['enabled']);
const LIST_FIELDS = new Set(['allowList', 'denyList']);

/** The sections touched, read from `limits` and with each assignment made in them. */
function applyAssignments(limits: SafetyLimits, assignments: Assignment[]): SafetyLimitsUpdate {
  const update: Record<string, Record<string, unknown>> = {};
  for (const a of assignments) {
    update[a.section] ??= structuredClone(limits[a.section]) as Record<string, unknown>;
    let node: Record<string, unknown> = update[a.section] as Record<string, unknown>;
    for (const key of a.keys.slice(0, -1)) {
      const next = node[key];
      if (next === undefined || next === null) node[key] = {};
      else if (typeof next !== 'object' || Array.isArray(next)) {
        throw new UsageError(`--set ${a.text}: ${key} is a value, not a group of settings`);
      }
      node = node[key] as Record<string, unknown>;
    }
    const leaf = a.keys.at(-1) as string;
    node[leaf] = typed(a, leaf, node[leaf]);
  }
  return update as SafetyLimitsUpdate;
}

/** The value of an assignment typed as the current value is, or as the spec has the field. */
function typed(a: Assignment, leaf: string, current: unknown): unknown {
  const kind =
    current === undefined || current === null
      ? NUMBER_FIELDS.has(leaf)
        ? 'number'
        : BOOLEAN_FIELDS.has(leaf)
          ? 'boolean'
          : LIST_FIELDS.has(leaf)
            ? 'list'
            : 'string'
      : Array.isArray(current)
        ? 'list'
        : typeof current;
  switch (kind) {
    case 'number': {
      const n = Number(a.raw);
      if (a.raw === '' || !Number.isFinite(n))
        throw new UsageError(`--set ${a.text}: ${leaf} takes a number`);
      return n;
    }
    case 'boolean':
      if (a.raw !== 'true' && a.raw !== 'false') {
        throw new UsageError(`--set ${a.text}: ${leaf} takes true or false`);
      }
      return a.raw === 'true';
    case 'list':
      return a.raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    case 'string':
      return a.raw;
    default:
      throw new UsageError(`--set ${a.text}: ${leaf} is a group of settings; set one of its values`);
  }
}

async function readLimitsFile(file: string): Promise<SafetyLimitsUpdate> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${file} must hold a JSON object with risk, safety and/or compliance`);
  }
  return value as SafetyLimitsUpdate;
}

/** `[path, value]` rows of every value set in the limits, e.g. `['risk.maxLeverage', '1']`. */
function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const rows = Object.entries(value).flatMap(([key, child]) =>
      flatten(child, prefix ? `${prefix}.${key}` : key),
    );
    // A section or group with nothing set takes the server's defaults (see docs/safety.md).
    return rows.length > 0 || !prefix ? rows : [[prefix, '(defaults)']];
  }
  return [[prefix, Array.isArray(value) ? value.join(',') || '(none)' : String(value)]];
}
