import type { Purchase } from '@billing-kit/contracts';
import { DAY, iso } from '../calendar.js';
import { findPack, moneyIn } from './catalog-lookup.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, GrantRecord } from './store-types.js';

/** A credit pack bought at `at`: its grant and the purchase behind it. */
export function packPurchase(
  store: MockStore,
  account: AccountRecord,
  ids: (prefix: string) => string,
  packId: string,
  at: number,
): { grant: GrantRecord; purchase: Purchase } {
  const pack = findPack(store.catalog, packId);
  if (!pack) throw new Error(`The catalog has no credit pack "${packId}"`);
  const purchaseId = ids('pur');
  const expiresAt = pack.expiresInDays === null ? null : at + pack.expiresInDays * DAY;
  const currency = account.subscription.currency;
  return {
    grant: {
      id: ids('grant'),
      feature: pack.feature,
      source: 'credit_pack',
      amount: pack.units,
      effectiveAt: at,
      expiresAt,
      reason: null,
      reference: pack.id,
      createdAt: at,
    },
    purchase: {
      id: purchaseId,
      accountId: account.id,
      packageType: 'credit_pack',
      packageId: pack.id,
      name: pack.name,
      amount: { amount: moneyIn(pack.prices, currency), currency },
      status: 'succeeded',
      units: pack.units,
      expiresAt: expiresAt === null ? null : iso(expiresAt),
      createdAt: iso(at),
    },
  };
}
