import type { CustomerDetail, CustomerSummary, Invoice, SubscriptionStatus } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { activityOf } from './accounts.js';
import { planOf } from './catalog-lookup.js';
import { creditsView } from './credits-view.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord } from './store-types.js';
import { monthlyRevenue, subscriptionView } from './subscription-view.js';
import { usageSummary } from './usage-summary.js';

export function customerSummary(store: MockStore, account: AccountRecord): CustomerSummary {
  const plan = planOf(store.catalog, account.subscription.planId);
  return {
    accountId: account.id,
    name: account.name,
    email: account.email,
    planId: plan.id,
    planName: plan.name,
    status: account.subscription.status,
    mrr: { amount: monthlyRevenue(store, account), currency: account.subscription.currency },
    currentPeriodEnd: account.subscription.periodEnd === null ? null : iso(account.subscription.periodEnd),
    createdAt: iso(account.createdAt),
  };
}

export interface CustomerQuery {
  search?: string | undefined;
  planId?: string | undefined;
  status?: SubscriptionStatus | undefined;
  sort: 'created' | 'name' | 'email' | 'mrr' | 'plan';
  order: 'asc' | 'desc';
}

/**
 * Filters and sorts on the raw records and builds summaries only for what survives, so 10,000
 * customers sort in milliseconds. Ties break on the id, which makes cursors stable.
 */
export function listCustomers(store: MockStore, query: CustomerQuery): AccountRecord[] {
  const needle = query.search?.toLowerCase();
  const rank = new Map(store.catalog.plans.map((plan) => [plan.id, plan.rank]));
  const keyOf = {
    created: (account: AccountRecord) => account.createdAt,
    name: (account: AccountRecord) => account.name.toLowerCase(),
    email: (account: AccountRecord) => account.email?.toLowerCase() ?? '',
    mrr: (account: AccountRecord) => monthlyRevenue(store, account),
    plan: (account: AccountRecord) => rank.get(account.subscription.planId) ?? 0,
  }[query.sort];
  const direction = query.order === 'asc' ? 1 : -1;
  const rows: { account: AccountRecord; key: string | number }[] = [];
  for (const account of store.accounts.values()) {
    if (query.planId !== undefined && account.subscription.planId !== query.planId) continue;
    if (query.status !== undefined && account.subscription.status !== query.status) continue;
    if (
      needle !== undefined &&
      needle !== '' &&
      !account.name.toLowerCase().includes(needle) &&
      !account.email?.toLowerCase().includes(needle)
    ) {
      continue;
    }
    rows.push({ account, key: keyOf(account) });
  }
  rows.sort((a, b) => {
    const byKey = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return direction * (byKey || (a.account.id < b.account.id ? -1 : 1));
  });
  return rows.map((row) => row.account);
}

export const invoicesNewestFirst = (invoices: Invoice[]) =>
  invoices.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
  );

export function accountInvoices(account: AccountRecord): Invoice[] {
  return invoicesNewestFirst(activityOf(account).invoices.map((stored) => stored.invoice));
}

export function accountAudit(account: AccountRecord) {
  return [...activityOf(account).audit].sort((a, b) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1,
  );
}

export function customerDetail(store: MockStore, account: AccountRecord): CustomerDetail {
  return {
    customer: customerSummary(store, account),
    subscription: subscriptionView(store, account),
    usage: usageSummary(store, account, { period: 'current' }),
    credits: creditsView(store, account),
    recentInvoices: accountInvoices(account).slice(0, 5),
    recentAudit: accountAudit(account).slice(0, 10),
  };
}
