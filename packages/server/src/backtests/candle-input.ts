import type { Candle } from '@sigmax/engine';
import { ApiError, type FieldError, invalidFields } from '../problem';

/**
 * Candles a user sends for a backtest, inline as JSON rows or as a CSV upload, checked cell by cell.
 * Every problem names its place (`body.data.candles[12][2]`, `<field> line 14 column high`); a request
 * with problems fails as a whole with 422 validation_failed listing the first {@link MAX_LISTED_PROBLEMS}.
 */

/** The most candles one request may carry. */
export const MAX_USER_CANDLES = 200_000;

/** How many problems a 422 lists; the detail says how many more there were. */
const MAX_LISTED_PROBLEMS = 20;

/** Column order of a JSON row, and the canonical CSV column names used in error paths. */
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const ROW_SHAPE = '[time, open, high, low, close, volume]';
const JSON_INDEXES: readonly number[] = [0, 1, 2, 3, 4, 5];

/** Header names a CSV may give its time column (compared lower-cased, spaces and dashes as `_`). */
const TIME_NAMES = new Set(['time', 'timestamp', 'date', 'datetime', 'open_time']);

/**
 * Numeric times are milliseconds since 1970-01-01 UTC and must lie in [1973-03-03, 5138-11-16): below
 * that range a value is almost surely Unix seconds, above it micro- or nanoseconds. Nothing is
 * converted: the message says what the value looks like instead.
 */
const MIN_MS = 1e11;
const MAX_MS = 1e14;
const TIME_HELP =
  'use milliseconds since 1970-01-01 UTC, an ISO 8601 date-time with a timezone (2024-01-31T00:00:00Z) or a date (2024-01-31, taken as UTC)';

/** Rows of `[time, open, high, low, close, volume]`; `field` is the JSON path used in error messages, e.g. 'body.data.candles'. */
export function parseCandleRows(rows: unknown, field: string): Candle[] {
  if (!Array.isArray(rows)) {
    fail(field, `must be an array of ${ROW_SHAPE} rows, got ${describe(rows)}`);
  }
  checkCount(field, rows.length);
  const problems = new Problems();
  const locate: Locator = {
    cell: (row, col) => `${field}[${row}][${col}]`,
    row: (row) => `${field}[${row}]`,
  };
  const order: OrderState = { time: Number.NaN, row: -1 };
  const candles: Candle[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      problems.add(locate.row(i), `must be an array ${ROW_SHAPE}, got ${describe(row)}`);
      continue;
    }
    if (row.length !== 6) {
      problems.add(
        locate.row(i),
        `has ${row.length} value${row.length === 1 ? '' : 's'}; a row is ${ROW_SHAPE}`,
      );
      continue;
    }
    const candle = readCandle(problems, locate, i, row, JSON_INDEXES, order);
    if (candle) candles.push(candle);
  }
  problems.throwIfAny(field);
  return candles;
}

