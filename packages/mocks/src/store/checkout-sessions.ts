import type { CheckoutRequest, CheckoutSession, PortalSession } from '@billing-kit/contracts';
import { addMonths, DAY, iso } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { issueInvoice, recordAudit, resetPlanAllowances } from './account-records.js';
import { accountOf, activityOf } from './accounts.js';
import { catalogCurrency, findAddOn, findPack, findPlan, moneyIn, planPrice } from './catalog-lookup.js';
import { recordPackPurchase } from './credit-packs.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, SubscriptionRecord } from './store-types.js';
import { isPaying } from './subscription-view.js';

const invalid = (field: string, message: string) =>
  fail('validation_failed', message, { issues: [{ field, message }] });

/** Checks the item can be bought by this account, as Stripe and the server would refuse it. */
function assertPurchasable(
  store: MockStore,
  account: AccountRecord,
  request: CheckoutRequest,
  currency: string,
) {
  const { item } = request;
  if (item.kind === 'plan') {
    const plan = findPlan(store.catalog, item.planId);
    if (!plan) return invalid('body.item.planId', `no plan "${item.planId}"`);
    if (plan.isFree) return fail('conflict', 'The free plan needs no checkout');
    if (plan.contactSales)
      return fail('conflict', `${plan.name} is sold by contact: ${plan.contactSales.url}`);
    if (planPrice(plan, item.interval, currency) === null) {
      return invalid('body.item.interval', `${plan.name} has no ${item.interval}ly price in ${currency}`);
    }
    if (isPaying(account)) {
      return fail('conflict', 'The account already has a subscription; change its plan instead');
    }
    return;
  }
  if (item.kind === 'credit_pack') {
    if (!findPack(store.catalog, item.packId))
      return invalid('body.item.packId', `no credit pack "${item.packId}"`);
    return;
  }
  if (!findAddOn(store.catalog, item.addOnId))
    return invalid('body.item.addOnId', `no add-on "${item.addOnId}"`);
  if (!isPaying(account)) return fail('conflict', 'Add-ons attach to a subscription; subscribe first');
  if (account.subscription.addOns.some((addOn) => addOn.addOnId === item.addOnId)) {
    return fail('conflict', `The subscription already has "${item.addOnId}"`);
  }
}

export function createCheckoutSession(
  store: MockStore,
  account: AccountRecord,
  request: CheckoutRequest,
): CheckoutSession {
  const currency = request.currency ?? catalogCurrency(store.catalog);
  assertPurchasable(store, account, request, currency);
  const sessionId = store.nextId('cs_test');
  store.checkoutSessions.set(sessionId, {
    id: sessionId,
    accountId: account.id,
    item: request.item,
    currency,
    status: 'open',
  });
  return request.uiMode === 'embedded'
    ? { uiMode: 'embedded', sessionId, clientSecret: `${sessionId}_secret_mock` }
    : { uiMode: 'redirect', sessionId, url: `https://checkout.stripe.test/c/pay/${sessionId}` };
}

export function createPortalSession(
  store: MockStore,
  account: AccountRecord,
  returnUrl: string,
): PortalSession {
  const session = store.nextId('bps');
  return {
    url: `https://billing.stripe.test/p/session/${session}?account=${account.id}&return_url=${encodeURIComponent(returnUrl)}`,
  };
}

/**
 * What Stripe's `checkout.session.completed` webhook does on the server. Completing a session twice
 * changes nothing, like a duplicate webhook.
 */
export function completeCheckoutSession(store: MockStore, sessionId: string): void {
  const session = store.checkoutSessions.get(sessionId);
  if (!session) throw new Error(`No mock checkout session "${sessionId}"`);
  if (session.status === 'complete') return;
  session.status = 'complete';
  const account = accountOf(store, session.accountId);
  const activity = activityOf(account);
  const { item } = session;
  if (item.kind === 'credit_pack') {
    for (let unit = 0; unit < item.quantity; unit++) {
      recordPackPurchase(store, account, store.nextId, item.packId, store.now);
    }
    return;
  }
  if (item.kind === 'add_on') {
    const addOn = findAddOn(store.catalog, item.addOnId);
    if (!addOn) throw new Error(`No add-on "${item.addOnId}"`);
    const amount = moneyIn(addOn.prices, account.subscription.currency) * item.quantity;
    account.subscription.addOns.push({ addOnId: addOn.id, quantity: item.quantity });
    activity.purchases.push({
      id: store.nextId('pur'),
      accountId: account.id,
      packageType: 'add_on',
      packageId: addOn.id,
      name: addOn.name,
      amount: { amount, currency: account.subscription.currency },
      status: 'succeeded',
      units: null,
      expiresAt: null,
      createdAt: iso(store.now),
    });
    recordAudit(store, account, {
      actor: { type: 'stripe', id: null },
      action: 'subscription.add_on_added',
      subject: `subscription:${account.id}`,
      before: null,
      after: { addOnId: addOn.id, quantity: item.quantity },
      reason: 'checkout.session.completed',
    });
    return;
  }
  const plan = findPlan(store.catalog, item.planId);
  if (!plan) throw new Error(`No plan "${item.planId}"`);
  const trialDays = item.trialDays ?? plan.trialDays;
  const before = { planId: account.subscription.planId, status: account.subscription.status };
  const periodEnd = trialDays
    ? store.now + trialDays * DAY
    : addMonths(store.now, item.interval === 'year' ? 12 : 1);
  Object.assign(account.subscription, {
    planId: plan.id,
    status: trialDays ? 'trialing' : 'active',
    interval: item.interval,
    currency: session.currency,
    customAmount: null,
    periodStart: store.now,
    periodEnd,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    trialEnd: trialDays ? periodEnd : null,
    addOns: [],
    accessLimited: false,
    paidSince: account.subscription.paidSince ?? store.now,
  } satisfies SubscriptionRecord);
  resetPlanAllowances(store, account);
  const amount = trialDays ? 0 : (planPrice(plan, item.interval, session.currency) ?? 0);
  const money = { amount, currency: session.currency };
  issueInvoice(
    store,
    account,
    [
      {
        description: trialDays ? `Free trial of ${plan.name}` : `${plan.name} (${item.interval}ly)`,
        amount: money,
        quantity: 1,
        packageType: 'plan',
        packageId: plan.id,
      },
    ],
    { start: store.now, end: periodEnd },
  );
  activity.purchases.push({
    id: store.nextId('pur'),
    accountId: account.id,
    packageType: 'plan',
    packageId: plan.id,
    name: `${plan.name} subscription`,
    amount: money,
    status: 'succeeded',
    units: null,
    expiresAt: null,
    createdAt: iso(store.now),
  });
  recordAudit(store, account, {
    actor: { type: 'stripe', id: null },
    action: 'subscription.created',
    subject: `subscription:${account.id}`,
    before,
    after: { planId: plan.id, status: account.subscription.status, interval: item.interval },
    reason: 'checkout.session.completed',
  });
}
