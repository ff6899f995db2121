import { type Balance, Decimal } from '@sigmax/engine';
import { decimalOf } from './ccxt-order-sync';
import type { CcxtBalancesLike } from './ccxt-trading-exchange';

/** Keys of a ccxt balance answer that are not currencies. */
const NOT_CURRENCIES = new Set(['info', 'timestamp', 'datetime', 'free', 'used', 'total', 'debt']);

/**
 * A ccxt `fetchBalance` answer as engine balances: `free` as it is, `locked` from ccxt's `used` (or
 * `total − free`), each a {@link Decimal} from the number's string form. Assets with nothing free or locked
 * are left out (exchanges list hundreds of them), and so are entries without a single amount; sorted by
 * asset.
 */
export function toBalances(answer: CcxtBalancesLike): Balance[] {
  const balances: Balance[] = [];
  for (const [asset, entry] of Object.entries(answer)) {
    if (NOT_CURRENCIES.has(asset) || !entry || typeof entry !== 'object') continue;
    const amounts = entry as Record<string, unknown>;
    const total = decimalOf(amounts.total);
    let free = decimalOf(amounts.free);
    let locked = decimalOf(amounts.used);
    if (!free && !locked && !total) continue;
    locked ??= total && free ? total.sub(free) : Decimal.ZERO;
    free ??= total ? total.sub(locked) : Decimal.ZERO;
    if (free.isZero() && locked.isZero()) continue;
    balances.push({ asset, free, locked });
  }
  return balances.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
}
