import type { CustomerDetail } from '@billing-kit/contracts';
import { notFound } from '../../billing-error.js';
import type { BillingServices } from '../../services.js';
import { findAccount } from '../accounts/accounts.js';
import { listAudit } from '../audit/audit-log.js';
import { listInvoices } from '../invoices/invoice-list.js';
import { subscriptionView } from '../subscriptions/subscription-view.js';
import { listCustomers } from './customer-list.js';

/**
 * One customer for the admin detail page. Usage and credits come from the credits ledger, which does not
 * exist yet (issue 5): until then they are honestly empty — no grants, no usage recorded.
 */
export async function customerDetail(services: BillingServices, accountId: string): Promise<CustomerDetail> {
  const account = await findAccount(services.db, accountId);
  if (!account) throw notFound('Account');
  const catalog = await services.catalog();
  const [subscription, invoices, audit] = await Promise.all([
    subscriptionView(services.db, catalog, accountId, services.pastDueAccess),
    listInvoices(services.db, { accountId, limit: 10 }),
    listAudit(services.db, accountId, { limit: 20 }),
  ]);
  const summary = (
    await listCustomers(services.db, catalog, {
      search: undefined,
      sort: 'created',
      order: 'desc',
      limit: 1,
      accountId,
    })
  ).data[0];
  if (!summary) throw notFound('Account');
  const now = services.now();
  const periodStart =
    subscription.currentPeriodStart ?? new Date(now.getFullYear(), now.getMonth(), 1).toISOString();
  return {
    customer: summary,
    subscription,
    usage: { accountId, from: periodStart, to: now.toISOString(), features: [] },
    credits: { accountId, balances: [] },
    recentInvoices: invoices.data,
    recentAudit: audit.data,
  };
}
