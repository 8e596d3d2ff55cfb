import type Stripe from 'stripe';
import type { Executor } from '../../db/database.js';
import type { BillingServices } from '../../services.js';
import { isCustomerLinked, linkStripeCustomer, stripeIdOf } from '../accounts/customer-link.js';
import { stripeActor } from '../audit/audit-log.js';
import { invoiceSubscriptionId, mirrorInvoice } from '../invoices/invoice-mirror.js';
import { settlePurchase } from '../purchases/purchase-payments.js';
import { mirrorSubscription } from '../subscriptions/subscription-mirror.js';
import { memoizedStripeReader, type StripeReader } from './stripe-reader.js';

const eventTime = (event: Stripe.Event) => new Date(event.created * 1000);

const subscriptionEvents = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
]);
const invoiceEvents = new Set([
  'invoice.created',
  'invoice.finalized',
  'invoice.updated',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_succeeded',
  'invoice.voided',
  'invoice.marked_uncollectible',
]);
// Payment outcomes move the subscription (active, past_due); re-reading it converges even when the
// subscription's own event was lost or is still on its way.
const paymentOutcomes = new Set(['invoice.paid', 'invoice.payment_failed']);

/** What an event will need from Stripe, known before the transaction opens. */
interface EventNeeds {
  customer: string | null;
  subscription: string | null;
  staleCheck: { table: 'subscriptions' | 'invoices'; id: string } | null;
}

function needsOf(event: Stripe.Event): EventNeeds {
  const object = event.data.object as { id?: string; customer?: string | { id: string } | null };
  if (
    event.type === 'checkout.session.completed' ||
    event.type === 'checkout.session.async_payment_succeeded'
  ) {
    const session = event.data.object;
    const subscription = session.mode === 'subscription' ? stripeIdOf(session.subscription) : null;
    return { customer: stripeIdOf(session.customer), subscription, staleCheck: null };
  }
  if (subscriptionEvents.has(event.type) && object.id) {
    return {
      customer: stripeIdOf(object.customer),
      subscription: null,
      staleCheck: { table: 'subscriptions', id: object.id },
    };
  }
  if (invoiceEvents.has(event.type) && object.id) {
    const invoice = event.data.object as Stripe.Invoice;
    const subscription = paymentOutcomes.has(event.type) ? invoiceSubscriptionId(invoice) : null;
    return {
      customer: stripeIdOf(invoice.customer),
      subscription,
      staleCheck: { table: 'invoices', id: object.id },
    };
  }
  return { customer: null, subscription: null, staleCheck: null };
}

/**
 * Reads from Stripe, before any transaction, what applying the event will need: holding a transaction (on
 * PGlite: the whole database) across network calls would stall every other request. Anything a race makes
 * necessary later is still fetched inside, so this only moves work, never changes the outcome.
 */
async function prefetch(services: BillingServices, reader: StripeReader, event: Stripe.Event): Promise<void> {
  const needs = needsOf(event);
  const reads: Promise<unknown>[] = [];
  if (needs.customer && !(await isCustomerLinked(services.db, needs.customer)))
    reads.push(reader.customer(needs.customer));
  if (needs.subscription) reads.push(reader.subscription(needs.subscription));
  if (needs.staleCheck) {
    const { rows } = await services.db.query<{ stripe_updated_at: Date }>(
      `SELECT stripe_updated_at FROM ${needs.staleCheck.table} WHERE id = $1`,
      [needs.staleCheck.id],
    );
    if (rows[0] && rows[0].stripe_updated_at > eventTime(event)) {
      const id = needs.staleCheck.id;
      reads.push(needs.staleCheck.table === 'subscriptions' ? reader.subscription(id) : reader.invoice(id));
    }
  }
  await Promise.all(reads);
}

async function syncSubscription(
  reader: StripeReader,
  tx: Executor,
  subscriptionId: string,
  observedAt: Date,
) {
  const fresh = await reader.subscription(subscriptionId);
  await linkStripeCustomer(reader, tx, fresh.customer);
  await mirrorSubscription(tx, fresh, observedAt, stripeActor, { fresh: true });
}

