import { endTrialNow } from '../billing/billing-cycle.js';
import { createInvoiceItem } from '../billing/invoice-item-factory.js';
import { type PlannedChange, planItemChanges } from '../billing/subscription-changes.js';
import { periodLine } from '../billing/subscription-items.js';
import { issueSubscriptionInvoice } from '../billing/subscription-lifecycle.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { idOf, requireCustomer, requirePaymentMethod } from '../lookups.js';
import type { CustomerObject, SubscriptionObject } from '../objects.js';
import type { Params } from '../params.js';
import { invalidParam, invalidRequest } from '../stripe-errors.js';
import { clone, sameJson } from '../wire.js';

export const paymentBehaviors = [
  'allow_incomplete',
  'default_incomplete',
  'error_if_incomplete',
  'pending_if_incomplete',
] as const;
const prorationBehaviors = ['create_prorations', 'none', 'always_invoice'] as const;

// Parameters that would change amounts in ways the emulator does not model.
export const unsupportedSubscriptionParams = [
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

interface UpdateRequest {
  behavior: (typeof prorationBehaviors)[number];
  plan: PlannedChange | null;
  trialEnd: 'now' | number | undefined;
  defaultPaymentMethod: string | null | undefined;
}

/** Reads and checks everything first, so a refused update changes nothing. */
function readUpdate(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  params: Params,
  now: number,
): UpdateRequest {
  params.rejectUnsupported(unsupportedSubscriptionParams);
  if (subscription.status === 'canceled') {
    throw invalidRequest('A canceled subscription can no longer be updated.', 'resource_missing');
  }
  const behavior = params.oneOf('proration_behavior', prorationBehaviors) ?? 'create_prorations';
  params.oneOf('payment_behavior', paymentBehaviors);
  params.boolean('cancel_at_period_end');
  if (!params.isEmpty('cancel_at')) params.integer('cancel_at');
  const entries = params.list('items');
  const prorationDate = params.integer('proration_date') ?? now;
  const plan =
    entries.length > 0 ? planItemChanges(context, subscription, entries, prorationDate, now) : null;
  let trialEnd: UpdateRequest['trialEnd'];
  if (params.string('trial_end') === 'now') trialEnd = 'now';
  else if (params.has('trial_end')) {
    trialEnd = params.integer('trial_end');
    if (subscription.status !== 'trialing' || trialEnd === undefined || trialEnd <= now) {
      throw invalidParam('trial_end', 'trial_end can only move the end of a current trial to a later time.');
    }
  }
  let defaultPaymentMethod: string | null | undefined;
  if (params.isEmpty('default_payment_method')) defaultPaymentMethod = null;
  else if (params.has('default_payment_method')) {
    const paymentMethod = requirePaymentMethod(
      context,
      params.requiredString('default_payment_method'),
      'default_payment_method',
    );
    if (idOf(paymentMethod.customer) !== idOf(subscription.customer)) {
      throw invalidParam('default_payment_method', 'The PaymentMethod must be attached to the customer.');
    }
    defaultPaymentMethod = paymentMethod.id;
  }
  return { behavior, plan, trialEnd, defaultPaymentMethod };
}

function applyCancellation(subscription: SubscriptionObject, params: Params, now: number): void {
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
    const current = subscription.cancellation_details;
    current.comment = details.string('comment') ?? current.comment;
    current.feedback = (details.string('feedback') as typeof current.feedback) ?? current.feedback;
    if (subscription.cancel_at !== null) current.reason = 'cancellation_requested';
  }
}

function invoiceChange(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  customer: CustomerObject,
  request: UpdateRequest,
  now: number,
): void {
  const { plan, behavior } = request;
  if (!plan?.changed) return;
  if (plan.resetsCycle || behavior !== 'none') {
    for (const spec of plan.prorations) createInvoiceItem(context, customer, spec, now);
  }
  const first = subscription.items.data[0];
  const period = { start: first?.current_period_start ?? now, end: first?.current_period_end ?? now };
  const options = { charge: true, nextAttemptAt: null };
  if (plan.resetsCycle) {
    const lines = subscription.items.data
      .filter((item) => item.price.recurring?.usage_type !== 'metered')
      .map((item) => periodLine(context.store.products, subscription.id, item, period));
    issueSubscriptionInvoice(
      context,
      subscription,
      customer,
      'subscription_update',
      lines,
      period,
      now,
      options,
    );
  } else if (behavior === 'always_invoice' && plan.prorations.length > 0) {
    const rest = { start: now, end: period.end };
    issueSubscriptionInvoice(context, subscription, customer, 'subscription_update', [], rest, now, options);
  }
}

/** `subscriptions.update`: items with prorations, cancellation at period end, trial changes, settings. */
export function updateSubscription(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  params: Params,
): SubscriptionObject {
  const customerId = idOf(subscription.customer) ?? '';
  const customer = requireCustomer(context, customerId);
  const now = nowForCustomer(context, customerId);
  const request = readUpdate(context, subscription, params, now);
  const before = clone(subscription);
  if (request.plan) {
    subscription.items.data = request.plan.items;
    if (request.plan.resetsCycle) subscription.billing_cycle_anchor = now;
  }
  applyCancellation(subscription, params, now);
  if (typeof request.trialEnd === 'number') {
    subscription.trial_end = request.trialEnd;
    for (const item of subscription.items.data) item.current_period_end = request.trialEnd;
    if (subscription.cancel_at_period_end) subscription.cancel_at = request.trialEnd;
  }
  if (params.has('metadata')) subscription.metadata = params.metadata(subscription.metadata);
  if (params.has('description')) subscription.description = params.string('description') ?? null;
  if (request.defaultPaymentMethod !== undefined)
    subscription.default_payment_method = request.defaultPaymentMethod;
  if (!sameJson(before, subscription)) {
    emit(context, 'customer.subscription.updated', subscription, now, before);
  }
  if (request.trialEnd === 'now') endTrialNow(context, subscription, now);
  invoiceChange(context, subscription, customer, request, now);
  return subscription;
}