/** CSV text: a header line naming the columns (case-insensitive; time column may be called time, timestamp, date, datetime or open_time; volume optional → 0), comma or semicolon separated, optional quotes, CRLF or LF, blank trailing lines ignored. */
export function parseCandleCsv(text: string, field: string): Candle[] {
  if (typeof text !== 'string') fail(field, `must be CSV text, got ${describe(text)}`);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1] as string)) end--;
  if (end === 0) {
    fail(field, 'is empty: expected a header line (time,open,high,low,close,volume) and at least 2 candles');
  }

  const headerLine = stripCr(lines[0] as string);
  const delimiter = pickDelimiter(headerLine);
  const header = splitLine(headerLine, delimiter);
  const headerPath = `${field} line 1`;
  if (typeof header === 'string') fail(headerPath, header);
  const indexes = [-1, -1, -1, -1, -1, -1];
  for (let i = 0; i < header.length; i++) {
    const name = (header[i] as string)
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const col = TIME_NAMES.has(name) ? 0 : COLUMNS.indexOf(name as (typeof COLUMNS)[number]);
    if (col < 0) continue; // other columns (open interest, close time, trade count, ...) are ignored
    if (indexes[col] !== -1) {
      fail(
        headerPath,
        `names the ${COLUMNS[col]} column twice (columns ${(indexes[col] as number) + 1} and ${i + 1})`,
      );
    }
    indexes[col] = i;
  }
  const first = (header[0] ?? '').trim();
  if (
    indexes.every((index) => index === -1) &&
    first !== '' &&
    (!Number.isNaN(decimal(first)) || typeof parseTime(first) === 'number')
  ) {
    fail(
      headerPath,
      'must be a header naming the columns, e.g. time,open,high,low,close,volume; it looks like data',
    );
  }
  const missing: string[] = [];
  if (indexes[0] === -1) missing.push('time (or timestamp, date, datetime, open_time)');
  for (let col = 1; col < 5; col++) if (indexes[col] === -1) missing.push(COLUMNS[col] as string);
  if (missing.length > 0) {
    const found = header.map((name) => JSON.stringify(name.trim())).join(', ');
    fail(
      headerPath,
      `has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'} (found ${found})`,
    );
  }

  checkCount(field, end - 1);
  const problems = new Problems();
  const locate: Locator = {
    cell: (line, col) => `${field} line ${line} column ${COLUMNS[col]}`,
    row: (line) => `line ${line}`,
  };
  const order: OrderState = { time: Number.NaN, row: -1 };
  const candles: Candle[] = [];
  for (let i = 1; i < end; i++) {
    const lineNumber = i + 1;
    const line = stripCr(lines[i] as string);
    if (isBlank(line)) {
      problems.add(`${field} line ${lineNumber}`, 'is blank; only blank lines at the end are ignored');
      continue;
    }
    const cells = line.indexOf('"') === -1 ? line.split(delimiter) : splitLine(line, delimiter);
    if (typeof cells === 'string') {
      problems.add(`${field} line ${lineNumber}`, cells);
      continue;
    }
    if (cells.length !== header.length) {
      problems.add(
        `${field} line ${lineNumber}`,
        `has ${cells.length} column${cells.length === 1 ? '' : 's'}, the header (line 1) has ${header.length}`,
      );
      continue;
    }
    const candle = readCandle(problems, locate, lineNumber, cells, indexes, order, delimiter);
    if (candle) candles.push(candle);
  }
  problems.throwIfAny(field);
  return candles;
}

// ---------------------------------------------------------------------------------------------------------

/** Names places in the input: `cell(row, col)` is an error path, `row(row)` names a row in a message. */
interface Locator {
  cell(row: number, col: number): string;
  row(row: number): string;
}

/** The last row with a valid time, to check that times increase. */
interface OrderState {
  time: number;
  row: number;
}

class Problems {
  readonly listed: FieldError[] = [];
  count = 0;

  add(path: string, message: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push({ path, message });
  }

  throwIfAny(field: string): void {
    if (this.count === 0) return;
    const more = this.count - this.listed.length;
    const head = this.count === 1 ? `1 problem with ${field}` : `${this.count} problems with ${field}`;
    const listed = this.listed.map((e) => `${e.path}: ${e.message}`).join('; ');
    const tail = more > 0 ? `; and ${more} more not listed (only the first ${MAX_LISTED_PROBLEMS} are)` : '';
    throw new ApiError(422, 'validation_failed', `${head}: ${listed}${tail}`, { errors: this.listed });
  }
}

function fail(path: string, message: string): never {
  throw invalidFields([{ path, message }]);
}

function checkCount(field: string, count: number): void {
  if (count < 2) fail(field, `has ${count} candle${count === 1 ? '' : 's'}; a backtest needs at least 2`);
  if (count > MAX_USER_CANDLES) {
    fail(field, `has ${count} candles; at most ${MAX_USER_CANDLES} are accepted`);
  }
}

/**
 * Reads one row. `values[indexes[col]]` is the cell of column `col` (index -1: no such column, volume 0).
 * Returns the candle, or undefined after adding the row's problems.
 */
