import { DAY, startOfUtcDay } from '../calendar.js';
import type { SeededRandom } from '../seeded-random.js';
import { effectiveEntitlement, planOf } from '../store/catalog-lookup.js';
import type { MockStore } from '../store/mock-store.js';
import { windowsBetween } from '../store/reset-windows.js';
import type { AccountActivity, AccountRecord, GrantRecord, UsageRecord } from '../store/store-types.js';

export interface UsageProfile {
  /** Share of a past window's allowance that was used. */
  pastShare: () => number;
  /** Share of the current window's allowance used so far, unless `current` names an amount. */
  currentShare: number;
  current?: Partial<Record<string, number>>;
  /** Days of daily allowances to keep in the ledger. */
  historyDays?: number;
  /** Units per month of features with no allowance: billed overage or unlimited use. */
  openUsage?: (feature: string) => number;
  /**
   * How usage of windows before the current one is spread: over its days, or as one event (generated
   * customers, whose past only feeds the metrics).
   */
  pastWindows?: 'daily' | 'single';
  /** Features whose past windows are generated at all; every feature when absent. */
  pastFeatures?: readonly string[];
  shape?: UsageShape;
}

/** How sparse the events are: the share of days with any usage, and at most how many events a day. */
export interface UsageShape {
  activeDayShare: number;
  maxEventsPerDay: number;
}

const denseUsage: UsageShape = { activeDayShare: 1, maxEventsPerDay: 3 };

/** Splits `total` units into events over the days of [from, to), never after `now`. */
export function spreadUsage(
  random: SeededRandom,
  ids: (prefix: string) => string,
  feature: string,
  from: number,
  to: number,
  total: number,
  shape: UsageShape = denseUsage,
): UsageRecord[] {
  if (total <= 0 || to <= from) return [];
  const firstDay = startOfUtcDay(from);
  const dayCount = Math.ceil((to - firstDay) / DAY);
  // Sparse shapes draw their active days directly rather than rolling for every day of every window:
  // this runs for each feature of 10,000 generated customers.
  const activeDays =
    shape.activeDayShare >= 1
      ? Array.from({ length: dayCount }, (_, index) => index)
      : [
          ...new Set(
            Array.from({ length: Math.max(1, Math.round(dayCount * shape.activeDayShare)) }, () =>
              random.int(0, dayCount - 1),
            ),
          ),
        ].sort((a, b) => a - b);
  const days = activeDays.map((index) => ({
    start: Math.max(firstDay + index * DAY, from),
    end: Math.min(firstDay + (index + 1) * DAY, to),
    weight: 0.2 + random.next(),
  }));
  const totalWeight = days.reduce((sum, day) => sum + day.weight, 0);
  const events: UsageRecord[] = [];
  let cumulativeWeight = 0;
  let assigned = 0;
  for (const day of days) {
    cumulativeWeight += day.weight;
    const target = Math.round((total * cumulativeWeight) / totalWeight);
    let amount = target - assigned;
    assigned = target;
    const parts = Math.min(amount, random.int(1, shape.maxEventsPerDay));
    for (let part = parts; part > 0 && amount > 0; part--) {
      const units = part === 1 ? amount : random.int(1, Math.max(1, Math.floor(amount / part)));
      amount -= units;
      const id = ids('evt');
      events.push({
        id,
        feature,
        amount: units,
        at: day.start + Math.floor(random.next() * (day.end - day.start)),
        idempotencyKey: `seed_${id}`,
        kind: 'usage',
        reason: null,
        result: null,
        billedAt: null,
      });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

/** Plan allowances for every reset window since the plan began, with the usage that drew them. */
export function allowanceActivity(
  store: MockStore,
  account: AccountRecord,
  random: SeededRandom,
  ids: (prefix: string) => string,
  profile: UsageProfile,
): Pick<AccountActivity, 'grants' | 'usage'> {
  const { subscription } = account;
  const plan = planOf(store.catalog, subscription.planId);
  const since = subscription.paidSince ?? account.createdAt;
  const grants: GrantRecord[] = [];
  const usage: UsageRecord[] = [];
  for (const feature of store.catalog.features) {
    if (feature.kind !== 'metered') continue;
    const entitlement = effectiveEntitlement(store.catalog, plan, subscription.addOns, feature.key);
    if (!entitlement) continue;
    const reset = entitlement.reset ?? 'month';
    const withPast = profile.pastFeatures?.includes(feature.key) ?? true;
    const historyStart = !withPast
      ? store.now
      : reset === 'day'
        ? store.now - (profile.historyDays ?? 14) * DAY
        : store.now - 40 * DAY;
    const windows = windowsBetween(subscription, reset, Math.max(since, historyStart), store.now);
    for (const window of windows) {
      const start = Math.max(window.start, since);
      const isCurrent = window.end > store.now;
      const single = !isCurrent && profile.pastWindows === 'single';
      const spread = (units: number) =>
        spreadUsage(
          random,
          ids,
          feature.key,
          start,
          Math.min(window.end, store.now),
          units,
          single ? { activeDayShare: 0, maxEventsPerDay: 1 } : profile.shape,
        );
      const allowance = entitlement.amount;
      if (allowance === null || allowance === 0) {
        const monthly = profile.openUsage?.(feature.key) ?? 0;
        const units = Math.round((monthly * (Math.min(window.end, store.now) - start)) / (30 * DAY));
        usage.push(...spread(units));
        continue;
      }
      grants.push({
        id: ids('grant'),
        feature: feature.key,
        source: 'plan',
        amount: allowance,
        effectiveAt: start,
        expiresAt: window.end,
        reason: null,
        reference: plan.id,
        createdAt: start,
      });
      const used = isCurrent
        ? (profile.current?.[feature.key] ?? Math.floor(allowance * profile.currentShare))
        : Math.floor(allowance * Math.min(1, profile.pastShare()));
      usage.push(...spread(used));
    }
  }
  return { grants, usage };
}
