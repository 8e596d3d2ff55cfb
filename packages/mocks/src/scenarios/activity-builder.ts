import type { AuditEntry, Purchase } from '@billing-kit/contracts';
import { addMonths, DAY, iso, monthlyWindow, startOfUtcDay } from '../calendar.js';
import type { SeededRandom } from '../seeded-random.js';
import { effectiveEntitlement, findAddOn, moneyIn, planOf, planPrice } from '../store/catalog-lookup.js';
import type { MockStore } from '../store/mock-store.js';
import { windowsBetween } from '../store/reset-windows.js';
import type {
  AccountActivity,
  AccountRecord,
  GrantRecord,
  StoredInvoice,
  SubscriptionRecord,
  UsageRecord,
} from '../store/store-types.js';

/**
 * Ids scoped to one account, so an account's generated history is the same whichever order accounts
 * are opened in.
 */
export function idsFor(accountId: string): (prefix: string) => string {
  const counters = new Map<string, number>();
  const suffix = accountId.replace(/^acct_/, '');
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}_${suffix}_${String(next).padStart(4, '0')}`;
  };
}

export interface SubscriptionSeed {
  planId: string;
  status?: SubscriptionRecord['status'];
  interval?: 'month' | 'year';
  currency?: string;
  customAmount?: number;
  /** When the paid subscription (or its trial) began; the billing cycle is anchored on it. */
  paidSince?: number;
  trialEnd?: number;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: number;
  addOns?: { addOnId: string; quantity: number }[];
  accessLimited?: boolean;
}

export function subscriptionRecord(store: MockStore, seed: SubscriptionSeed): SubscriptionRecord {
  const status = seed.status ?? (seed.paidSince === undefined ? 'free' : 'active');
  const billed = status !== 'free' && status !== 'canceled' && seed.paidSince !== undefined;
  const interval = billed ? (seed.interval ?? 'month') : null;
  let periodStart: number | null = null;
  let periodEnd: number | null = null;
  if (billed && seed.paidSince !== undefined) {
    if (status === 'trialing' && seed.trialEnd !== undefined) {
      periodStart = seed.paidSince;
      periodEnd = seed.trialEnd;
    } else {
      const period = monthlyWindow(seed.paidSince, store.now, interval === 'year' ? 12 : 1);
      periodStart = period.start;
      periodEnd = period.end;
    }
  }
  return {
    planId: seed.planId,
    status,
    interval,
    currency: seed.currency ?? 'USD',
    customAmount: seed.customAmount ?? null,
    periodStart,
    periodEnd,
    cancelAtPeriodEnd: seed.cancelAtPeriodEnd ?? false,
    canceledAt: seed.canceledAt ?? null,
    trialEnd: seed.trialEnd ?? null,
    addOns: seed.addOns ?? [],
    accessLimited: seed.accessLimited ?? false,
    paidSince: seed.paidSince ?? null,
  };
}

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
    const historyStart =
      reset === 'day' ? store.now - (profile.historyDays ?? 14) * DAY : store.now - 40 * DAY;
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

function invoiceUrls(id: string) {
  return {
    hostedInvoiceUrl: `https://invoice.stripe.test/i/${id}`,
    invoicePdfUrl: `https://pay.stripe.test/invoice/${id}/pdf`,
  };
}

