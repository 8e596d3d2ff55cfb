import { type EmulatorContext, emit } from '../context.js';
import { idOf } from '../lookups.js';
import type { InvoiceObject, SubscriptionBilling, SubscriptionObject } from '../objects.js';
import { clone } from '../wire.js';

export function billingStateOf(context: EmulatorContext, subscriptionId: string): SubscriptionBilling {
  let state = context.store.subscriptionBilling.get(subscriptionId);
  if (!state) {
    state = { dunningStartedAt: null, retriesDone: 0, trialWillEndSent: false };
    context.store.subscriptionBilling.set(subscriptionId, state);
  }
  return state;
}

export function setSubscriptionStatus(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  status: SubscriptionObject['status'],
  now: number,
): void {
  if (subscription.status === status) return;
  if (context.subscriptionsBeingCreated.has(subscription.id)) {
    subscription.status = status;
    return;
  }
  const before = clone(subscription);
  subscription.status = status;
  emit(context, 'customer.subscription.updated', subscription, now, before);
}

/** How a subscription reacts to a payment attempt on one of its invoices. */
export function subscriptionAfterPayment(
  context: EmulatorContext,
  invoice: InvoiceObject,
  paid: boolean,
  now: number,
): void {
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
  const subscription = subscriptionId ? context.store.subscriptions.get(subscriptionId) : undefined;
  if (!subscription || subscription.status === 'canceled' || subscription.status === 'incomplete_expired')
    return;
  const state = billingStateOf(context, subscription.id);
  if (paid) {
    state.dunningStartedAt = null;
    state.retriesDone = 0;
    if (!['incomplete', 'past_due', 'unpaid'].includes(subscription.status)) return;
    // Only scanned when it matters: a subscription is back in good standing once nothing is open.
    for (const other of context.store.invoices.values()) {
      const owner = idOf(other.parent?.subscription_details?.subscription ?? null);
      if (other.id !== invoice.id && other.status === 'open' && owner === subscription.id) return;
    }
    setSubscriptionStatus(context, subscription, 'active', now);
    return;
  }
  if (invoice.billing_reason === 'subscription_create') return;
  if (state.dunningStartedAt === null) state.dunningStartedAt = now;
  if (subscription.status === 'active' || subscription.status === 'trialing') {
    setSubscriptionStatus(context, subscription, 'past_due', now);
  }
}
