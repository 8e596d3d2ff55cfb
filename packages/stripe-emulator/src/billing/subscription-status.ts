import { type EmulatorContext, emit } from '../context.js';
import { idOf } from '../lookups.js';
import type { InvoiceObject, SubscriptionBilling, SubscriptionObject } from '../objects.js';

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
  const before = structuredClone(subscription);
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
    const stillOwes = [...context.store.invoices.values()].some(
      (other) =>
        other.id !== invoice.id &&
        other.status === 'open' &&
        idOf(other.parent?.subscription_details?.subscription ?? null) === subscription.id,
    );
    if (stillOwes) return;
    state.dunningStartedAt = null;
    state.retriesDone = 0;
    if (['incomplete', 'past_due', 'unpaid'].includes(subscription.status)) {
      setSubscriptionStatus(context, subscription, 'active', now);
    }
    return;
  }
  if (invoice.billing_reason === 'subscription_create') return;
  if (state.dunningStartedAt === null) state.dunningStartedAt = now;
  if (subscription.status === 'active' || subscription.status === 'trialing') {
    setSubscriptionStatus(context, subscription, 'past_due', now);
  }
}
