import type { Credits } from '@billing-kit/contracts';
import { activityOf } from './accounts.js';
import { poolCosts } from './catalog-lookup.js';
import { creditBalance } from './credit-ledger.js';
import { entitlementOf } from './entitlements.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord } from './store-types.js';

/**
 * A balance for every metered feature with grants of its own, with the live grants behind it in the order
 * they are spent. A feature priced in a credit pool has none: its pool's balance is the one shown.
 */
export function creditsView(store: MockStore, account: AccountRecord): Credits {
  const activity = activityOf(account);
  return {
    accountId: account.id,
    balances: store.catalog.features
      .filter((feature) => feature.kind === 'metered' && !feature.creditCost)
      .map((feature) =>
        creditBalance(
          activity,
          feature.key,
          entitlementOf(store, account, feature.key)?.amount === null,
          store.now,
          poolCosts(store.catalog, feature.key),
        ),
      ),
  };
}
