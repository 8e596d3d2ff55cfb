import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { createCustomerRecord } from '../customer-factory.js';
import { idOf } from '../lookups.js';
import type { CheckoutSessionObject, CustomerObject } from '../objects.js';
import {
  attachPaymentMethod,
  createCardPaymentMethod,
  setDefaultPaymentMethod,
} from '../payment-method-factory.js';
import { testCardForNumber } from '../test-cards.js';
import { charge } from './payments.js';
import { succeedSetupIntent } from './setup-intents.js';
import { createSubscription } from './subscription-lifecycle.js';

export type CheckoutOutcome =
  | { kind: 'completed'; redirectUrl: string | null }
  | { kind: 'declined'; message: string }
  | { kind: 'requires_authentication' }
  | { kind: 'invalid'; message: string };

function ensureCustomer(
  context: EmulatorContext,
  session: CheckoutSessionObject,
  email: string | null,
): CustomerObject {
  const existing = idOf(session.customer);
  const found = existing ? context.store.customers.get(existing) : undefined;
  if (found) return found;
  return createCustomerRecord(context, {
    email: email ?? session.customer_email,
    name: null,
    description: null,
    phone: null,
    metadata: {},
    preferredLocales: [],
    testClock: null,
    created: context.realNow(),
  });
}

function redirectTarget(session: CheckoutSessionObject): string | null {
  const target = session.ui_mode === 'embedded_page' ? (session.return_url ?? null) : session.success_url;
  return target ? target.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
}

/**
 * Pays a Checkout Session with a test card number, as the hosted page's Pay button does. A declined
 * card changes nothing; `4000 0025 0000 3155` first needs `authenticated: true` (the 3-D Secure step).
 */
export function completeCheckout(
  context: EmulatorContext,
  session: CheckoutSessionObject,
  cardNumber: string,
  options: { authenticated?: boolean; email?: string | null } = {},
): CheckoutOutcome {
  if (session.status !== 'open')
    return { kind: 'invalid', message: `This Checkout Session is ${session.status}.` };
  const card = testCardForNumber(cardNumber);
  if (!card) return { kind: 'invalid', message: 'Your card number is incorrect.' };
  const amountDue = session.amount_total ?? 0;
  const settings = context.store.checkoutOptions.get(session.id);
  const trialing =
    session.mode === 'subscription' && ((settings?.trialPeriodDays ?? 0) > 0 || settings?.trialEnd != null);
  const chargedNow = !trialing && amountDue > 0;
  if (card.declinedAtAttach || (chargedNow && card.behavior === 'charge_fails')) {
    return { kind: 'declined', message: 'Your card was declined.' };
  }
  if (card.requiresAuthentication && !options.authenticated) {
    context.store.pendingAuthentications.set(session.id, cardNumber);
    context.changed();
    return { kind: 'requires_authentication' };
  }
  context.store.pendingAuthentications.delete(session.id);
  const needsCustomer =
    session.mode === 'subscription' || session.customer_creation === 'always' || session.customer !== null;
  const customer = needsCustomer ? ensureCustomer(context, session, options.email ?? null) : null;
  const now = nowForCustomer(context, customer?.id ?? null);
  const paymentMethod = createCardPaymentMethod(context, cardNumber.replace(/\s/g, ''), card, now);
  if (customer) {
    attachPaymentMethod(context, paymentMethod.id, customer);
    setDefaultPaymentMethod(context, customer, paymentMethod.id);
  }
  if (session.mode === 'subscription' && customer) {
    const subscription = createSubscription(context, {
      customer,
      items: (session.line_items?.data ?? []).flatMap((line) =>
        line.price ? [{ price: line.price, quantity: line.quantity ?? 1, metadata: {} }] : [],
      ),
      trialEnd:
        settings?.trialEnd ?? (settings?.trialPeriodDays ? now + settings.trialPeriodDays * 86_400 : null),
      defaultPaymentMethod: paymentMethod.id,
      metadata: settings?.subscriptionMetadata ?? {},
      description: settings?.subscriptionDescription ?? null,
      paymentBehavior: 'allow_incomplete',
      collectionMethod: 'charge_automatically',
      daysUntilDue: null,
      cancelAtPeriodEnd: false,
      now,
    });
    session.subscription = subscription.id;
    session.invoice = idOf(subscription.latest_invoice);
  } else if (session.mode === 'setup') {
    const setupIntent = context.store.setupIntents.get(idOf(session.setup_intent) ?? '');
    if (setupIntent) succeedSetupIntent(context, setupIntent, paymentMethod.id, customer?.id ?? null, now);
  } else {
    const result = charge(context, {
      amount: amountDue,
      currency: session.currency ?? 'usd',
      customerId: customer?.id ?? null,
      paymentMethodId: paymentMethod.id,
      description: settings?.paymentIntentDescription ?? null,
      metadata: settings?.paymentIntentMetadata ?? {},
      created: now,
    });
    session.payment_intent = result.paymentIntent.id;
  }
  session.status = 'complete';
  session.payment_status = chargedNow ? 'paid' : 'no_payment_required';
  session.customer = customer?.id ?? null;
  session.customer_details = {
    address: null,
    business_name: null,
    email: customer?.email ?? options.email ?? session.customer_email,
    individual_name: null,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.collected_information = { business_name: null, individual_name: null, shipping_details: null };
  session.url = null;
  emit(context, 'checkout.session.completed', session, now);
  return { kind: 'completed', redirectUrl: redirectTarget(session) };
}
