import type { FeatureUsage, UsageSummary } from '@billing-kit/contracts';
import { DAY, iso, isoDate, startOfUtcDay, type Window } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { activityOf } from './accounts.js';
import { poolCosts, spendingOf } from './catalog-lookup.js';
import { featureLedger } from './credit-ledger.js';
import { featureStanding } from './entitlements.js';
import type { MockStore } from './mock-store.js';
import { billingPeriod } from './reset-windows.js';
import type { AccountRecord } from './store-types.js';

export interface UsageRange {
  period: 'current' | 'previous';
  from?: string | undefined;
  to?: string | undefined;
  feature?: string | undefined;
}

function rangeOf(store: MockStore, account: AccountRecord, query: UsageRange): Window {
  const current = billingPeriod(account.subscription, store.now);
  const period =
    query.period === 'previous' ? billingPeriod(account.subscription, current.start - 1) : current;
  const start = query.from === undefined ? period.start : Date.parse(query.from);
  const end = query.to === undefined ? period.end : Date.parse(query.to);
  if (end <= start) {
    return fail('validation_failed', '`to` must be after `from`', {
      issues: [{ field: 'query.to', message: 'must be after from' }],
    });
  }
  return { start, end };
}

/**
 * Usage per metered feature over a period, with a daily series up to today; derived, never stored. A
 * credit pool's usage includes what the features priced in it spent (units × cost); such a feature counts
 * its own units, against the pool's limit and remaining.
 */
export function usageSummary(store: MockStore, account: AccountRecord, query: UsageRange): UsageSummary {
  const range = rangeOf(store, account, query);
  const activity = activityOf(account);
  const metered = store.catalog.features.filter((feature) => feature.kind === 'metered');
  if (query.feature !== undefined && !metered.some((feature) => feature.key === query.feature)) {
    return fail('validation_failed', `No metered feature "${query.feature}"`, {
      issues: [{ field: 'query.feature', message: 'not a metered feature of the catalog' }],
    });
  }
  const isCurrent = range.start <= store.now && store.now < range.end;
  const lastDay = Math.min(range.end, store.now + 1);
  const features: FeatureUsage[] = metered
    .filter((feature) => query.feature === undefined || feature.key === query.feature)
    .map((feature) => {
      const standing = featureStanding(store, account, feature.key);
      const entitlement = standing?.entitlement;
      const { spends } = spendingOf(store.catalog, feature.key);
      const counted =
        spends === feature.key ? poolCosts(store.catalog, feature.key) : new Map([[feature.key, 1]]);
      const units = (event: { feature: string; amount: number }) =>
        event.amount * (counted.get(event.feature) ?? 1);
      const events = activity.usage.filter(
        (event) =>
          counted.has(event.feature) &&
          event.kind === 'usage' &&
          event.at >= range.start &&
          event.at < range.end,
      );
      const byDay = new Map<string, number>();
      for (let day = startOfUtcDay(range.start); day < lastDay; day += DAY) byDay.set(isoDate(day), 0);
      for (const event of events) {
        const date = isoDate(event.at);
        byDay.set(date, (byDay.get(date) ?? 0) + units(event));
      }
      // Shortfall is in the units of the grants spent: a priced feature's overage is in pool units.
      const shortfall = featureLedger(
        activity,
        spends,
        store.now,
        poolCosts(store.catalog, spends),
      ).shortfall;
      const overageUnits = events.reduce((sum, event) => sum + (shortfall.get(event.id) ?? 0), 0);
      const overage = entitlement?.overage ?? null;
      const unlimited = entitlement?.amount === null;
      return {
        feature: feature.key,
        name: feature.name,
        kind: feature.kind,
        used: events.reduce((sum, event) => sum + units(event), 0),
        // The current period is measured against everything live now (packs too), as entitlements are;
        // a past one against the plan's allowance.
        limit: unlimited ? null : isCurrent ? (standing?.limit ?? 0) : (entitlement?.amount ?? 0),
        unlimited,
        remaining: isCurrent && !unlimited ? (standing?.remaining ?? null) : null,
        reset: entitlement?.reset ?? null,
        resetsAt: isCurrent && standing?.resetsAt != null ? iso(standing.resetsAt) : null,
        overage:
          overage === null
            ? null
            : {
                units: overageUnits,
                amount: {
                  amount: Math.round((overageUnits * overage.price.amount) / overage.per),
                  currency: overage.price.currency,
                },
              },
        daily: [...byDay].map(([date, used]) => ({ date, used })),
        ...(feature.creditCost ? { creditCost: feature.creditCost } : {}),
      };
    });
  return { accountId: account.id, from: iso(range.start), to: iso(range.end), features };
}
