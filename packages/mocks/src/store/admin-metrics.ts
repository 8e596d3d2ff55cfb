import type { Metrics } from '@billing-kit/contracts';
import { addMonths, DAY, iso, isoDate, startOfUtcDay, startOfUtcMonth } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { activityOf } from './accounts.js';
import { catalogCurrency, isCreditFeature, planOf, poolCosts } from './catalog-lookup.js';
import { featureLedger } from './credit-ledger.js';
import type { MockStore } from './mock-store.js';
import { monthlyRevenue } from './subscription-view.js';

export interface MetricsRange {
  from?: string | undefined;
  to?: string | undefined;
  granularity: 'day' | 'week' | 'month';
}

function periodStart(at: number, granularity: MetricsRange['granularity']): number {
  if (granularity === 'month') return startOfUtcMonth(at);
  const day = startOfUtcDay(at);
  if (granularity === 'day') return day;
  // ISO weeks start on Monday.
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.min(1, part / whole));

/**
 * Every figure is computed from the store on each call, so mutations show up in the charts at once.
 * The range includes `to`: it defaults to now, the instant every mutation happens at.
 */
export function metrics(store: MockStore, range: MetricsRange): Metrics {
  const to = range.to === undefined ? store.now : Date.parse(range.to);
  const from = range.from === undefined ? addMonths(to, -12) : Date.parse(range.from);
  if (to <= from) {
    return fail('validation_failed', '`to` must be after `from`', {
      issues: [{ field: 'query.to', message: 'must be after from' }],
    });
  }
  const currency = catalogCurrency(store.catalog);
  const byPlan = new Map<string, { count: number; mrr: number }>();
  let mrr = 0;
  let activeSubscriptions = 0;
  let trialing = 0;
  let pastDue = 0;
  let activeAtStart = 0;
  let ended = 0;
  let created = 0;
  let converted = 0;
  const revenue = new Map<string, Metrics['revenueByPackage'][number]>();
  const credits = { granted: 0, used: 0, expired: 0 };
  for (const account of store.accounts.values()) {
    const { subscription } = account;
    if (subscription.status === 'trialing') trialing++;
    if (subscription.status === 'past_due') pastDue++;
    if (subscription.status === 'active' || subscription.status === 'past_due') {
      const revenueOfAccount = subscription.currency === currency ? monthlyRevenue(store, account) : 0;
      activeSubscriptions++;
      mrr += revenueOfAccount;
      const entry = byPlan.get(subscription.planId) ?? { count: 0, mrr: 0 };
      entry.count++;
      entry.mrr += revenueOfAccount;
      byPlan.set(subscription.planId, entry);
    }
    const paidSince = subscription.paidSince;
    const endedAt = subscription.status === 'canceled' ? subscription.canceledAt : null;
    if (paidSince !== null && paidSince < from && (endedAt === null || endedAt >= from)) activeAtStart++;
    if (endedAt !== null && endedAt >= from && endedAt <= to) ended++;
    if (account.createdAt >= from && account.createdAt <= to) {
      created++;
      if (paidSince !== null && paidSince <= to) converted++;
    }
    const activity = activityOf(account);
    for (const { invoice, revenue: lines } of activity.invoices) {
      const at = Date.parse(invoice.paidAt ?? invoice.createdAt);
      if (invoice.status !== 'paid' || at < from || at > to || invoice.total.currency !== currency) continue;
      for (const line of lines) addRevenue(revenue, periodStart(at, range.granularity), line, currency);
    }
    for (const purchase of activity.purchases) {
      const at = Date.parse(purchase.createdAt);
      if (purchase.packageType !== 'credit_pack' || purchase.status !== 'succeeded') continue;
      if (at < from || at > to || purchase.amount.currency !== currency) continue;
      const line = {
        packageType: 'credit_pack' as const,
        packageId: purchase.packageId,
        amount: purchase.amount.amount,
      };
      addRevenue(revenue, periodStart(at, range.granularity), line, currency);
    }
    for (const feature of store.catalog.features) {
      if (!isCreditFeature(store.catalog, feature.key)) continue;
      const costs = poolCosts(store.catalog, feature.key);
      for (const balance of featureLedger(activity, feature.key, store.now, costs).grants) {
        const { grant } = balance;
        if (grant.effectiveAt >= from && grant.effectiveAt <= to) credits.granted += grant.amount;
        if (grant.expiresAt !== null && grant.expiresAt >= from && grant.expiresAt <= to) {
          credits.expired += balance.expiredUnused;
        }
      }
      for (const event of activity.usage) {
        const cost = costs.get(event.feature);
        if (cost !== undefined && event.kind === 'usage' && event.at >= from && event.at <= to) {
          credits.used += event.amount * cost;
        }
      }
    }
  }
  return {
    currency,
    from: iso(from),
    to: iso(to),
    mrr: { amount: mrr, currency },
    activeSubscriptions,
    activeSubscriptionsByPlan: store.catalog.plans
      .filter((plan) => byPlan.has(plan.id))
      .map((plan) => {
        const entry = byPlan.get(plan.id) ?? { count: 0, mrr: 0 };
        return {
          planId: plan.id,
          planName: planOf(store.catalog, plan.id).name,
          count: entry.count,
          mrr: { amount: entry.mrr, currency },
        };
      }),
    trialing,
    pastDue,
    churnRate: share(ended, activeAtStart),
    conversionRate: share(converted, created),
    revenueByPackage: [...revenue.values()].sort((a, b) =>
      a.period < b.period
        ? -1
        : a.period > b.period
          ? 1
          : `${a.packageType}:${a.packageId}` < `${b.packageType}:${b.packageId}`
            ? -1
            : 1,
    ),
    credits: { ...credits, expiryRate: share(credits.expired, credits.granted) },
  };
}

function addRevenue(
  revenue: Map<string, Metrics['revenueByPackage'][number]>,
  period: number,
  line: {
    packageType: Metrics['revenueByPackage'][number]['packageType'];
    packageId: string;
    amount: number;
  },
  currency: string,
) {
  const key = `${period}|${line.packageType}|${line.packageId}`;
  const entry = revenue.get(key) ?? {
    period: isoDate(period),
    packageType: line.packageType,
    packageId: line.packageId,
    amount: { amount: 0, currency },
  };
  entry.amount.amount += line.amount;
  revenue.set(key, entry);
}
