import { DAY } from '../calendar.js';
import { createRandom, hashSeed, type SeededRandom } from '../seeded-random.js';
import { isCreditFeature } from '../store/catalog-lookup.js';
import type { MockStore } from '../store/mock-store.js';
import type { AccountRecord } from '../store/store-types.js';
import { baseAudit } from './audit-history.js';
import { billingHistory } from './billing-history.js';
import { companySuffixes, companyWords, emailDomains, firstNames, lastNames } from './people-names.js';
import { idsFor, type SubscriptionSeed, subscriptionRecord } from './subscription-seed.js';
import { allowanceActivity } from './usage-history.js';

const planWeights = [
  ['free', 42],
  ['starter', 20],
  ['pro', 22],
  ['creator', 9],
  ['ultimate', 4],
  ['enterprise', 3],
] as const;

function subscriptionSeed(random: SeededRandom, now: number, createdAt: number): SubscriptionSeed {
  const planId = random.weighted(planWeights);
  const ageDays = Math.floor((now - createdAt) / DAY);
  const paidSince = createdAt + random.int(0, Math.min(30, ageDays)) * DAY;
  if (planId === 'free') {
    if (!random.chance(0.12) || now - paidSince < 40 * DAY) return { planId };
    const canceledAt = paidSince + random.int(31, Math.floor((now - paidSince) / DAY) - 1) * DAY;
    return { planId, status: 'canceled', paidSince, canceledAt };
  }
  if (planId === 'enterprise') {
    return { planId, interval: 'year', paidSince, customAmount: random.int(24, 120) * 100_000 };
  }
  const interval = random.weighted([
    ['month', 3],
    ['year', 1],
  ] as const);
  const addOns = random.chance(0.15)
    ? [{ addOnId: random.pick(['extra_storage', 'priority_support', 'advanced_integrations']), quantity: 1 }]
    : [];
  if (planId === 'pro' && now - paidSince < 14 * DAY) {
    return { planId, interval, status: 'trialing', paidSince, trialEnd: paidSince + 14 * DAY };
  }
  const status = random.weighted([
    ['active', 94],
    ['past_due', 6],
  ] as const);
  const cancelAtPeriodEnd = status === 'active' && random.chance(0.06);
  return {
    planId,
    interval,
    status,
    paidSince,
    addOns,
    accessLimited: status === 'past_due' && random.chance(0.5),
    cancelAtPeriodEnd,
    // Stripe stamps canceled_at when the cancellation is requested, not when the period ends.
    ...(cancelAtPeriodEnd ? { canceledAt: Math.max(paidSince, now - random.int(1, 20) * DAY) } : {}),
  };
}

function identity(random: SeededRandom, index: number) {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const domain = random.pick(emailDomains);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  const company = random.chance(0.4) ? `${random.pick(companyWords)} ${random.pick(companySuffixes)}` : null;
  return { name: company ?? `${first} ${last}`, email: `${local}${index}@${domain}` };
}

/**
 * Customers for the admin screens, each from its own seed: the list is cheap to build, and each
 * customer's ledger and invoices are generated only when something reads them.
 */
export function addGeneratedCustomers(store: MockStore, seed: number, count: number, firstIndex = 1): void {
  const creditFeatures = store.catalog.features
    .map((feature) => feature.key)
    .filter((feature) => isCreditFeature(store.catalog, feature));
  for (let index = firstIndex; index < firstIndex + count; index++) {
    const random = createRandom(hashSeed(seed, 'customer', index));
    const createdAt = store.now - random.int(1, 540) * DAY - random.int(0, 86_399) * 1000;
    const id = `acct_c${String(index).padStart(5, '0')}`;
    const account: AccountRecord = {
      id,
      ...identity(random, index),
      createdAt,
      subscription: subscriptionRecord(store, subscriptionSeed(random, store.now, createdAt)),
      activity: null,
      buildActivity: null,
    };
    account.buildActivity = () => {
      const activityRandom = createRandom(hashSeed(seed, 'activity', index));
      const ids = idsFor(id);
      const paying = account.subscription.paidSince !== null && account.subscription.status !== 'canceled';
      const ledger = allowanceActivity(store, account, activityRandom, ids, {
        pastShare: () => 0.1 + activityRandom.next() * 0.9,
        currentShare: activityRandom.next() * 0.9,
        historyDays: 3,
        pastWindows: 'single',
        // Only credits feed the metrics' usage and expiry figures; other quotas need just this period.
        pastFeatures: creditFeatures,
        shape: { activeDayShare: 0.1, maxEventsPerDay: 1 },
        openUsage: (feature) =>
          feature === 'voice_words'
            ? paying
              ? activityRandom.int(0, 3000)
              : 0
            : activityRandom.int(500, 5000),
      });
      return { ...ledger, ...billingHistory(store, account, ids), audit: baseAudit(account, ids) };
    };
    store.accounts.set(id, account);
  }
}
