import type { CustomerDetail } from '@billing-kit/contracts';
import { notFound } from '../../billing-error.js';
import type { BillingServices } from '../../services.js';
import { findAccount } from '../accounts/accounts.js';
import { listAudit } from '../audit/audit-log.js';
import { listInvoices } from '../invoices/invoice-list.js';
import { subscriptionView } from '../subscriptions/subscription-view.js';
import { listCustomers } from './customer-list.js';

/** One customer for the admin detail page; usage and credits come from the credits engine. */
export async function customerDetail(services: BillingServices, accountId: string): Promise<CustomerDetail> {
  const account = await findAccount(services.db, accountId);
  if (!account) throw notFound('Account');
  const catalog = await services.catalog();
  const [subscription, invoices, audit, usage, credits] = await Promise.all([
    subscriptionView(services.db, catalog, accountId, services.pastDueAccess),
    listInvoices(services.db, { accountId, limit: 10 }),
    listAudit(services.db, accountId, { limit: 20 }),
    services.engine.usage(accountId, { period: 'current' }),
    services.engine.credits(accountId),
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
  return {
    customer: summary,
    subscription,
    usage,
    credits,
    recentInvoices: invoices.data,
    recentAudit: audit.data,
  };
}