async function applyEvent(reader: StripeReader, tx: Executor, event: Stripe.Event): Promise<void> {
  const observedAt = eventTime(event);
  if (
    event.type === 'checkout.session.completed' ||
    event.type === 'checkout.session.async_payment_succeeded'
  ) {
    const session = event.data.object;
    await linkStripeCustomer(reader, tx, session.customer);
    const subscriptionId = stripeIdOf(session.subscription);
    if (session.mode === 'subscription' && subscriptionId)
      await syncSubscription(reader, tx, subscriptionId, observedAt);
    if (session.mode === 'payment' && session.payment_status === 'paid') {
      const reference = {
        purchaseId: session.metadata?.purchase_id,
        checkoutSessionId: session.id,
        paymentIntentId: stripeIdOf(session.payment_intent) ?? undefined,
      };
      await settlePurchase(tx, reference, 'paid', stripeActor, observedAt);
    }
    return;
  }
  if (event.type === 'checkout.session.expired' || event.type === 'checkout.session.async_payment_failed') {
    // A pack's checkout that ended unpaid — abandoned, or a card declined until the session expired, or a
    // delayed payment that failed — fails its pending purchase; a later payment would still settle it paid.
    const session = event.data.object;
    if (session.mode === 'payment') {
      const reference = { purchaseId: session.metadata?.purchase_id, checkoutSessionId: session.id };
      await settlePurchase(tx, reference, 'failed', stripeActor, observedAt);
    }
    return;
  }
  if (subscriptionEvents.has(event.type)) {
    const subscription = event.data.object as Stripe.Subscription;
    await linkStripeCustomer(reader, tx, subscription.customer);
    const outcome = await mirrorSubscription(tx, subscription, observedAt, stripeActor);
    // An older event arriving after a newer one: its payload is stale, so apply Stripe's present instead.
    if (outcome === 'stale') await syncSubscription(reader, tx, subscription.id, observedAt);
    return;
  }
  if (invoiceEvents.has(event.type)) {
    const invoice = event.data.object as Stripe.Invoice;
    await linkStripeCustomer(reader, tx, invoice.customer);
    const outcome = await mirrorInvoice(tx, invoice, observedAt);
    if (outcome === 'stale' && invoice.id) {
      await mirrorInvoice(tx, await reader.invoice(invoice.id), observedAt, { fresh: true });
    }
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (subscriptionId && paymentOutcomes.has(event.type))
      await syncSubscription(reader, tx, subscriptionId, observedAt);
    return;
  }
  if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
    const intent = event.data.object;
    const outcome = event.type === 'payment_intent.succeeded' ? 'paid' : 'failed';
    await settlePurchase(
      tx,
      { purchaseId: intent.metadata?.purchase_id, paymentIntentId: intent.id },
      outcome,
      stripeActor,
      observedAt,
      intent.last_payment_error
        ? {
            code: intent.last_payment_error.code ?? 'payment_failed',
            message: intent.last_payment_error.message ?? 'The payment failed.',
          }
        : undefined,
    );
  }
  // Any other event is stored for the record; nothing in the mirror depends on it.
}

/**
 * Stores a verified event once by its id and applies it in the same transaction: a failure rolls both
 * back and the caller answers non-2xx, so Stripe retries and nothing is half-written. A repeated delivery
 * finds the id taken (concurrent ones wait on the primary key) and changes nothing.
 */
export async function handleStripeWebhook(
  services: BillingServices,
  event: Stripe.Event,
): Promise<{ duplicate: boolean }> {
  const known = await services.db.query('SELECT 1 FROM stripe_events WHERE id = $1', [event.id]);
  if (known.rowCount > 0) return { duplicate: true };
  const reader = memoizedStripeReader(services.stripe);
  await prefetch(services, reader, event);
  return services.db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `INSERT INTO stripe_events (id, type, stripe_created_at, livemode, payload, processed_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now()) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type, eventTime(event), event.livemode, JSON.stringify(event)],
    );
    if (rowCount === 0) return { duplicate: true };
    await applyEvent(reader, tx, event);
    return { duplicate: false };
  });
}
