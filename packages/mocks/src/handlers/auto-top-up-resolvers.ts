import { accountOf } from '../store/accounts.js';
import { autoTopUpsView, saveAutoTopUp } from '../store/auto-top-up-settings.js';
import type { MockStore } from '../store/mock-store.js';
import type { BillingResolvers } from './billing-resolvers.js';

export function autoTopUpResolvers(
  store: MockStore,
): Pick<BillingResolvers, 'getAutoTopUps' | 'setAutoTopUp'> {
  const account = (accountId: string) => accountOf(store, accountId);
  return {
    getAutoTopUps: ({ params }) => autoTopUpsView(store, account(params.accountId)),
    setAutoTopUp: ({ params, body }) => saveAutoTopUp(store, account(params.accountId), params.feature, body),
  };
}
