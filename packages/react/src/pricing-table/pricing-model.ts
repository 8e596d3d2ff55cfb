import type { BillingInterval, CurrencyCode, Money, Plan, Subscription } from '@billing-kit/contracts';

/** The one right call to action for a plan card, given where the account stands. */
export type PlanAction =
  | 'current'
  | 'start_trial'
  | 'subscribe'
  | 'upgrade'
  | 'downgrade'
  | 'switch_interval'
  | 'downgrade_to_free'
  | 'contact_sales';

const paidStatuses = new Set(['trialing', 'active', 'past_due', 'unpaid', 'incomplete', 'paused']);

export function hasPaidSubscription(subscription: Subscription | undefined): boolean {
  return subscription !== undefined && paidStatuses.has(subscription.status);
}

export function planAction(
  plan: Plan,
  plans: readonly Plan[],
  subscription: Subscription | undefined,
  interval: BillingInterval,
): PlanAction {
  if (plan.contactSales) return subscription?.planId === plan.id ? 'current' : 'contact_sales';
  const paid = hasPaidSubscription(subscription);
  if (!paid) {
    if (plan.isFree) return 'current';
    return plan.trialDays ? 'start_trial' : 'subscribe';
  }
  if (subscription?.planId === plan.id)
    return subscription.interval === interval ? 'current' : 'switch_interval';
  if (plan.isFree) return 'downgrade_to_free';
  const currentRank = plans.find((candidate) => candidate.id === subscription?.planId)?.rank ?? -1;
  return plan.rank > currentRank ? 'upgrade' : 'downgrade';
}

/** The plan's price for an interval in the wanted currency, else in its first currency. */
export function planPrice(plan: Plan, interval: BillingInterval, currency: CurrencyCode): Money | null {
  const forInterval = plan.prices.filter((price) => price.interval === interval);
  return (forInterval.find((price) => price.price.currency === currency) ?? forInterval[0])?.price ?? null;
}

/** What paying yearly saves against twelve monthly payments, as a fraction (0.17 = 17%), or null. */
export function yearlySaving(plan: Plan, currency: CurrencyCode): number | null {
  const monthly = planPrice(plan, 'month', currency);
  const yearly = planPrice(plan, 'year', currency);
  if (!monthly || !yearly || monthly.currency !== yearly.currency || monthly.amount === 0) return null;
  const saving = 1 - yearly.amount / (monthly.amount * 12);
  return saving > 0 ? saving : null;
}

/** The best yearly saving across plans, for the interval switch's label. */
export function bestYearlySaving(plans: readonly Plan[], currency: CurrencyCode): number | null {
  const savings = plans
    .map((plan) => yearlySaving(plan, currency))
    .filter((saving): saving is number => saving !== null);
  return savings.length > 0 ? Math.max(...savings) : null;
}

export function priceIn<Priced extends { prices: Money[] }>(
  item: Priced,
  currency: CurrencyCode,
): Money | undefined {
  return item.prices.find((price) => price.currency === currency) ?? item.prices[0];
}

export const actionLabels: Record<PlanAction, string> = {
  current: 'Current plan',
  start_trial: 'Start free trial',
  subscribe: 'Subscribe',
  upgrade: 'Upgrade',
  downgrade: 'Downgrade',
  switch_interval: 'Switch billing period',
  downgrade_to_free: 'Downgrade',
  contact_sales: 'Contact sales',
};
