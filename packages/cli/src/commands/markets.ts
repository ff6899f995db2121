import type { Candle, IndicatorSeriesList, Sigmax } from '@sigmax/sdk';
import { count, oneOf, required, TIMEFRAMES } from '../args';
import { formatFields, formatTable, type Output } from '../output';

export interface CandleFlags {
  timeframe?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
}

export interface IndicatorFlags {
  timeframe?: string | undefined;
  names?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
}

/** Significant digits an indicator value is shown with in a table (`--json` gives the full number). */
const INDICATOR_DIGITS = 8;

export async function markets(sigmax: Sigmax, out: Output): Promise<void> {
  const { data } = await sigmax.markets.list();
  out.print(data, () =>
    formatTable(
      ['SYMBOL', 'BASE', 'QUOTE', 'TICK', 'LOT', 'MIN QTY', 'MIN NOTIONAL', 'TIMEFRAMES'],
      data.map((m) => [
        m.symbol,
        m.base,
        m.quote,
        m.tickSize,
        m.lotSize,
        m.minQuantity,
        m.minNotional,
        m.timeframes.join(','),
      ]),
    ),
  );
}

export async function candles(
  sigmax: Sigmax,
  out: Output,
  symbol: string | undefined,
  flags: CandleFlags,
): Promise<void> {
  const usage = `sigmax candles <symbol> --timeframe ${TIMEFRAMES.join('|')} [--since <time>] [--until <time>] [--limit <n>]`;
  const market = required(symbol, usage);
  const timeframe = oneOf(required(flags.timeframe, usage), TIMEFRAMES, '--timeframe');
  const list = await sigmax.markets.candles(market, {
    timeframe,
    ...(flags.since ? { since: flags.since } : {}),
    ...(flags.until ? { until: flags.until } : {}),
    ...(flags.limit ? { limit: count(flags.limit, '--limit', 500, 1000) } : {}),
  });
  out.print(list.data, () =>
    formatTable(
      ['TIME', 'OPEN', 'HIGH', 'LOW', 'CLOSE', 'VOLUME'],
      list.data.map((c: Candle) => [c.time, c.open, c.high, c.low, c.close, c.volume]),
    ),
  );
}

export async function ticker(sigmax: Sigmax, out: Output, symbol: string | undefined): Promise<void> {
  const t = await sigmax.markets.ticker(required(symbol, 'sigmax ticker <symbol>'));
  out.print(t, () =>
    formatFields([
      ['symbol', t.symbol],
      ['last', t.last],
      ['bid', t.bid],
      ['ask', t.ask],
      ['24h high', t.high24h],
      ['24h low', t.low24h],
      ['24h volume', t.volume24h],
      ['time', t.time],
      ['stale', t.stale ? 'yes: the price is old, do not trade on it' : 'no'],
    ]),
  );
}

export async function book(
  sigmax: Sigmax,
  out: Output,
  symbol: string | undefined,
  depth: string | undefined,
): Promise<void> {
  const market = required(symbol, 'sigmax book <symbol> [--depth <n>]');
  const b = await sigmax.markets.orderBook(market, depth ? { depth: count(depth, '--depth', 20, 100) } : {});
  // A side with fewer levels leaves its cells blank.
  const rows = Array.from({ length: Math.max(b.bids.length, b.asks.length) }, (_, i) => [
    b.bids[i]?.[1] ?? '',
    b.bids[i]?.[0] ?? '',
    b.asks[i]?.[0] ?? '',
    b.asks[i]?.[1] ?? '',
  ]);
  out.print(b, () =>
    [
      `${b.symbol} at ${b.time}${b.synthetic ? ' (modelled from candles)' : ''}${b.stale ? ' (stale)' : ''}`,
      formatTable(['BID QTY', 'BID', 'ASK', 'ASK QTY'], rows),
    ].join('\n'),
  );
}

/**
 * `sigmax indicators <symbol> --timeframe 4h --names rsi:14,macd:12:26:9`: one row per candle, one
 * column per output (`rsi:14`, `macd:12:26:9.signal`, ...); `-` inside an indicator's warm-up.
 */
export async function indicators(
  sigmax: Sigmax,
  out: Output,
  symbol: string | undefined,
  flags: IndicatorFlags,
): Promise<void> {
  const usage = `sigmax indicators <symbol> --timeframe ${TIMEFRAMES.join('|')} --names <name:param,...> [--until <time>] [--limit <n>]`;
  const market = required(symbol, usage);
  const timeframe = oneOf(required(flags.timeframe, usage), TIMEFRAMES, '--timeframe');
  const names = required(flags.names, usage);
  const list = await sigmax.markets.indicators(market, {
    timeframe,
    names,
    ...(flags.until ? { until: flags.until } : {}),
    ...(flags.limit ? { limit: count(flags.limit, '--limit', 200, 1000) } : {}),
  });
  out.print(list, () => indicatorTable(list));
}

function indicatorTable(list: IndicatorSeriesList): string {
  const columns = list.series.flatMap((series) =>
    Object.entries(series.outputs).map(([output, values]) => ({
      header: output === 'value' ? series.name : `${series.name}.${output}`,
      values,
    })),
  );
  const show = (value: number | null | undefined) =>
    typeof value === 'number' ? String(Number(value.toPrecision(INDICATOR_DIGITS))) : null;
  return formatTable(
    ['TIME', ...columns.map((c) => c.header.toUpperCase())],
    list.time.map((time, i) => [time, ...columns.map((c) => show(c.values[i]))]),
  );
}
