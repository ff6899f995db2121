import type { Sigmax } from '@sigmax/sdk';
import { formatFields, type Output } from '../output';

export async function health(sigmax: Sigmax, out: Output): Promise<void> {
  const h = await sigmax.health();
  out.print(h, () =>
    formatFields([
      ['status', h.status],
      ['database', h.database],
      ['version', h.version],
      ['time', h.time],
    ]),
  );
}

export async function status(sigmax: Sigmax, out: Output): Promise<void> {
  const s = await sigmax.status();
  out.print(s, () =>
    formatFields([
      ['version', s.version],
      ['uptime', `${s.uptimeSeconds} s`],
      ['trading mode', s.tradingMode],
      ['market data', s.marketData.source],
      ['database', s.database.driver],
      ['api key', `${s.apiKey.name} (${s.apiKey.id})`],
      ['scopes', s.apiKey.scopes.join(', ')],
    ]),
  );
}
