import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Candle } from '@sigmax/engine';
import { describe, expect, it } from 'vitest';
import { loadDailyCandles } from '../../engine/test/fixtures/backtests/load';
import { readCandleFile, SHIPPED_CANDLE_DIR } from '../src/adapters/market';
import { MAX_USER_CANDLES, parseCandleCsv, parseCandleRows } from '../src/backtests/candle-input';
import { ApiError, type FieldError } from '../src/problem';

const FIELD = 'body.data.candles';
const CSV = 'body.data.csv';
const T0 = Date.parse('2024-01-01T00:00:00Z');
const H4 = 4 * 3_600_000;

/** The 422 a parse throws: its listed errors and detail. */
function rejection(parse: () => unknown): { errors: FieldError[]; detail: string } {
  let caught: unknown;
  try {
    parse();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApiError);
  const error = caught as ApiError;
  expect(error).toMatchObject({ httpStatus: 422, code: 'validation_failed' });
  return { errors: error.extra.errors ?? [], detail: error.detail ?? '' };
}

const rowsError = (rows: unknown) => rejection(() => parseCandleRows(rows, FIELD));
const csvError = (text: string) => rejection(() => parseCandleCsv(text, CSV));

const candle = (
  time: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume = 0,
): Candle => ({
  time,
  open,
  high,
  low,
  close,
  volume,
});

/** `count` valid rows, 4h apart from 2024-01-01. */
function rows(count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => [T0 + i * H4, 100 + i, 102 + i, 99 + i, 101 + i, 10]);
}

