import { cancelSubscriptionNow } from '../billing/subscription-cancellation.js';
import { clockTimeFor, type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { createCustomerRecord } from '../customer-factory.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer } from '../lookups.js';
import type { CustomerObject } from '../objects.js';
import type { Params } from '../params.js';
import { attachPaymentMethod, setDefaultPaymentMethod } from '../payment-method-factory.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import { cardDeclined, invalidParam, resourceMissing } from '../stripe-errors.js';
import { testCardForToken } from '../test-cards.js';
import { clone, sameJson } from '../wire.js';

function applyDefaultPaymentMethod(context: EmulatorContext, customer: CustomerObject, params: Params): void {
  const attach = params.string('payment_method');
  let attachedId: string | undefined;
  if (attach) attachedId = attachPaymentMethod(context, attach, customer).id;
  const settings = params.object('invoice_settings');
  if (!settings) return;
  if (settings.isEmpty('default_payment_method')) {
    setDefaultPaymentMethod(context, customer, null);
    return;
  }
  const reference = settings.string('default_payment_method');
  if (!reference) return;
  // The same test token in `payment_method` and the default means the card just attached.
  const id = reference === attach && attachedId ? attachedId : reference;
  const paymentMethod = context.store.paymentMethods.get(id);
  if (!paymentMethod || paymentMethod.customer !== customer.id) {
    throw invalidParam(
      'invoice_settings[default_payment_method]',
      `No such PaymentMethod: '${reference}'; it must be attached to this customer first.`,
      'resource_missing',
    );
  }
  setDefaultPaymentMethod(context, customer, id);
}

/** Refuses unusable `payment_method` / default card references before anything is written. */
function checkPaymentMethodParams(context: EmulatorContext, params: Params, customerId: string | null): void {
  const attach = params.string('payment_method');
  if (attach) {
    const existing = context.store.paymentMethods.get(attach);
    const test = existing ? undefined : testCardForToken(attach);
    if (!existing && !test) throw resourceMissing('payment_method', 'PaymentMethod', attach);
    if (
      test?.card.declinedAtAttach ||
      (existing && context.store.cardBehaviors.get(existing.id) === 'declined')
    ) {
      throw cardDeclined('Your card was declined.', 'generic_decline');
    }
    const owner = existing ? idOf(existing.customer) : null;
    if (owner && owner !== customerId) {
      throw invalidParam('payment_method', 'This PaymentMethod is already attached to another customer.');
    }
  }
  const reference = params.object('invoice_settings')?.string('default_payment_method');
  if (!reference || reference === attach) return;
  const paymentMethod = context.store.paymentMethods.get(reference);
  if (!paymentMethod || customerId === null || idOf(paymentMethod.customer) !== customerId) {
    throw invalidParam(
      'invoice_settings[default_payment_method]',
      `No such PaymentMethod: '${reference}'; it must be attached to this customer first.`,
      'resource_missing',
    );
  }
}

function createCustomer(request: { params: Params }, context: EmulatorContext): CustomerObject {
  const { params } = request;
  checkPaymentMethodParams(context, params, null);
  const clockId = params.string('test_clock') ?? null;
  if (clockId && !context.store.testClocks.has(clockId))
    throw resourceMissing('test_clock', 'test clock', clockId);
  const created = clockTimeFor(context, clockId);
  const customer = createCustomerRecord(context, {
    email: params.string('email') ?? null,
    name: params.string('name') ?? null,
    description: params.string('description') ?? null,
    phone: params.string('phone') ?? null,
    metadata: params.metadata(),
    preferredLocales: params.strings('preferred_locales'),
    testClock: clockId,
    created,
  });
  applyDefaultPaymentMethod(context, customer, params);
  return customer;
}

export const customerRoutes: Route[] = [
  api('POST', '/v1/customers', createCustomer),
  api('GET', '/v1/customers/search', ({ params }, context) =>
    search(newestFirst(context.store.customers.values()), params, '/v1/customers/search'),
  ),
  api('GET', '/v1/customers', ({ params }, context) => {
    const email = params.string('email');
    const clock = params.string('test_clock');
    const customers = newestFirst(context.store.customers.values()).filter(
      (customer) =>
        (email === undefined || customer.email === email) &&
        (clock === undefined || customer.test_clock === clock) &&
        matchesRange(customer.created, params, 'created'),
    );
    return paginate(customers, params, '/v1/customers');
  }),
  api('GET', '/v1/customers/:id', ({ pathParams }, context) => {
    const id = pathParams.id ?? '';
    if (context.store.deletedCustomers.has(id)) return { id, object: 'customer', deleted: true };
    return requireCustomer(context, id, 'id');
  }),
  api('POST', '/v1/customers/:id', ({ params, pathParams }, context) => {
    const customer = requireCustomer(context, pathParams.id ?? '', 'id');
    checkPaymentMethodParams(context, params, customer.id);
    const before = clone(customer);
    for (const key of ['email', 'name', 'description', 'phone'] as const) {
      if (params.isEmpty(key)) customer[key] = null;
      else if (params.has(key)) customer[key] = params.string(key) ?? null;
    }
    if (params.has('metadata')) customer.metadata = params.metadata(customer.metadata);
    if (!sameJson(before, customer)) {
      emit(context, 'customer.updated', customer, nowForCustomer(context, customer.id), before);
    }
    applyDefaultPaymentMethod(context, customer, params);
    return customer;
  }),
  api('DELETE', '/v1/customers/:id', ({ pathParams }, context) => {
    const customer = requireCustomer(context, pathParams.id ?? '', 'id');
    const now = nowForCustomer(context, customer.id);
    for (const subscription of context.store.subscriptions.values()) {
      if (subscription.customer === customer.id && subscription.status !== 'canceled') {
        cancelSubscriptionNow(context, subscription, now, 'cancellation_requested');
      }
    }
    context.store.customers.delete(customer.id);
    context.store.deletedCustomers.set(customer.id, now);
    emit(context, 'customer.deleted', customer, now);
    return { id: customer.id, object: 'customer', deleted: true };
  }),
];