function readCandle(
  problems: Problems,
  locate: Locator,
  row: number,
  values: ArrayLike<unknown>,
  indexes: readonly number[],
  order: OrderState,
  delimiter?: string,
): Candle | undefined {
  const before = problems.count;
  const time = parseTime(values[indexes[0] as number]);
  if (typeof time === 'string') problems.add(locate.cell(row, 0), time);
  const prices = [0, 0, 0, 0];
  for (let col = 1; col < 5; col++) {
    const value = parseAmount(values[indexes[col] as number], COLUMNS[col] as string, true, delimiter);
    if (typeof value === 'string') problems.add(locate.cell(row, col), value);
    else prices[col - 1] = value;
  }
  const volumeIndex = indexes[5] as number;
  let volume = 0;
  if (volumeIndex !== -1) {
    const value = parseAmount(values[volumeIndex], 'volume', false, delimiter);
    if (typeof value === 'string') problems.add(locate.cell(row, 5), value);
    else volume = value;
  }

  if (typeof time === 'number') {
    if (order.row !== -1 && time <= order.time) {
      const previous = `${locate.row(order.row)} (${iso(order.time)})`;
      problems.add(
        locate.cell(row, 0),
        time === order.time
          ? `duplicate time ${iso(time)}: ${previous} has the same time`
          : `out of order: ${iso(time)} is before ${previous}; candles must be oldest first with increasing times`,
      );
    }
    order.time = time;
    order.row = row;
  }
  if (problems.count !== before) return undefined;

  const [open, high, low, close] = prices as [number, number, number, number];
  if (high < low) {
    problems.add(locate.cell(row, 2), `high ${high} is below low ${low}`);
  } else {
    if (high < open || high < close) {
      const [name, value] = open >= close ? ['open', open] : ['close', close];
      problems.add(locate.cell(row, 2), `high ${high} is below ${name} ${value}`);
    }
    if (low > open || low > close) {
      const [name, value] = open <= close ? ['open', open] : ['close', close];
      problems.add(locate.cell(row, 3), `low ${low} is above ${name} ${value}`);
    }
  }
  if (problems.count !== before) return undefined;
  return { time: time as number, open, high, low, close, volume };
}

/** A time in ms UTC, or the message saying what is wrong with it. */
function parseTime(value: unknown): number | string {
  if (typeof value === 'number') return checkMs(value);
  if (typeof value !== 'string') {
    return `must be a number or a string: ${TIME_HELP}; got ${describe(value)}`;
  }
  const s = trim(value);
  if (s === '') return `is empty: ${TIME_HELP}`;
  if (s.length >= 10 && s.charCodeAt(4) === 45 /* - */) return parseIsoTime(s);
  const ms = decimal(s);
  if (Number.isNaN(ms)) return `${quote(s)} is not a time: ${TIME_HELP}`;
  return checkMs(ms);
}

function checkMs(ms: number): number | string {
  if (ms >= MIN_MS && ms < MAX_MS && Number.isInteger(ms)) return ms;
  if (!Number.isFinite(ms)) return `${ms} is not a time: ${TIME_HELP}`;
  if (!Number.isInteger(ms)) return `must be a whole number of milliseconds, got ${ms}`;
  if (ms < 0) return `${ms} is negative: times are milliseconds since 1970-01-01 UTC`;
  if (ms < MIN_MS) {
    if (ms * 1000 >= MIN_MS) {
      return `${ms} looks like seconds: times are milliseconds since 1970-01-01 UTC (${ms * 1000} would be ${iso(ms * 1000)})`;
    }
    return `${ms} is not a plausible time: times are milliseconds since 1970-01-01 UTC and must be after 1973-03-03`;
  }
  for (const [unit, scale] of [
    ['microseconds', 1e3],
    ['nanoseconds', 1e6],
  ] as const) {
    const converted = Math.floor(ms / scale);
    if (converted < MAX_MS) {
      return `${ms} looks like ${unit}: times are milliseconds since 1970-01-01 UTC (${converted} would be ${iso(converted)})`;
    }
  }
  return `${ms} is too large: times are milliseconds since 1970-01-01 UTC`;
}

/**
 * `YYYY-MM-DD` (UTC midnight) or `YYYY-MM-DD[T ]hh:mm[:ss[.fff]]` with `Z` or `±hh[:mm]`, read by hand:
 * `Date.parse` would take many other forms, some of them as local time.
 */
