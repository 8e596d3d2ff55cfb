import { confirmPaymentIntent, newPaymentIntent } from '../billing/payments.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer } from '../lookups.js';
import type { PaymentIntentObject } from '../objects.js';
import type { Params } from '../params.js';
import { resolvePaymentMethod } from '../payment-method-factory.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import {
  cardDeclined,
  invalidParam,
  invalidRequest,
  missingParam,
  resourceMissing,
} from '../stripe-errors.js';

function requirePaymentIntent(context: EmulatorContext, id: string): PaymentIntentObject {
  const found = context.store.paymentIntents.get(id);
  if (!found) throw resourceMissing('intent', 'payment_intent', id);
  return found;
}

function confirm(
  context: EmulatorContext,
  paymentIntent: PaymentIntentObject,
  params: Params,
): PaymentIntentObject {
  if (paymentIntent.status === 'succeeded') {
    throw invalidRequest('This PaymentIntent has already succeeded.', 'payment_intent_unexpected_state');
  }
  const customerId = idOf(paymentIntent.customer);
  const now = nowForCustomer(context, customerId);
  const reference = params.string('payment_method') ?? idOf(paymentIntent.payment_method);
  if (!reference) throw missingParam('payment_method');
  const paymentMethod = resolvePaymentMethod(context, reference, 'payment_method', now);
  const offSession = params.boolean('off_session') === true;
  const result = confirmPaymentIntent(context, paymentIntent, paymentMethod.id, now, {
    onSession: !offSession,
    returnUrl: params.string('return_url') ?? null,
  });
  // `requires_action` is an answer, not an error: the customer authenticates at next_action's URL.
  if (!result.succeeded && !result.requiresAction) throw cardDeclined(result.message, result.declineCode);
  return paymentIntent;
}

export const paymentIntentRoutes: Route[] = [
  api('POST', '/v1/payment_intents', ({ params }, context) => {
    const amount = params.integer('amount');
    if (amount === undefined) throw missingParam('amount');
    if (amount < 50) throw invalidParam('amount', 'Amount must be at least $0.50 usd', 'amount_too_small');
    const customerId = params.string('customer') ?? null;
    if (customerId) requireCustomer(context, customerId);
    const now = nowForCustomer(context, customerId);
    const reference = params.string('payment_method');
    const paymentMethod = reference ? resolvePaymentMethod(context, reference, 'payment_method', now) : null;
    const paymentIntent = newPaymentIntent(context, {
      amount,
      currency: params.requiredString('currency').toLowerCase(),
      customerId,
      paymentMethodId: paymentMethod?.id ?? null,
      description: params.string('description') ?? null,
      metadata: params.metadata(),
      created: now,
    });
    if (paymentMethod) paymentIntent.status = 'requires_confirmation';
    if (params.boolean('confirm')) return confirm(context, paymentIntent, params);
    return paymentIntent;
  }),
  api('GET', '/v1/payment_intents/search', ({ params }, context) =>
    search(newestFirst(context.store.paymentIntents.values()), params, '/v1/payment_intents/search'),
  ),
  api('GET', '/v1/payment_intents', ({ params }, context) => {
    const customer = params.string('customer');
    const intents = newestFirst(context.store.paymentIntents.values()).filter(
      (intent) =>
        (customer === undefined || intent.customer === customer) &&
        matchesRange(intent.created, params, 'created'),
    );
    return paginate(intents, params, '/v1/payment_intents');
  }),
  api('GET', '/v1/payment_intents/:id', ({ pathParams }, context) =>
    requirePaymentIntent(context, pathParams.id ?? ''),
  ),
  api('POST', '/v1/payment_intents/:id', ({ params, pathParams }, context) => {
    const paymentIntent = requirePaymentIntent(context, pathParams.id ?? '');
    if (params.has('metadata')) paymentIntent.metadata = params.metadata(paymentIntent.metadata);
    if (params.has('description')) paymentIntent.description = params.string('description') ?? null;
    if (params.has('payment_method')) {
      const now = nowForCustomer(context, idOf(paymentIntent.customer));
      paymentIntent.payment_method = resolvePaymentMethod(
        context,
        params.requiredString('payment_method'),
        'payment_method',
        now,
      ).id;
      paymentIntent.status = 'requires_confirmation';
    }
    return paymentIntent;
  }),
  api('POST', '/v1/payment_intents/:id/confirm', ({ params, pathParams }, context) =>
    confirm(context, requirePaymentIntent(context, pathParams.id ?? ''), params),
  ),
  api('POST', '/v1/payment_intents/:id/cancel', ({ pathParams }, context) => {
    const paymentIntent = requirePaymentIntent(context, pathParams.id ?? '');
    if (paymentIntent.status === 'succeeded') {
      throw invalidRequest(
        'You cannot cancel this PaymentIntent because it has a status of succeeded.',
        'payment_intent_unexpected_state',
      );
    }
    const now = nowForCustomer(context, idOf(paymentIntent.customer));
    paymentIntent.status = 'canceled';
    paymentIntent.canceled_at = now;
    paymentIntent.cancellation_reason = 'requested_by_customer';
    emit(context, 'payment_intent.canceled', paymentIntent, now);
    return paymentIntent;
  }),
];
