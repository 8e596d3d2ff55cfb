import type { ChangePlanPreview, Plan, Subscription } from '@billing-kit/contracts';
import { addMonths, iso, isoDate } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { issueInvoice, recordAudit, resetPlanAllowances } from './account-records.js';
import { findAddOn, findPlan, freePlanOf, moneyIn, planOf, planPrice } from './catalog-lookup.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, SubscriptionRecord } from './store-types.js';
import { isPaying, planAmount, subscriptionView } from './subscription-view.js';

const invalid = (field: string, message: string) =>
  fail('validation_failed', message, { issues: [{ field, message }] });

interface PlanChange {
  target: Plan;
  interval: 'month' | 'year';
  preview: ChangePlanPreview;
}

function assertSubscribed(account: AccountRecord): void {
  if (!isPaying(account)) {
    fail('conflict', 'The account has no subscription to change; start a checkout instead');
  }
}

/** Stripe-style proration: credit for the unused time of the old price, charge for the rest on the new. */
function planChange(
  store: MockStore,
  account: AccountRecord,
  request: { planId: string; interval: 'month' | 'year' },
): PlanChange {
  assertSubscribed(account);
  const { subscription } = account;
  const target = findPlan(store.catalog, request.planId);
  if (!target) return invalid('body.planId', `no plan "${request.planId}"`);
  if (target.isFree) return fail('conflict', 'Cancel the subscription to move to the free plan');
  if (target.contactSales)
    return fail('conflict', `${target.name} is sold by contact: ${target.contactSales.url}`);
  const newAmount = planPrice(target, request.interval, subscription.currency);
  if (newAmount === null) {
    return invalid(
      'body.interval',
      `${target.name} has no ${request.interval}ly price in ${subscription.currency}`,
    );
  }
  if (target.id === subscription.planId && request.interval === subscription.interval) {
    return fail('conflict', `The account is already on ${target.name} (${request.interval}ly)`);
  }
  const current = planOf(store.catalog, subscription.planId);
  const direction =
    target.id === current.id ? 'interval_change' : target.rank > current.rank ? 'upgrade' : 'downgrade';
  const oldAmount = subscription.status === 'trialing' ? 0 : (planAmount(store, account) ?? 0);
  const start = subscription.periodStart ?? store.now;
  const end = subscription.periodEnd ?? store.now;
  const unusedShare = end > start ? Math.max(0, (end - store.now) / (end - start)) : 0;
  const sameCycle = request.interval === subscription.interval && subscription.status !== 'trialing';
  const currency = subscription.currency;
  const day = isoDate(store.now);
  const lines = [
    {
      description: `Unused time on ${current.name} after ${day}`,
      amount: { amount: -Math.round(oldAmount * unusedShare), currency },
    },
    {
      description: sameCycle
        ? `Remaining time on ${target.name} after ${day}`
        : `${target.name} (${request.interval}ly) from ${day}`,
      amount: { amount: sameCycle ? Math.round(newAmount * unusedShare) : newAmount, currency },
    },
  ].filter((line) => line.amount.amount !== 0);
  const addOns = subscription.addOns.reduce(
    (sum, { addOnId, quantity }) =>
      sum + moneyIn(findAddOn(store.catalog, addOnId)?.prices ?? [], currency) * quantity,
    0,
  );
  const prorated = lines.reduce((sum, line) => sum + line.amount.amount, 0);
  return {
    target,
    interval: request.interval,
    preview: {
      planId: target.id,
      interval: request.interval,
      direction,
      amountDueNow: { amount: Math.max(0, prorated), currency },
      nextInvoiceTotal: { amount: newAmount + addOns, currency },
      prorationDate: iso(store.now),
      lines,
    },
  };
}

export function previewPlanChange(
  store: MockStore,
  account: AccountRecord,
  request: { planId: string; interval: 'month' | 'year' },
): ChangePlanPreview {
  return planChange(store, account, request).preview;
}

