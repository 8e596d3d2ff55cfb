import type { Money, Subscription } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { findAddOn, moneyIn, planOf, planPrice } from './catalog-lookup.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord } from './store-types.js';

const isoOrNull = (at: number | null) => (at === null ? null : iso(at));

/** The recurring price of the plan alone, per its interval, in the subscription's currency. */
export function planAmount(store: MockStore, account: AccountRecord): number | null {
  const { subscription } = account;
  if (subscription.interval === null) return null;
  if (subscription.customAmount !== null) return subscription.customAmount;
  return planPrice(planOf(store.catalog, subscription.planId), subscription.interval, subscription.currency);
}

export function subscriptionView(store: MockStore, account: AccountRecord): Subscription {
  const { subscription } = account;
  const plan = planOf(store.catalog, subscription.planId);
  const amount = planAmount(store, account);
  const price: Money | null = amount === null ? null : { amount, currency: subscription.currency };
  return {
    accountId: account.id,
    planId: plan.id,
    planName: plan.name,
    status: subscription.status,
    interval: subscription.interval,
    price,
    currentPeriodStart: isoOrNull(subscription.periodStart),
    currentPeriodEnd: isoOrNull(subscription.periodEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    canceledAt: isoOrNull(subscription.canceledAt),
    trialEnd: isoOrNull(subscription.trialEnd),
    addOns: subscription.addOns.map(({ addOnId, quantity }) => {
      const addOn = findAddOn(store.catalog, addOnId);
      return {
        addOnId,
        name: addOn?.name ?? addOnId,
        quantity,
        price: {
          amount: moneyIn(addOn?.prices ?? [], subscription.currency),
          currency: subscription.currency,
        },
      };
    }),
    accessLimited: subscription.accessLimited,
  };
}

/** Monthly recurring revenue of one account: yearly prices count a twelfth, trials and free count nothing. */
export function monthlyRevenue(store: MockStore, account: AccountRecord): number {
  const { subscription } = account;
  if (subscription.status !== 'active' && subscription.status !== 'past_due') return 0;
  const perMonth = (amount: number) => (subscription.interval === 'year' ? Math.round(amount / 12) : amount);
  const addOns = subscription.addOns.reduce((sum, { addOnId, quantity }) => {
    const addOn = findAddOn(store.catalog, addOnId);
    return sum + moneyIn(addOn?.prices ?? [], subscription.currency) * quantity;
  }, 0);
  return perMonth(planAmount(store, account) ?? 0) + addOns;
}

export function isPaying(account: AccountRecord): boolean {
  return ['trialing', 'active', 'past_due', 'unpaid', 'incomplete', 'paused'].includes(
    account.subscription.status,
  );
}