/** One invoice per billing period since the account first paid; the last one open when past due. */
export function billingHistory(
  store: MockStore,
  account: AccountRecord,
  ids: (prefix: string) => string,
): { invoices: StoredInvoice[]; purchases: Purchase[] } {
  const { subscription } = account;
  const plan = planOf(store.catalog, subscription.planId);
  // A canceled account is back on the free tier; its paid history is not kept by generated customers.
  if (subscription.paidSince === null || plan.isFree) return { invoices: [], purchases: [] };
  const interval = subscription.interval ?? 'month';
  const months = interval === 'year' ? 12 : 1;
  const currency = subscription.currency;
  const planAmount = subscription.customAmount ?? planPrice(plan, interval, currency) ?? 0;
  const end = subscription.canceledAt ?? store.now;
  const invoices: StoredInvoice[] = [];
  const trialEnd = subscription.trialEnd;
  const periods: { start: number; end: number; trial: boolean }[] = [];
  if (trialEnd !== null) periods.push({ start: subscription.paidSince, end: trialEnd, trial: true });
  const anchor = trialEnd ?? subscription.paidSince;
  for (let step = 0; addMonths(anchor, step * months) <= end; step++) {
    periods.push({
      start: addMonths(anchor, step * months),
      end: addMonths(anchor, (step + 1) * months),
      trial: false,
    });
  }
  const prefix = account.id
    .replace(/^acct_/, '')
    .toUpperCase()
    .slice(0, 8);
  periods.forEach((period, index) => {
    const id = ids('in');
    const addOns = period.trial
      ? []
      : subscription.addOns.map(({ addOnId, quantity }) => {
          const addOn = findAddOn(store.catalog, addOnId);
          return {
            description: `${addOn?.name ?? addOnId} × ${quantity}`,
            amount: moneyIn(addOn?.prices ?? [], currency) * quantity,
            quantity,
            addOnId,
          };
        });
    const planLine = {
      description: period.trial ? `Free trial of ${plan.name}` : `${plan.name} (${interval}ly)`,
      amount: period.trial ? 0 : planAmount,
    };
    const total = planLine.amount + addOns.reduce((sum, line) => sum + line.amount, 0);
    const unpaid = index === periods.length - 1 && subscription.status === 'past_due';
    const money = (amount: number) => ({ amount, currency });
    invoices.push({
      invoice: {
        id,
        accountId: account.id,
        number: `${prefix}-${String(index + 1).padStart(4, '0')}`,
        status: unpaid ? 'open' : 'paid',
        total: money(total),
        amountDue: money(unpaid ? total : 0),
        amountPaid: money(unpaid ? 0 : total),
        periodStart: iso(period.start),
        periodEnd: iso(period.end),
        createdAt: iso(period.start),
        paidAt: unpaid ? null : iso(period.start + 3_600_000),
        ...invoiceUrls(id),
        lines: [
          { description: planLine.description, amount: money(planLine.amount), quantity: 1 },
          ...addOns.map((line) => ({
            description: line.description,
            amount: money(line.amount),
            quantity: line.quantity,
          })),
        ],
      },
      revenue: unpaid
        ? []
        : [
            { packageType: 'plan', packageId: plan.id, amount: planLine.amount },
            ...addOns.map((line) => ({
              packageType: 'add_on' as const,
              packageId: line.addOnId,
              amount: line.amount,
            })),
          ],
    });
  });
  const first = invoices[0]?.invoice;
  const purchases: Purchase[] = [
    {
      id: ids('pur'),
      accountId: account.id,
      packageType: 'plan',
      packageId: plan.id,
      name: `${plan.name} subscription`,
      amount: first?.total ?? { amount: 0, currency },
      status: 'succeeded',
      units: null,
      expiresAt: null,
      createdAt: iso(subscription.paidSince),
    },
  ];
  return { invoices, purchases };
}

export function auditRecord(
  id: string,
  accountId: string,
  fields: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'before' | 'after' | 'reason'> & { at: number },
): AuditEntry {
  return { id, accountId, ...fields, at: iso(fields.at) };
}

/** The audit trail every generated account starts with: created, then subscribed if it pays. */
export function baseAudit(account: AccountRecord, ids: (prefix: string) => string): AuditEntry[] {
  const entries = [
    auditRecord(ids('aud'), account.id, {
      actor: { type: 'system', id: null },
      action: 'account.created',
      subject: `account:${account.id}`,
      before: null,
      after: { name: account.name },
      reason: null,
      at: account.createdAt,
    }),
  ];
  const { subscription } = account;
  if (subscription.paidSince !== null) {
    entries.push(
      auditRecord(ids('aud'), account.id, {
        actor: { type: 'stripe', id: null },
        action: 'subscription.created',
        subject: `subscription:${account.id}`,
        before: { planId: 'free' },
        after: { planId: subscription.planId, interval: subscription.interval },
        reason: 'checkout.session.completed',
        at: subscription.paidSince,
      }),
    );
  }
  return entries;
}
