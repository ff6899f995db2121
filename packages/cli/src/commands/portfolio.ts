import type { EquityPoint, Position, Sigmax } from '@sigmax/sdk';
import { count, required, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { orderFields } from './orders';

export interface HistoryFlags {
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
}

function positionTable(positions: Position[]): string {
  return formatTable(
    ['SYMBOL', 'QUANTITY', 'AVG ENTRY', 'MARK', 'VALUE', 'UNREALIZED P&L', 'REALIZED P&L', 'FEES'],
    positions.map((p) => [
      p.symbol,
      p.quantity,
      p.averageEntryPrice,
      p.markPrice,
      p.marketValue,
      p.unrealizedPnl,
      p.realizedPnl,
      p.fees,
    ]),
  );
}

export async function positions(sigmax: Sigmax, out: Output): Promise<void> {
  const { data } = await sigmax.positions.list();
  out.print(data, () => (data.length === 0 ? 'no open positions' : positionTable(data)));
}

export async function positionClose(sigmax: Sigmax, out: Output, symbol: string | undefined): Promise<void> {
  const order = await sigmax.positions.close(required(symbol, 'sigmax position close <symbol>'));
  out.print(order, () => orderFields(order));
}

export async function portfolio(sigmax: Sigmax, out: Output): Promise<void> {
  const p = await sigmax.portfolio.get();
  out.print(p, () =>
    [
      formatFields([
        ['equity', `${p.equity} ${p.quoteAsset}`],
        ['cash', p.cash],
        ['positions value', p.positionsValue],
        ['unrealized P&L', p.unrealizedPnl],
        ['realized P&L', p.realizedPnl],
        ['fees', p.fees],
        ['time', p.time],
      ]),
      '',
      formatTable(
        ['ASSET', 'FREE', 'LOCKED', 'TOTAL'],
        p.balances.map((b) => [b.asset, b.free, b.locked, b.total]),
      ),
      ...(p.positions.length > 0 ? ['', positionTable(p.positions)] : []),
    ].join('\n'),
  );
}

export async function portfolioHistory(sigmax: Sigmax, out: Output, flags: HistoryFlags): Promise<void> {
  const limit = count(flags.limit, '--limit', 50, 10_000);
  const first = await sigmax.portfolio.history({
    limit: Math.min(limit, 500),
    ...(flags.since ? { since: flags.since } : {}),
    ...(flags.until ? { until: flags.until } : {}),
  });
  const points: EquityPoint[] = await take(first, limit);
  out.print(points, () =>
    formatTable(
      ['TIME', `EQUITY (${first.quoteAsset})`, 'CASH', 'POSITIONS', 'REALIZED P&L', 'UNREALIZED P&L'],
      points.map((e) => [e.time, e.equity, e.cash, e.positionsValue, e.realizedPnl, e.unrealizedPnl]),
    ),
  );
}
