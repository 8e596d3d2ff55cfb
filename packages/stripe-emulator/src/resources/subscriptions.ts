import { endTrialNow } from '../billing/billing-cycle.js';
import { createInvoiceItem } from '../billing/invoice-item-factory.js';
import { cancelSubscriptionNow } from '../billing/subscription-cancellation.js';
import { planItemChanges } from '../billing/subscription-changes.js';
import { periodLine } from '../billing/subscription-items.js';
import { createSubscription, issueSubscriptionInvoice } from '../billing/subscription-lifecycle.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
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
import { invalidParam, invalidRequest } from '../stripe-errors.js';

const paymentBehaviors = [
  'allow_incomplete',
  'default_incomplete',
  'error_if_incomplete',
  'pending_if_incomplete',
] as const;
const prorationBehaviors = ['create_prorations', 'none', 'always_invoice'] as const;

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

const unsupportedSubscriptionParams = [
  'discounts',
  'coupon',
  'promotion_code',
  'add_invoice_items',
  'billing_cycle_anchor',
  'billing_cycle_anchor_config',
  'pause_collection',
  'automatic_tax',
  'default_tax_rates',
  'application_fee_percent',
  'transfer_data',
];

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

export function updateSubscription(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  params: Params,
): SubscriptionObject {
  params.rejectUnsupported(unsupportedSubscriptionParams);
  if (subscription.status === 'canceled') {
    throw invalidRequest(
      'A canceled subscription can only update its cancellation_details and metadata.',
      'resource_missing',
    );
  }
  const customerId = idOf(subscription.customer) ?? '';
  const customer = requireCustomer(context, customerId);
  const now = nowForCustomer(context, customerId);
  const before = structuredClone(subscription);
  const behavior = params.oneOf('proration_behavior', prorationBehaviors) ?? 'create_prorations';
  params.oneOf('payment_behavior', paymentBehaviors);
  const entries = params.list('items');
  const plan =
    entries.length > 0
      ? planItemChanges(context, subscription, entries, params.integer('proration_date') ?? now, now)
      : null;
  if (plan) {
    subscription.items.data = plan.items;
    if (plan.resetsCycle) subscription.billing_cycle_anchor = now;
  }
  const periodEnd = subscription.items.data[0]?.current_period_end ?? now;
  if (params.has('cancel_at_period_end')) {
    const atEnd = params.boolean('cancel_at_period_end') ?? false;
    subscription.cancel_at_period_end = atEnd;
    subscription.cancel_at = atEnd ? periodEnd : null;
    subscription.canceled_at = atEnd ? now : null;
    subscription.cancellation_details = {
      comment: atEnd ? (subscription.cancellation_details?.comment ?? null) : null,
      feedback: atEnd ? (subscription.cancellation_details?.feedback ?? null) : null,
      feedback_option: null,
      reason: atEnd ? 'cancellation_requested' : null,
    };
  }
  if (params.isEmpty('cancel_at')) {
    subscription.cancel_at = null;
    subscription.cancel_at_period_end = false;
  } else if (params.has('cancel_at')) {
    subscription.cancel_at = params.integer('cancel_at') ?? null;
    subscription.cancel_at_period_end = subscription.cancel_at === periodEnd;
  }
  const details = params.object('cancellation_details');
  if (details && subscription.cancellation_details) {
    subscription.cancellation_details.comment =
      details.string('comment') ?? subscription.cancellation_details.comment;
    subscription.cancellation_details.feedback =
      (details.string('feedback') as typeof subscription.cancellation_details.feedback) ??
      subscription.cancellation_details.feedback;
    if (subscription.cancel_at !== null) subscription.cancellation_details.reason = 'cancellation_requested';
  }
  const trialEnd = params.string('trial_end');
  if (trialEnd !== undefined && trialEnd !== 'now') {
    const until = params.integer('trial_end') ?? now;
    if (subscription.status !== 'trialing' || until <= now) {
      throw invalidParam('trial_end', 'trial_end can only move the end of a current trial to a later time.');
    }
    subscription.trial_end = until;
    for (const item of subscription.items.data) item.current_period_end = until;
    if (subscription.cancel_at_period_end) subscription.cancel_at = until;
  }
  if (params.has('metadata')) subscription.metadata = params.metadata(subscription.metadata);
  if (params.has('description')) subscription.description = params.string('description') ?? null;
  if (params.isEmpty('default_payment_method')) subscription.default_payment_method = null;
  else if (params.has('default_payment_method')) {
    const paymentMethod = requirePaymentMethod(
      context,
      params.requiredString('default_payment_method'),
      'default_payment_method',
    );
    if (idOf(paymentMethod.customer) !== customerId) {
      throw invalidParam('default_payment_method', 'The PaymentMethod must be attached to the customer.');
    }
    subscription.default_payment_method = paymentMethod.id;
  }
  if (JSON.stringify(before) !== JSON.stringify(subscription)) {
    emit(context, 'customer.subscription.updated', subscription, now, before);
  }
  if (trialEnd === 'now') endTrialNow(context, subscription, now);
  if (!plan?.changed) return subscription;
  if (plan.resetsCycle || behavior !== 'none') {
    for (const spec of plan.prorations) createInvoiceItem(context, customer, spec, now);
  }
  const period = {
    start: subscription.items.data[0]?.current_period_start ?? now,
    end: subscription.items.data[0]?.current_period_end ?? now,
  };
  if (plan.resetsCycle) {
    const lines = subscription.items.data
      .filter((item) => item.price.recurring?.usage_type !== 'metered')
      .map((item) => periodLine(context.store.products, subscription.id, item, period));
    issueSubscriptionInvoice(context, subscription, customer, 'subscription_update', lines, period, now, {
      charge: true,
      nextAttemptAt: null,
    });
  } else if (behavior === 'always_invoice' && plan.prorations.length > 0) {
    issueSubscriptionInvoice(
      context,
      subscription,
      customer,
      'subscription_update',
      [],
      { start: now, end: period.end },
      now,
      {
        charge: true,
        nextAttemptAt: null,
      },
    );
  }
  return subscription;
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
