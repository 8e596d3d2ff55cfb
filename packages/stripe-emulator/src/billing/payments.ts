import { type EmulatorContext, emit } from '../context.js';
import { newId, randomToken } from '../ids.js';
import { chargesOffSession, type PaymentIntentObject } from '../objects.js';

export interface ChargeInput {
  amount: number;
  currency: string;
  customerId: string | null;
  paymentMethodId: string | null;
  description: string | null;
  metadata: Record<string, string>;
  created: number;
}

export type ChargeResult =
  | { succeeded: true; paymentIntent: PaymentIntentObject }
  | { succeeded: false; requiresAction: true; paymentIntent: PaymentIntentObject }
  | {
      succeeded: false;
      requiresAction?: false;
      paymentIntent: PaymentIntentObject;
      declineCode: string;
      message: string;
    };

export function newPaymentIntent(
  context: EmulatorContext,
  input: Omit<ChargeInput, 'paymentMethodId'> & { paymentMethodId: string | null },
): PaymentIntentObject {
  const id = newId('pi');
  const paymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: input.customerId,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethodId,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  } satisfies PaymentIntentObject;
  const stored: PaymentIntentObject = paymentIntent;
  context.store.paymentIntents.set(id, stored);
  emit(context, 'payment_intent.created', stored, input.created);
  return stored;
}

export function succeedPaymentIntent(
  context: EmulatorContext,
  paymentIntent: PaymentIntentObject,
  now: number,
): void {
  paymentIntent.status = 'succeeded';
  paymentIntent.amount_received = paymentIntent.amount;
  paymentIntent.latest_charge = newId('ch');
  paymentIntent.last_payment_error = null;
  paymentIntent.next_action = null;
  emit(context, 'payment_intent.succeeded', paymentIntent, now);
}

export interface ConfirmOptions {
  /** The customer is present (an API confirm): a 3-D Secure card then needs authentication first. */
  onSession?: boolean;
  returnUrl?: string | null;
}

/** Confirms a PaymentIntent with a card: the card's test behaviour decides the outcome. */
export function confirmPaymentIntent(
  context: EmulatorContext,
  paymentIntent: PaymentIntentObject,
  paymentMethodId: string | null,
  now: number,
  options: ConfirmOptions = {},
): ChargeResult {
  paymentIntent.payment_method = paymentMethodId;
  const behavior = paymentMethodId ? context.store.cardBehaviors.get(paymentMethodId) : undefined;
  if (paymentMethodId && behavior === 'requires_authentication' && options.onSession) {
    paymentIntent.status = 'requires_action';
    paymentIntent.next_action = {
      redirect_to_url: {
        return_url: options.returnUrl ?? null,
        url: `${context.baseUrl}/payment_intents/${paymentIntent.id}/authenticate`,
      },
      type: 'redirect_to_url',
    };
    emit(context, 'payment_intent.requires_action', paymentIntent, now);
    return { succeeded: false, requiresAction: true, paymentIntent };
  }
  if (paymentMethodId && chargesOffSession(behavior)) {
    succeedPaymentIntent(context, paymentIntent, now);
    return { succeeded: true, paymentIntent };
  }
  const message = paymentMethodId
    ? 'Your card was declined.'
    : 'The customer has no default payment method to charge.';
  const declineCode = paymentMethodId ? 'generic_decline' : 'no_payment_method';
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.last_payment_error = {
    code: paymentMethodId ? 'card_declined' : 'payment_intent_payment_attempt_failed',
    ...(paymentMethodId ? { decline_code: declineCode } : {}),
    doc_url: 'https://docs.stripe.com/error-codes/card-declined',
    message,
    type: 'card_error',
  };
  emit(context, 'payment_intent.payment_failed', paymentIntent, now);
  return { succeeded: false, paymentIntent, declineCode, message };
}

export function charge(context: EmulatorContext, input: ChargeInput): ChargeResult {
  const paymentIntent = newPaymentIntent(context, input);
  return confirmPaymentIntent(context, paymentIntent, input.paymentMethodId, input.created);
}
