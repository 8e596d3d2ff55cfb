import { createHash } from 'node:crypto';
import { type EmulatorContext, emit, nowForCustomer } from './context.js';
import { newId } from './ids.js';
import { idOf } from './lookups.js';
import type { CustomerObject, PaymentMethodObject } from './objects.js';
import { cardDeclined, invalidParam } from './stripe-errors.js';
import { type TestCard, testCardForToken } from './test-cards.js';
import { clone } from './wire.js';

export function createCardPaymentMethod(
  context: EmulatorContext,
  number: string,
  card: TestCard,
  created: number,
  metadata: Record<string, string> = {},
): PaymentMethodObject {
  const expYear = new Date(created * 1000).getUTCFullYear() + 4;
  const paymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: expYear,
      fingerprint: createHash('sha256').update(number).digest('base64url').slice(0, 16),
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    type: 'card',
  } satisfies PaymentMethodObject;
  context.store.paymentMethods.set(paymentMethod.id, paymentMethod);
  const behavior = card.declinedAtAttach
    ? 'declined'
    : card.requiresAuthentication
      ? 'requires_authentication'
      : card.behavior;
  context.store.cardBehaviors.set(paymentMethod.id, behavior);
  context.changed();
  return paymentMethod;
}

/**
 * Resolves a PaymentMethod reference: an existing `pm_…`, or one of Stripe's test ids
 * (`pm_card_visa`, `pm_card_chargeCustomerFail`, …) which stands for a fresh card each time.
 */
export function resolvePaymentMethod(
  context: EmulatorContext,
  reference: string,
  param: string,
  created: number,
): PaymentMethodObject {
  const existing = context.store.paymentMethods.get(reference);
  if (existing) return existing;
  const test = testCardForToken(reference);
  if (!test) throw invalidParam(param, `No such PaymentMethod: '${reference}'`, 'resource_missing');
  if (test.card.declinedAtAttach) throw cardDeclined('Your card was declined.', 'generic_decline');
  return createCardPaymentMethod(context, test.number, test.card, created);
}

export function attachPaymentMethod(
  context: EmulatorContext,
  reference: string,
  customer: CustomerObject,
  param = 'payment_method',
): PaymentMethodObject {
  const created = nowForCustomer(context, customer.id);
  const paymentMethod = resolvePaymentMethod(context, reference, param, created);
  const owner = idOf(paymentMethod.customer);
  if (owner === customer.id) return paymentMethod;
  if (owner) {
    throw invalidParam(
      param,
      'This PaymentMethod is already attached to another customer.',
      'payment_method_unexpected_state',
    );
  }
  if (context.store.cardBehaviors.get(paymentMethod.id) === 'declined') {
    throw cardDeclined('Your card was declined.', 'generic_decline');
  }
  paymentMethod.customer = customer.id;
  emit(context, 'payment_method.attached', paymentMethod, created);
  return paymentMethod;
}

export function setDefaultPaymentMethod(
  context: EmulatorContext,
  customer: CustomerObject,
  paymentMethodId: string | null,
): void {
  if (customer.invoice_settings.default_payment_method === paymentMethodId) return;
  const before = clone(customer);
  customer.invoice_settings.default_payment_method = paymentMethodId;
  emit(context, 'customer.updated', customer, nowForCustomer(context, customer.id), before);
}