function parseIsoTime(s: string): number | string {
  const bad = () => `${quote(s)} is not a valid ISO 8601 time: ${TIME_HELP}`;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0 || s.charCodeAt(7) !== 45) return bad();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `${quote(s)} is not a calendar date`;
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offset = 0;
  if (s.length > 10) {
    const sep = s.charCodeAt(10);
    if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return bad();
    hour = digits(s, 11, 2);
    minute = digits(s, 14, 2);
    if (hour < 0 || minute < 0 || s.charCodeAt(13) !== 58 /* : */) return bad();
    let i = 16;
    if (s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      if (second < 0) return bad();
      i += 3;
      const dot = s.charCodeAt(i);
      if (dot === 46 /* . */ || dot === 44 /* , */) {
        let scale = 100;
        i++;
        const start = i;
        for (; i < s.length; i++) {
          const c = s.charCodeAt(i) - 48;
          if (c < 0 || c > 9) break;
          millis += c * scale;
          scale /= 10;
        }
        if (i === start) return bad();
        millis = Math.floor(millis);
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return `${quote(s)} is not a valid time of day`;
    if (i === s.length) {
      return `${quote(s)} has no timezone: add Z for UTC (e.g. ${s}Z) or an offset such as +02:00`;
    }
    const zone = s.charCodeAt(i);
    if ((zone === 90 /* Z */ || zone === 122) && i + 1 === s.length) {
      offset = 0;
    } else if (zone === 43 /* + */ || zone === 45 /* - */) {
      const offsetHours = digits(s, i + 1, 2);
      let offsetMinutes = 0;
      const rest = s.length - (i + 3);
      if (rest === 3 && s.charCodeAt(i + 3) === 58) offsetMinutes = digits(s, i + 4, 2);
      else if (rest === 2) offsetMinutes = digits(s, i + 3, 2);
      else if (rest !== 0) return bad();
      if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) return bad();
      offset = (zone === 43 ? 1 : -1) * (offsetHours * 60 + offsetMinutes) * 60_000;
    } else {
      return bad();
    }
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
  if (year < 1970 || ms < 0) return `${quote(s)} is before 1970-01-01`;
  return ms;
}

/** A price (> 0) or volume (≥ 0) from a number or a decimal string, or the message saying what is wrong. */
function parseAmount(value: unknown, name: string, positive: boolean, delimiter?: string): number | string {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const s = trim(value);
    if (s === '') return `${name} is empty`;
    n = decimal(s);
    if (Number.isNaN(n)) {
      const hint =
        delimiter !== ',' && s.indexOf(',') !== -1 ? ' (use a point as the decimal separator)' : '';
      return `${name} ${quote(s)} is not a number${hint}`;
    }
  } else {
    return `${name} must be a number or a decimal string, got ${describe(value)}`;
  }
  if (!Number.isFinite(n)) return `${name} ${n} is not a finite number`;
  if (positive ? n <= 0 : n < 0)
    return `${name} must be ${positive ? 'greater than 0' : 'at least 0'}, got ${n}`;
  return n;
}

/** A plain decimal (digits, sign, point, exponent) as a number; NaN for anything else (hex, Infinity, ...). */
function decimal(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 0-9 . - + e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) {
      return Number.NaN;
    }
  }
  return Number(s);
}

/** `n` decimal digits at `at` as a number, or -1. */
function digits(s: string, at: number, n: number): number {
  if (at + n > s.length) return -1;
  let out = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    out = out * 10 + c;
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The most frequent of `,`, `;` and tab in the header line (comma on a tie). */
function pickDelimiter(header: string): string {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (c === 44) commas++;
    else if (c === 59) semicolons++;
    else if (c === 9) tabs++;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/**
 * One CSV line into cells, with RFC 4180 quotes (`"a ""b"""`); a quoted value cannot span lines.
 * Returns the message when the quotes do not parse.
 */
function splitLine(line: string, delimiter: string): string[] | string {
  if (line.indexOf('"') === -1) return line.split(delimiter);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (line.charCodeAt(i) === 32) i++;
    let cell: string;
    if (line.charCodeAt(i) === 34 /* " */) {
      cell = '';
      let from = i + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        if (close === -1) return `column ${cells.length + 1} has an opening quote without a closing one`;
        cell += line.slice(from, close);
        if (line.charCodeAt(close + 1) === 34) {
          cell += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      while (line.charCodeAt(i) === 32) i++;
      if (i < line.length && !line.startsWith(delimiter, i)) {
        return `column ${cells.length + 1} has text after its closing quote`;
      }
    } else {
      let next = line.indexOf(delimiter, i);
      if (next === -1) next = line.length;
      cell = line.slice(i, next);
      if (cell.indexOf('"') !== -1) {
        return `column ${cells.length + 1} has a quote inside an unquoted value; quote the whole value`;
      }
      i = next;
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    i += delimiter.length;
  }
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Trims only when needed (most cells have no surrounding whitespace). */
function trim(s: string): string {
  if (s.length === 0) return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first <= 32 || last <= 32 ? s.trim() : s;
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