export function changePlan(
  store: MockStore,
  account: AccountRecord,
  request: { planId: string; interval: 'month' | 'year' },
): Subscription {
  const { target, interval, preview } = planChange(store, account, request);
  const { subscription } = account;
  const before = { planId: subscription.planId, interval: subscription.interval };
  if (interval !== subscription.interval || subscription.status === 'trialing') {
    // A new interval (or the end of a trial) starts a new billing cycle today, as in Stripe.
    subscription.periodStart = store.now;
    subscription.periodEnd = addMonths(store.now, interval === 'year' ? 12 : 1);
    subscription.status = 'active';
    subscription.trialEnd = null;
  }
  subscription.planId = target.id;
  subscription.interval = interval;
  subscription.customAmount = null;
  resetPlanAllowances(store, account);
  if (preview.amountDueNow.amount > 0) {
    issueInvoice(
      store,
      account,
      preview.lines.map((line) => ({ ...line, quantity: 1, packageType: 'plan', packageId: target.id })),
      { start: store.now, end: subscription.periodEnd ?? store.now },
    );
  }
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: `subscription.${preview.direction}`,
    subject: `subscription:${account.id}`,
    before,
    after: { planId: target.id, interval },
    reason: null,
  });
  return subscriptionView(store, account);
}

export function cancelSubscription(
  store: MockStore,
  account: AccountRecord,
  request: { atPeriodEnd: boolean; reason?: string | undefined },
): Subscription {
  assertSubscribed(account);
  const { subscription } = account;
  const before = { planId: subscription.planId, status: subscription.status };
  if (request.atPeriodEnd) {
    subscription.cancelAtPeriodEnd = true;
    subscription.canceledAt = store.now;
  } else {
    // Canceling now reverts the account to the free tier at once.
    Object.assign(subscription, {
      planId: freePlanOf(store.catalog).id,
      status: 'canceled',
      interval: null,
      customAmount: null,
      periodStart: null,
      periodEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: store.now,
      trialEnd: null,
      addOns: [],
      accessLimited: false,
    } satisfies Partial<SubscriptionRecord>);
    resetPlanAllowances(store, account);
  }
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: request.atPeriodEnd ? 'subscription.cancel_scheduled' : 'subscription.canceled',
    subject: `subscription:${account.id}`,
    before,
    after: {
      planId: subscription.planId,
      status: subscription.status,
      cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    },
    reason: request.reason ?? null,
  });
  return subscriptionView(store, account);
}

export function resumeSubscription(store: MockStore, account: AccountRecord): Subscription {
  const { subscription } = account;
  if (!isPaying(account) || !subscription.cancelAtPeriodEnd) {
    return fail('conflict', 'Only a subscription canceled for the period end can resume');
  }
  subscription.cancelAtPeriodEnd = false;
  subscription.canceledAt = null;
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: 'subscription.resumed',
    subject: `subscription:${account.id}`,
    before: { cancelAtPeriodEnd: true },
    after: { cancelAtPeriodEnd: false },
    reason: null,
  });
  return subscriptionView(store, account);
}

export function addAddOn(
  store: MockStore,
  account: AccountRecord,
  request: { addOnId: string; quantity: number },
): Subscription {
  const addOn = findAddOn(store.catalog, request.addOnId);
  if (!addOn) return invalid('body.addOnId', `no add-on "${request.addOnId}"`);
  assertSubscribed(account);
  const { subscription } = account;
  if (subscription.addOns.some((existing) => existing.addOnId === addOn.id)) {
    return fail('conflict', `The subscription already has ${addOn.name}`);
  }
  subscription.addOns.push({ addOnId: addOn.id, quantity: request.quantity });
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: 'subscription.add_on_added',
    subject: `subscription:${account.id}`,
    before: null,
    after: { addOnId: addOn.id, quantity: request.quantity },
    reason: null,
  });
  return subscriptionView(store, account);
}

export function removeAddOn(store: MockStore, account: AccountRecord, addOnId: string): Subscription {
  const { subscription } = account;
  const index = subscription.addOns.findIndex((existing) => existing.addOnId === addOnId);
  if (index === -1) return fail('not_found', `The subscription has no add-on "${addOnId}"`);
  const [removed] = subscription.addOns.splice(index, 1);
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: 'subscription.add_on_removed',
    subject: `subscription:${account.id}`,
    before: removed ?? null,
    after: null,
    reason: null,
  });
  return subscriptionView(store, account);
}
