import type { Purchase } from '@billing-kit/contracts';
import { DAY, iso } from '../calendar.js';
import { activityOf } from './accounts.js';
import { findPack, moneyIn } from './catalog-lookup.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, GrantRecord } from './store-types.js';

/** Records a credit pack bought at `at`: its grant, the purchase behind it, and the audit entry. */
export function recordPackPurchase(
  store: MockStore,
  account: AccountRecord,
  ids: (prefix: string) => string,
  packId: string,
  at: number,
): GrantRecord {
  const pack = findPack(store.catalog, packId);
  if (!pack) throw new Error(`The catalog has no credit pack "${packId}"`);
  const purchaseId = ids('pur');
  const expiresAt = pack.expiresInDays === null ? null : at + pack.expiresInDays * DAY;
  const currency = account.subscription.currency;
  const grant: GrantRecord = {
    id: ids('grant'),
    feature: pack.feature,
    source: 'credit_pack',
    amount: pack.units,
    effectiveAt: at,
    expiresAt,
    reason: null,
    reference: pack.id,
    createdAt: at,
  };
  const purchase: Purchase = {
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
  };
  const activity = activityOf(account);
  activity.grants.push(grant);
  activity.purchases.push(purchase);
  activity.audit.push({
    id: ids('aud'),
    accountId: account.id,
    actor: { type: 'stripe', id: null },
    action: 'credits.purchased',
    subject: `credits:${pack.feature}`,
    before: null,
    after: { packId: pack.id, units: pack.units, expiresAt: purchase.expiresAt },
    reason: 'payment_intent.succeeded',
    at: iso(at),
  });
  return grant;
}