describe('candles sent as JSON rows', () => {
  it('reads numbers, decimal strings, ms times, ISO times with a zone and plain dates', () => {
    const candles = parseCandleRows(
      [
        [T0, 100, 110, 90, 105, 12.5],
        ['2024-01-01T04:00:00Z', '105', '106.5', '104', '105.25', '0'],
        ['2024-01-01T10:00:00.250+02:00', 105.25, 108, 105, 107, 3],
        ['2024-01-02', 107, 107, 107, 107, 0],
        [String(T0 + 2 * 86_400_000), '1e2', '1.1E2', '9e1', '100.0', '+5'],
      ],
      FIELD,
    );
    expect(candles).toEqual([
      candle(T0, 100, 110, 90, 105, 12.5),
      candle(T0 + H4, 105, 106.5, 104, 105.25, 0),
      candle(Date.parse('2024-01-01T08:00:00.250Z'), 105.25, 108, 105, 107, 3),
      candle(Date.parse('2024-01-02T00:00:00Z'), 107, 107, 107, 107, 0),
      candle(T0 + 2 * 86_400_000, 100, 110, 90, 100, 5),
    ]);
  });

  it('rejects what is not a list of rows, and fewer than 2 or more than the maximum', () => {
    expect(rowsError({ candles: [] }).errors).toEqual([
      {
        path: FIELD,
        message: expect.stringContaining('must be an array of [time, open, high, low, close, volume]'),
      },
    ]);
    expect(rowsError(rows(1)).errors).toEqual([
      { path: FIELD, message: 'has 1 candle; a backtest needs at least 2' },
    ]);
    expect(rowsError([]).errors[0]?.message).toBe('has 0 candles; a backtest needs at least 2');
    const tooMany = new Array(MAX_USER_CANDLES + 1).fill([T0, 1, 1, 1, 1, 1]);
    expect(rowsError(tooMany).errors).toEqual([
      {
        path: FIELD,
        message: `has ${MAX_USER_CANDLES + 1} candles; at most ${MAX_USER_CANDLES} are accepted`,
      },
    ]);
  });

  it('names the row of a row that is not 6 values', () => {
    const input = rows(4);
    input[1] = [T0 + H4, 1, 2, 0.5, 1];
    input[2] = { time: T0 } as unknown as unknown[];
    input[3] = [...(input[3] as unknown[]), 7];
    expect(rowsError(input).errors).toEqual([
      { path: `${FIELD}[1]`, message: 'has 5 values; a row is [time, open, high, low, close, volume]' },
      {
        path: `${FIELD}[2]`,
        message: 'must be an array [time, open, high, low, close, volume], got an object',
      },
      { path: `${FIELD}[3]`, message: 'has 7 values; a row is [time, open, high, low, close, volume]' },
    ]);
  });

  it('names the cell of each bad value', () => {
    const input = rows(8);
    (input[1] as unknown[])[1] = 'abc';
    (input[2] as unknown[])[2] = null;
    (input[3] as unknown[])[3] = 0;
    (input[4] as unknown[])[4] = -1;
    (input[5] as unknown[])[5] = -0.5;
    (input[6] as unknown[])[1] = Number.POSITIVE_INFINITY;
    (input[7] as unknown[])[5] = '0x10';
    expect(rowsError(input).errors).toEqual([
      { path: `${FIELD}[1][1]`, message: 'open "abc" is not a number' },
      { path: `${FIELD}[2][2]`, message: 'high must be a number or a decimal string, got null' },
      { path: `${FIELD}[3][3]`, message: 'low must be greater than 0, got 0' },
      { path: `${FIELD}[4][4]`, message: 'close must be greater than 0, got -1' },
      { path: `${FIELD}[5][5]`, message: 'volume must be at least 0, got -0.5' },
      { path: `${FIELD}[6][1]`, message: 'open Infinity is not a finite number' },
      { path: `${FIELD}[7][5]`, message: 'volume "0x10" is not a number' },
    ]);
  });

  it('takes times in milliseconds only, and says when one looks like seconds', () => {
    const seconds = rowsError([
      [1_704_067_200, 1, 1, 1, 1, 0],
      [1_704_081_600, 1, 1, 1, 1, 0],
    ]);
    expect(seconds.errors).toHaveLength(2);
    expect(seconds.errors[0]).toEqual({
      path: `${FIELD}[0][0]`,
      message:
        '1704067200 looks like seconds: times are milliseconds since 1970-01-01 UTC (1704067200000 would be 2024-01-01T00:00:00.000Z)',
    });
    const input = rows(9);
    (input[0] as unknown[])[0] = T0 * 1000;
    (input[1] as unknown[])[0] = T0 + 0.5;
    (input[2] as unknown[])[0] = '2024-01-01T12:00:00';
    (input[3] as unknown[])[0] = '2024-02-30';
    (input[4] as unknown[])[0] = '01/02/2024';
    (input[5] as unknown[])[0] = true;
    (input[6] as unknown[])[0] = '2024-01-02T25:00:00Z';
    (input[7] as unknown[])[0] = -5;
    (input[8] as unknown[])[0] = '';
    const { errors } = rowsError(input);
    expect(errors.map((e) => e.path)).toEqual(Array.from({ length: 9 }, (_, i) => `${FIELD}[${i}][0]`));
    expect(errors[0]?.message).toContain('looks like microseconds');
    expect(errors[1]?.message).toBe(`must be a whole number of milliseconds, got ${T0 + 0.5}`);
    expect(errors[2]?.message).toBe(
      '"2024-01-01T12:00:00" has no timezone: add Z for UTC (e.g. 2024-01-01T12:00:00Z) or an offset such as +02:00',
    );
    expect(errors[3]?.message).toBe('"2024-02-30" is not a calendar date');
    expect(errors[4]?.message).toContain('"01/02/2024" is not a time: use milliseconds since 1970-01-01 UTC');
    expect(errors[5]?.message).toContain('must be a number or a string');
    expect(errors[6]?.message).toBe('"2024-01-02T25:00:00Z" is not a valid time of day');
    expect(errors[7]?.message).toContain('is negative');
    expect(errors[8]?.message).toContain('is empty');
  });

  it('tells a duplicate time from one out of order, naming both rows', () => {
    const input = rows(5);
    (input[2] as unknown[])[0] = T0 + H4; // same as row 1
    (input[4] as unknown[])[0] = T0; // before row 3
    expect(rowsError(input).errors).toEqual([
      {
        path: `${FIELD}[2][0]`,
        message: `duplicate time 2024-01-01T04:00:00.000Z: ${FIELD}[1] (2024-01-01T04:00:00.000Z) has the same time`,
      },
      {
        path: `${FIELD}[4][0]`,
        message: `out of order: 2024-01-01T00:00:00.000Z is before ${FIELD}[3] (2024-01-01T12:00:00.000Z); candles must be oldest first with increasing times`,
      },
    ]);
  });

  it('checks that high and low contain open and close', () => {
    const input = rows(4);
    input[1] = [T0 + H4, 100, 99, 98, 98.5, 1]; // high below open
    input[2] = [T0 + 2 * H4, 100, 102, 100.5, 101, 1]; // low above open
    input[3] = [T0 + 3 * H4, 100, 95, 105, 100, 1]; // high below low
    expect(rowsError(input).errors).toEqual([
      { path: `${FIELD}[1][2]`, message: 'high 99 is below open 100' },
      { path: `${FIELD}[2][3]`, message: 'low 100.5 is above open 100' },
      { path: `${FIELD}[3][2]`, message: 'high 95 is below low 105' },
    ]);
  });

  it('lists the first 20 problems and says how many more there are', () => {
    const input = rows(50);
    for (const row of input) row[1] = 'x';
    const { errors, detail } = rowsError(input);
    expect(errors).toHaveLength(20);
    expect(errors[19]?.path).toBe(`${FIELD}[19][1]`);
    expect(detail).toMatch(/^50 problems with body\.data\.candles: body\.data\.candles\[0\]\[1\]: open "x"/);
    expect(detail).toContain('; and 30 more not listed (only the first 20 are)');
  });

  it(`reads ${MAX_USER_CANDLES.toLocaleString('en')} rows`, () => {
    const input = rows(MAX_USER_CANDLES);
    const candles = parseCandleRows(input, FIELD);
    expect(candles).toHaveLength(MAX_USER_CANDLES);
    expect(candles.at(-1)).toEqual(
      candle(
        T0 + (MAX_USER_CANDLES - 1) * H4,
        100 + MAX_USER_CANDLES - 1,
        102 + MAX_USER_CANDLES - 1,
        98 + MAX_USER_CANDLES,
        100 + MAX_USER_CANDLES,
        10,
      ),
    );
  });
});

