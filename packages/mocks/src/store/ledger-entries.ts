import type { LedgerEntry } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { activityOf } from './accounts.js';
import { findPack, poolCosts } from './catalog-lookup.js';
import { featureLedger } from './credit-ledger.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, GrantRecord } from './store-types.js';

function grantDescription(store: MockStore, grant: GrantRecord): string {
  switch (grant.source) {
    case 'plan':
      return 'Plan allowance';
    case 'credit_pack':
      return `${(grant.reference && findPack(store.catalog, grant.reference)?.name) || 'Credit pack'} purchased`;
    case 'rollover':
      return 'Unused allowance rolled over';
    case 'add_on':
      return 'Add-on allowance';
    case 'top_up':
      return `Auto top-up: ${(grant.reference && findPack(store.catalog, grant.reference)?.name) || 'credit pack'}`;
    default:
      return grant.reason ?? 'Adjustment';
  }
}

// Within one instant, the old allowance expires before the new one is granted and usage comes last.
const kindOrder = { expiry: 0, grant: 1, adjustment: 1, usage: 2 } as const;

/**
 * The ledger, newest first, derived from grants and usage: expiries are computed, never written. Entries
 * are the spent feature's: a use of a feature priced in a credit pool is the pool's, in its units.
 */
export function ledgerEntries(store: MockStore, account: AccountRecord, feature?: string): LedgerEntry[] {
  const activity = activityOf(account);
  const features = store.catalog.features
    .filter((candidate) => candidate.kind === 'metered' && !candidate.creditCost)
    .map((candidate) => candidate.key)
    .filter((key) => feature === undefined || key === feature);
  const entries: { entry: LedgerEntry; at: number; order: number }[] = [];
  for (const key of features) {
    const costs = poolCosts(store.catalog, key);
    for (const balance of featureLedger(activity, key, store.now, costs).grants) {
      const { grant } = balance;
      const adjustment = grant.source === 'adjustment';
      entries.push({
        at: grant.effectiveAt,
        order: kindOrder.grant,
        entry: {
          id: grant.id,
          at: iso(grant.effectiveAt),
          feature: key,
          type: adjustment ? 'adjustment' : 'grant',
          amount: grant.amount,
          source: grant.source,
          description: grantDescription(store, grant),
          reference: grant.reference,
        },
      });
      if (balance.expiredUnused > 0 && grant.expiresAt !== null) {
        entries.push({
          at: grant.expiresAt,
          order: kindOrder.expiry,
          entry: {
            id: `${grant.id}_expiry`,
            at: iso(grant.expiresAt),
            feature: key,
            type: 'expiry',
            amount: -balance.expiredUnused,
            source: grant.source,
            description: `${balance.expiredUnused} unused expired`,
            reference: grant.id,
          },
        });
      }
    }
    for (const event of activity.usage) {
      const cost = costs.get(event.feature);
      if (cost === undefined) continue;
      const adjustment = event.kind === 'adjustment';
      entries.push({
        at: event.at,
        order: adjustment ? kindOrder.adjustment : kindOrder.usage,
        entry: {
          id: event.id,
          at: iso(event.at),
          feature: key,
          type: adjustment ? 'adjustment' : 'usage',
          amount: -event.amount * cost,
          source: adjustment ? 'adjustment' : null,
          description: adjustment ? (event.reason ?? 'Adjustment') : 'Usage',
          reference: event.idempotencyKey,
        },
      });
    }
  }
  return entries
    .sort((a, b) => b.at - a.at || b.order - a.order || (a.entry.id < b.entry.id ? 1 : -1))
    .map(({ entry }) => entry);
}
