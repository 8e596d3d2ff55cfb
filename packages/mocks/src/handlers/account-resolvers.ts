import { pageOf } from '../cursor-page.js';
import { accountOf, activityOf } from '../store/accounts.js';
import { accountInvoices } from '../store/admin-customers.js';
import { creditsView } from '../store/credits-view.js';
import { entitlementsView } from '../store/entitlements.js';
import { ledgerEntries } from '../store/ledger-entries.js';
import type { MockStore } from '../store/mock-store.js';
import { subscriptionView } from '../store/subscription-view.js';
import { usageSummary } from '../store/usage-summary.js';
import type { BillingResolvers } from './billing-resolvers.js';

type AccountRoutes =
  | 'getMe'
  | 'getSubscription'
  | 'getEntitlements'
  | 'getUsage'
  | 'getCredits'
  | 'listLedger'
  | 'listInvoices'
  | 'listPurchases';

export function accountResolvers(store: MockStore): Pick<BillingResolvers, AccountRoutes> {
  const account = (accountId: string) => accountOf(store, accountId);
  return {
    getMe: () => {
      const own = store.accounts.get(store.accountId);
      return {
        userId: store.userId,
        role: store.role,
        account: own ? { id: own.id, name: own.name, email: own.email } : null,
      };
    },
    getSubscription: ({ params }) => subscriptionView(store, account(params.accountId)),
    getEntitlements: ({ params }) => entitlementsView(store, account(params.accountId)),
    getUsage: ({ params, query }) => usageSummary(store, account(params.accountId), query),
    getCredits: ({ params }) => creditsView(store, account(params.accountId)),
    listLedger: ({ params, query }) =>
      pageOf(ledgerEntries(store, account(params.accountId), query.feature), query, (entry) => entry.id),
    listInvoices: ({ params, query }) =>
      pageOf(accountInvoices(account(params.accountId)), query, (invoice) => invoice.id),
    listPurchases: ({ params, query }) => {
      const purchases = [...activityOf(account(params.accountId)).purchases].sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
      );
      return pageOf(purchases, query, (purchase) => purchase.id);
    },
  };
}
