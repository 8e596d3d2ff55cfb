import { pageOf } from '../cursor-page.js';
import { accountOf } from '../store/accounts.js';
import { accountAudit, customerDetail, customerSummary, listCustomers } from '../store/admin-customers.js';
import { metrics } from '../store/admin-metrics.js';
import { allInvoices, billUsageNow, grantCredits, reconcile } from '../store/admin-operations.js';
import type { MockStore } from '../store/mock-store.js';
import type { BillingResolvers } from './billing-resolvers.js';

type AdminRoutes =
  | 'adminListCustomers'
  | 'adminGetCustomer'
  | 'adminListAudit'
  | 'adminGrantCredits'
  | 'adminListInvoices'
  | 'adminGetMetrics'
  | 'adminBillUsage'
  | 'adminReconcile';

export function adminResolvers(store: MockStore): Pick<BillingResolvers, AdminRoutes> {
  const account = (accountId: string) => accountOf(store, accountId);
  return {
    adminListCustomers: ({ query }) => {
      const page = pageOf(listCustomers(store, query), query, (customer) => customer.id);
      return { ...page, data: page.data.map((customer) => customerSummary(store, customer)) };
    },
    adminGetCustomer: ({ params }) => customerDetail(store, account(params.accountId)),
    adminListAudit: ({ params, query }) =>
      pageOf(accountAudit(account(params.accountId)), query, (entry) => entry.id),
    adminGrantCredits: ({ params, body }) => grantCredits(store, account(params.accountId), body),
    adminListInvoices: ({ query }) => pageOf(allInvoices(store, query), query, (invoice) => invoice.id),
    adminGetMetrics: ({ query }) => metrics(store, query),
    adminBillUsage: ({ body }) => billUsageNow(store, body.accountId),
    adminReconcile: ({ body }) => reconcile(store, body.accountId),
  };
}