describe('candles uploaded as CSV', () => {
  const expected = [candle(T0, 100, 110, 90, 105, 12.5), candle(T0 + H4, 105, 106.5, 104, 105.25, 0)];

  it.each([
    [
      'plain',
      `time,open,high,low,close,volume\n${T0},100,110,90,105,12.5\n${T0 + H4},105,106.5,104,105.25,0\n`,
    ],
    [
      'Timestamp header, CRLF, blank trailing lines',
      `Timestamp,Open,High,Low,Close,Volume\r\n${T0},100,110,90,105,12.5\r\n${T0 + H4},105,106.5,104,105.25,0\r\n\r\n  \n`,
    ],
    [
      'semicolons, ISO times, columns in another order, one unknown column',
      `DateTime;Volume;Close;Low;High;Open;Trades\n2024-01-01T00:00:00Z;12.5;105;90;110;100;7\n2024-01-01T06:00:00+02:00;0;105.25;104;106.5;105;3`,
    ],
    [
      'quotes everywhere, byte order mark, spaces',
      `\uFEFF"open_time", "open","high","low","close","volume"\n"2024-01-01T00:00:00.000Z", "100","110","90","105","12.5"\n"${T0 + H4}" ,105,106.5,104,105.25,0`,
    ],
    [
      'Open Time header with a space, tabs',
      `Open Time\topen\thigh\tlow\tclose\tvolume\n${T0}\t100\t110\t90\t105\t12.5\n${T0 + H4}\t105\t106.5\t104\t105.25\t0`,
    ],
  ])('%s', (_, text) => {
    expect(parseCandleCsv(text, CSV)).toEqual(expected);
  });

  it('takes plain dates as UTC midnight and volume 0 when there is no volume column', () => {
    expect(
      parseCandleCsv('date,open,high,low,close\n2024-01-01,1,2,0.5,1.5\n2024-01-02,1.5,1.5,1.5,1.5', CSV),
    ).toEqual([candle(T0, 1, 2, 0.5, 1.5, 0), candle(T0 + 86_400_000, 1.5, 1.5, 1.5, 1.5, 0)]);
  });

  it('reports the line and column of each bad cell', () => {
    const text = [
      'time,open,high,low,close,volume',
      `${T0},100,110,90,105,1`,
      `${T0 + H4},100,abc,90,105,1`, // line 3
      `${T0 + 2 * H4},100,99,90,95,1`, // line 4: high below open
      `${T0 + 2 * H4},100,110,90,105,1`, // line 5: same time as line 4
      `${T0 + H4},100,110,90,105,1`, // line 6: before line 5
      `${T0 + 5 * H4},100,110,90,105`, // line 7: 5 columns
      '', // line 8: blank in the middle
      `${T0 + 6 * H4},100,110,90,105,-1`, // line 9
      `"${T0 + 7 * H4},100,110,90,105,1`, // line 10: open quote
      `1704067200,100,110,90,105,1`, // line 11: seconds
      '',
    ].join('\n');
    const { errors } = csvError(text);
    expect(errors).toEqual([
      { path: `${CSV} line 3 column high`, message: 'high "abc" is not a number' },
      { path: `${CSV} line 4 column high`, message: 'high 99 is below open 100' },
      {
        path: `${CSV} line 5 column time`,
        message:
          'duplicate time 2024-01-01T08:00:00.000Z: line 4 (2024-01-01T08:00:00.000Z) has the same time',
      },
      {
        path: `${CSV} line 6 column time`,
        message:
          'out of order: 2024-01-01T04:00:00.000Z is before line 5 (2024-01-01T08:00:00.000Z); candles must be oldest first with increasing times',
      },
      { path: `${CSV} line 7`, message: 'has 5 columns, the header (line 1) has 6' },
      { path: `${CSV} line 8`, message: 'is blank; only blank lines at the end are ignored' },
      { path: `${CSV} line 9 column volume`, message: 'volume must be at least 0, got -1' },
      { path: `${CSV} line 10`, message: 'column 1 has an opening quote without a closing one' },
      {
        path: `${CSV} line 11 column time`,
        message: expect.stringContaining('1704067200 looks like seconds'),
      },
    ]);
  });

  it('hints at a decimal comma in a semicolon file', () => {
    const { errors } = csvError(`time;open;high;low;close\n${T0};1,5;2;1;1,5\n${T0 + H4};1;2;1;1`);
    expect(errors).toEqual([
      {
        path: `${CSV} line 2 column open`,
        message: 'open "1,5" is not a number (use a point as the decimal separator)',
      },
      {
        path: `${CSV} line 2 column close`,
        message: 'close "1,5" is not a number (use a point as the decimal separator)',
      },
    ]);
  });

  it('says what is wrong with the header', () => {
    expect(csvError('').errors[0]).toEqual({ path: CSV, message: expect.stringContaining('is empty') });
    expect(csvError('\n\r\n').errors[0]?.path).toBe(CSV);
    expect(csvError(`${T0},1,1,1,1,1\n${T0 + H4},1,1,1,1,1`).errors).toEqual([
      {
        path: `${CSV} line 1`,
        message:
          'must be a header naming the columns, e.g. time,open,high,low,close,volume; it looks like data',
      },
    ]);
    expect(csvError(',Open,High,Low,Close,Volume\n2024-01-01,1,1,1,1,1').errors).toEqual([
      {
        path: `${CSV} line 1`,
        message:
          'has no time (or timestamp, date, datetime, open_time) column (found "", "Open", "High", "Low", "Close", "Volume")',
      },
    ]);
    expect(csvError('time,open,close\n').errors[0]?.message).toMatch(/^has no high, low columns/);
    expect(csvError('time,date,open,high,low,close\n').errors[0]?.message).toBe(
      'names the time column twice (columns 1 and 2)',
    );
    expect(csvError('time,open,high,low,close\n1704067200000,1,1,1,1\n').errors[0]).toEqual({
      path: CSV,
      message: 'has 1 candle; a backtest needs at least 2',
    });
  });

  it('lists the first 20 problems of a CSV', () => {
    const lines = ['time,open,high,low,close'];
    for (let i = 0; i < 30; i++) lines.push(`${T0 + i * H4},1,1,1,0`);
    const { errors, detail } = csvError(lines.join('\n'));
    expect(errors).toHaveLength(20);
    expect(errors[0]).toEqual({
      path: `${CSV} line 2 column close`,
      message: 'close must be greater than 0, got 0',
    });
    expect(detail).toContain('and 10 more not listed');
  });

  it(`reads ${MAX_USER_CANDLES.toLocaleString('en')} lines and refuses one more`, () => {
    const lines = ['time,open,high,low,close,volume'];
    for (let i = 0; i < MAX_USER_CANDLES; i++) {
      lines.push(
        `${T0 + i * 60_000},${100 + (i % 7)},${110 + (i % 7)},${90 + (i % 7)},${105 + (i % 7)},${i % 13}.5`,
      );
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const candles = parseCandleCsv(text, CSV);
    expect(candles).toHaveLength(MAX_USER_CANDLES);
    const last = MAX_USER_CANDLES - 1;
    expect(candles[last]).toEqual(
      candle(
        T0 + last * 60_000,
        100 + (last % 7),
        110 + (last % 7),
        90 + (last % 7),
        105 + (last % 7),
        (last % 13) + 0.5,
      ),
    );
    expect(csvError(`${text}${T0 + MAX_USER_CANDLES * 60_000},1,1,1,1,1\n`).errors).toEqual([
      { path: CSV, message: `has ${MAX_USER_CANDLES + 1} candles; at most ${MAX_USER_CANDLES} are accepted` },
    ]);
  });
});

describe('real candle files of the repository', () => {
  it('reads the engine fixture index-2006-1d.csv (Date header, OpenInterest column) as its loader does', () => {
    const text = readFileSync(
      new URL('../../engine/test/fixtures/backtests/index-2006-1d.csv', import.meta.url),
      'utf8',
    );
    const candles = parseCandleCsv(text, CSV);
    expect(candles).toHaveLength(255);
    expect(candles).toEqual(loadDailyCandles('index-2006-1d.csv'));
  });

  it('reads the shipped BTC 4h file once its Unix-second times are in milliseconds, as the replay does', () => {
    const text = gunzipSync(readFileSync(`${SHIPPED_CANDLE_DIR}coinbase-btc-usd-4h.csv.gz`)).toString('utf8');
    // As shipped the times are seconds: refused, with a hint.
    const asShipped = csvError(text);
    expect(asShipped.errors).toHaveLength(20);
    expect(asShipped.errors[0]).toEqual({
      path: `${CSV} line 2 column time`,
      message:
        '1463544000 looks like seconds: times are milliseconds since 1970-01-01 UTC (1463544000000 would be 2016-05-18T04:00:00.000Z)',
    });

    const inMs = text
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : line.replace(',', '000,')))
      .join('\n');
    const candles = parseCandleCsv(inMs, CSV);
    const replay = readCandleFile(`${SHIPPED_CANDLE_DIR}coinbase-btc-usd-4h.csv.gz`);
    expect(candles).toHaveLength(20_695);
    expect(candles).toEqual(replay);
  });
});
