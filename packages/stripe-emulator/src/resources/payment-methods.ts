import { retryPastDueInvoices } from '../billing/invoice-payment.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer, requirePaymentMethod } from '../lookups.js';
import type { Params } from '../params.js';
import {
  attachPaymentMethod,
  createCardPaymentMethod,
  setDefaultPaymentMethod,
} from '../payment-method-factory.js';
import { api, type Route } from '../router.js';
import { cardDeclined, invalidParam } from '../stripe-errors.js';
import { testCardForNumber, testCardForToken } from '../test-cards.js';
import { clone } from '../wire.js';

function listFor(context: EmulatorContext, params: Params, customerId: string | undefined, url: string) {
  const type = params.string('type');
  const methods = newestFirst(context.store.paymentMethods.values()).filter(
    (method) =>
      (customerId === undefined || method.customer === customerId) &&
      (type === undefined || method.type === type),
  );
  return paginate(methods, params, url);
}

export const paymentMethodRoutes: Route[] = [
  api('POST', '/v1/payment_methods', ({ params }, context) => {
    const type = params.requiredString('type');
    if (type !== 'card') throw invalidParam('type', 'The emulator only supports card payment methods.');
    const card = params.object('card');
    if (!card)
      throw invalidParam(
        'card',
        'Missing card details: pass card[token] or card[number].',
        'parameter_missing',
      );
    const token = card.string('token');
    const found = token ? testCardForToken(token) : undefined;
    const number = found?.number ?? card.string('number');
    const testCard = found?.card ?? (number ? testCardForNumber(number) : undefined);
    if (!number || !testCard)
      throw invalidParam(
        token ? 'card[token]' : 'card[number]',
        'Your card number is incorrect.',
        'incorrect_number',
      );
    return createCardPaymentMethod(context, number, testCard, context.realNow(), params.metadata());
  }),
  api('GET', '/v1/payment_methods', ({ params }, context) =>
    listFor(context, params, params.string('customer'), '/v1/payment_methods'),
  ),
  api('GET', '/v1/customers/:customer/payment_methods', ({ params, pathParams }, context) => {
    const customer = requireCustomer(context, pathParams.customer ?? '');
    return listFor(context, params, customer.id, `/v1/customers/${customer.id}/payment_methods`);
  }),
  api('GET', '/v1/payment_methods/:id', ({ pathParams }, context) =>
    requirePaymentMethod(context, pathParams.id ?? '', 'payment_method'),
  ),
  api('POST', '/v1/payment_methods/:id', ({ params, pathParams }, context) => {
    const paymentMethod = requirePaymentMethod(context, pathParams.id ?? '', 'payment_method');
    const before = clone(paymentMethod);
    if (params.has('metadata')) paymentMethod.metadata = params.metadata(paymentMethod.metadata ?? {});
    emit(context, 'payment_method.updated', paymentMethod, context.realNow(), before);
    return paymentMethod;
  }),
  api('POST', '/v1/payment_methods/:id/attach', ({ params, pathParams }, context) => {
    const customer = requireCustomer(context, params.requiredString('customer'));
    const reference = pathParams.id ?? '';
    if (!context.store.paymentMethods.has(reference) && !testCardForToken(reference)) {
      requirePaymentMethod(context, reference, 'payment_method');
    }
    const paymentMethod = attachPaymentMethod(context, reference, customer);
    return paymentMethod;
  }),
  api('POST', '/v1/payment_methods/:id/detach', ({ pathParams }, context) => {
    const paymentMethod = requirePaymentMethod(context, pathParams.id ?? '', 'payment_method');
    const customerId = idOf(paymentMethod.customer);
    if (!customerId)
      throw invalidParam(
        'payment_method',
        'This PaymentMethod is not attached to a customer.',
        'payment_method_unexpected_state',
      );
    const now = nowForCustomer(context, customerId);
    const customer = context.store.customers.get(customerId);
    paymentMethod.customer = null;
    if (customer?.invoice_settings.default_payment_method === paymentMethod.id) {
      setDefaultPaymentMethod(context, customer, null);
    }
    emit(context, 'payment_method.detached', paymentMethod, now, { customer: customerId });
    return paymentMethod;
  }),
];

/** Used by the portal and Checkout: a new card becomes the default and settles what is past due. */
export function replaceDefaultCard(context: EmulatorContext, customerId: string, number: string): void {
  const customer = requireCustomer(context, customerId);
  const card = testCardForNumber(number);
  if (!card) throw invalidParam('card_number', 'Your card number is incorrect.', 'incorrect_number');
  if (card.declinedAtAttach) throw cardDeclined('Your card was declined.', 'generic_decline');
  const paymentMethod = createCardPaymentMethod(
    context,
    number.replace(/\s/g, ''),
    card,
    nowForCustomer(context, customerId),
  );
  attachPaymentMethod(context, paymentMethod.id, customer);
  setDefaultPaymentMethod(context, customer, paymentMethod.id);
  const now = nowForCustomer(context, customer.id);
  // The portal's "update payment method" also replaces each live subscription's own default card.
  for (const subscription of context.store.subscriptions.values()) {
    if (subscription.customer !== customer.id || subscription.default_payment_method === null) continue;
    if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') continue;
    const before = clone(subscription);
    subscription.default_payment_method = paymentMethod.id;
    emit(context, 'customer.subscription.updated', subscription, now, before);
  }
  retryPastDueInvoices(context, customer.id);
}
