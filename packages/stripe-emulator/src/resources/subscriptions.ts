import { cancelSubscriptionNow } from '../billing/subscription-cancellation.js';
import { createSubscription } from '../billing/subscription-lifecycle.js';
import { type EmulatorContext, nowForCustomer } from '../context.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import {
  idOf,
  requireCustomer,
  requirePaymentMethod,
  requirePrice,
  requireSubscription,
} from '../lookups.js';
import type { SubscriptionObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import { invalidParam } from '../stripe-errors.js';
import {
  paymentBehaviors,
  unsupportedSubscriptionParams,
  updateSubscription,
} from './subscription-update.js';

function trialEndFrom(params: Params, now: number, priceTrialDays: number | null): number | null {
  if (params.string('trial_end') === 'now') return null;
  const trialEnd = params.integer('trial_end');
  if (trialEnd !== undefined) {
    if (trialEnd <= now) throw invalidParam('trial_end', 'trial_end must be in the future.');
    return trialEnd;
  }
  const days =
    params.integer('trial_period_days') ?? (params.boolean('trial_from_plan') ? priceTrialDays : null);
  return days ? now + days * 86_400 : null;
}

function createFromParams({ params }: { params: Params }, context: EmulatorContext): SubscriptionObject {
  params.rejectUnsupported(unsupportedSubscriptionParams);
  const customer = requireCustomer(context, params.requiredString('customer'));
  const now = nowForCustomer(context, customer.id);
  const items = params.list('items').map((entry, index) => ({
    price: requirePrice(context, entry.requiredString('price'), `items[${index}][price]`),
    quantity: entry.integer('quantity') ?? 1,
    metadata: entry.metadata(),
  }));
  if (items.length === 0) throw invalidParam('items', 'Missing required param: items.', 'parameter_missing');
  const defaultPaymentMethod = params.string('default_payment_method') ?? null;
  if (defaultPaymentMethod) {
    const paymentMethod = requirePaymentMethod(context, defaultPaymentMethod, 'default_payment_method');
    if (idOf(paymentMethod.customer) !== customer.id) {
      throw invalidParam('default_payment_method', 'The PaymentMethod must be attached to the customer.');
    }
  }
  return createSubscription(context, {
    customer,
    items,
    trialEnd: trialEndFrom(params, now, items[0]?.price.recurring?.trial_period_days ?? null),
    defaultPaymentMethod,
    metadata: params.metadata(),
    description: params.string('description') ?? null,
    paymentBehavior: params.oneOf('payment_behavior', paymentBehaviors) ?? 'allow_incomplete',
    collectionMethod:
      params.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const) ??
      'charge_automatically',
    daysUntilDue: params.integer('days_until_due') ?? null,
    cancelAtPeriodEnd: params.boolean('cancel_at_period_end') ?? false,
    now,
  });
}

function listSubscriptions(context: EmulatorContext, params: Params) {
  const customer = params.string('customer');
  const status = params.string('status');
  const price = params.string('price');
  const clock = params.string('test_clock');
  const subscriptions = newestFirst(context.store.subscriptions.values()).filter(
    (subscription) =>
      (customer === undefined || subscription.customer === customer) &&
      (status === 'all' ||
        (status === undefined
          ? !['canceled', 'incomplete_expired'].includes(subscription.status)
          : subscription.status === status)) &&
      (price === undefined || subscription.items.data.some((item) => item.price.id === price)) &&
      (clock === undefined || subscription.test_clock === clock) &&
      matchesRange(subscription.created, params, 'created'),
  );
  return paginate(subscriptions, params, '/v1/subscriptions');
}

export const subscriptionRoutes: Route[] = [
  api('POST', '/v1/subscriptions', createFromParams),
  api('GET', '/v1/subscriptions/search', ({ params }, context) =>
    search(newestFirst(context.store.subscriptions.values()), params, '/v1/subscriptions/search'),
  ),
  api('GET', '/v1/subscriptions', ({ params }, context) => listSubscriptions(context, params)),
  api('GET', '/v1/subscriptions/:id', ({ pathParams }, context) =>
    requireSubscription(context, pathParams.id ?? '', 'id'),
  ),
  api('POST', '/v1/subscriptions/:id', ({ params, pathParams }, context) =>
    updateSubscription(context, requireSubscription(context, pathParams.id ?? '', 'id'), params),
  ),
  api('DELETE', '/v1/subscriptions/:id', ({ params, pathParams }, context) => {
    const subscription = requireSubscription(context, pathParams.id ?? '', 'id');
    if (subscription.status === 'canceled') return subscription;
    const details = params.object('cancellation_details');
    cancelSubscriptionNow(
      context,
      subscription,
      nowForCustomer(context, idOf(subscription.customer)),
      'cancellation_requested',
      {
        comment: details?.string('comment') ?? null,
        finalInvoice: params.boolean('invoice_now') ?? false,
        prorate: params.boolean('prorate') ?? false,
      },
    );
    return subscription;
  }),
];
