import type Stripe from 'stripe';
import type { Executor } from '../../db/database.js';
import type { BillingServices } from '../../services.js';
import { linkStripeCustomer } from '../accounts/customer-link.js';
import { stripeActor } from '../audit/audit-log.js';
import { invoiceSubscriptionId, mirrorInvoice } from '../invoices/invoice-mirror.js';
import { settlePurchase } from '../purchases/purchase-payments.js';
import { mirrorSubscription } from '../subscriptions/subscription-mirror.js';

const eventTime = (event: Stripe.Event) => new Date(event.created * 1000);
const idOf = (value: string | { id: string } | null | undefined) =>
  value === null || value === undefined ? undefined : typeof value === 'string' ? value : value.id;

async function syncSubscription(
  services: BillingServices,
  tx: Executor,
  subscriptionId: string,
  observedAt: Date,
): Promise<void> {
  const fresh = await services.stripe.call((stripe) => stripe.subscriptions.retrieve(subscriptionId));
  await linkStripeCustomer(services, tx, fresh.customer);
  await mirrorSubscription(tx, fresh, observedAt, stripeActor, { fresh: true });
}

async function applySubscriptionEvent(
  services: BillingServices,
  tx: Executor,
  subscription: Stripe.Subscription,
  observedAt: Date,
): Promise<void> {
  await linkStripeCustomer(services, tx, subscription.customer);
  const outcome = await mirrorSubscription(tx, subscription, observedAt, stripeActor);
  // An older event arriving after a newer one: its payload is stale, so ask Stripe for the present.
  if (outcome === 'stale') await syncSubscription(services, tx, subscription.id, observedAt);
}

async function applyInvoiceEvent(
  services: BillingServices,
  tx: Executor,
  event: Stripe.Event,
  invoice: Stripe.Invoice,
): Promise<void> {
  const observedAt = eventTime(event);
  await linkStripeCustomer(services, tx, invoice.customer);
  const outcome = await mirrorInvoice(tx, invoice, observedAt);
  if (outcome === 'stale' && invoice.id) {
    const invoiceId = invoice.id;
    const fresh = await services.stripe.call((stripe) => stripe.invoices.retrieve(invoiceId));
    await mirrorInvoice(tx, fresh, observedAt, { fresh: true });
  }
  // Payment outcomes move the subscription (active, past_due); re-reading it converges even when the
  // subscription's own event was lost or is still on its way.
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (subscriptionId && (event.type === 'invoice.paid' || event.type === 'invoice.payment_failed')) {
    await syncSubscription(services, tx, subscriptionId, observedAt);
  }
}

async function applyEvent(services: BillingServices, tx: Executor, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      await linkStripeCustomer(services, tx, session.customer);
      const subscriptionId = idOf(session.subscription);
      if (session.mode === 'subscription' && subscriptionId) {
        await syncSubscription(services, tx, subscriptionId, eventTime(event));
      }
      if (session.mode === 'payment' && session.payment_status === 'paid') {
        await settlePurchase(
          tx,
          {
            purchaseId: session.metadata?.purchase_id,
            checkoutSessionId: session.id,
            paymentIntentId: idOf(session.payment_intent),
          },
          'paid',
          stripeActor,
        );
      }
      return;
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.paused':
    case 'customer.subscription.resumed':
    case 'customer.subscription.trial_will_end':
      return applySubscriptionEvent(services, tx, event.data.object, eventTime(event));
    case 'invoice.created':
    case 'invoice.finalized':
    case 'invoice.updated':
    case 'invoice.paid':
    case 'invoice.payment_failed':
    case 'invoice.payment_succeeded':
    case 'invoice.voided':
    case 'invoice.marked_uncollectible':
      return applyInvoiceEvent(services, tx, event, event.data.object);
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      await settlePurchase(
        tx,
        { purchaseId: intent.metadata?.purchase_id, paymentIntentId: intent.id },
        event.type === 'payment_intent.succeeded' ? 'paid' : 'failed',
        stripeActor,
      );
      return;
    }
    default:
      // Stored for the record; nothing in the mirror depends on it.
      return;
  }
}

/**
 * Stores a verified event once by its id and applies it in the same transaction: a failure rolls both
 * back and the caller answers 500, so Stripe retries and nothing is half-written. A repeated delivery
 * finds the id taken (concurrent ones wait on the primary key) and changes nothing.
 */
export async function handleStripeWebhook(
  services: BillingServices,
  event: Stripe.Event,
): Promise<{ duplicate: boolean }> {
  return services.db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `INSERT INTO stripe_events (id, type, stripe_created_at, livemode, payload, processed_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now()) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type, eventTime(event), event.livemode, JSON.stringify(event)],
    );
    if (rowCount === 0) return { duplicate: true };
    await applyEvent(services, tx, event);
    return { duplicate: false };
  });
}
