import { monthlyWindow } from '../calendar.js';
import type { MockStore } from '../store/mock-store.js';
import type { SubscriptionRecord } from '../store/store-types.js';

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
