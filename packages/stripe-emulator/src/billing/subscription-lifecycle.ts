import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import {
  type CustomerObject,
  chargesOffSession,
  type InvoiceObject,
  type SubscriptionItemObject,
  type SubscriptionObject,
} from '../objects.js';
import { cardDeclined, invalidParam } from '../stripe-errors.js';
import { type BillingReason, createDraftInvoice, type LineSpec } from './invoice-builder.js';
import { attemptInvoicePayment, finalizeInvoice } from './invoice-payment.js';
import { lineFromInvoiceItem, pendingInvoiceItems } from './pending-items.js';
import { addIntervals, priceInterval } from './periods.js';
import {
  buildSubscriptionItem,
  type ItemInput,
  periodLine,
  trialLine,
  usageLine,
} from './subscription-items.js';
import { billingStateOf } from './subscription-status.js';

export type PaymentBehavior =
  | 'allow_incomplete'
  | 'default_incomplete'
  | 'error_if_incomplete'
  | 'pending_if_incomplete';

export interface NewSubscription {
  customer: CustomerObject;
  items: ItemInput[];
  trialEnd: number | null;
  defaultPaymentMethod: string | null;
  metadata: Record<string, string>;
  description: string | null;
  paymentBehavior: PaymentBehavior;
  collectionMethod: 'charge_automatically' | 'send_invoice';
  daysUntilDue: number | null;
  cancelAtPeriodEnd: boolean;
  now: number;
}

const day = 86_400;

export function assertSameInterval(items: ItemInput[], param = 'items'): void {
  const first = items[0];
  if (!first) throw invalidParam(param, 'A subscription needs at least one item.', 'parameter_missing');
  for (const [index, item] of items.entries()) {
    if (item.price.type !== 'recurring') {
      throw invalidParam(
        `${param}[${index}][price]`,
        `The price \`${item.price.id}\` is not recurring; subscriptions need recurring prices.`,
      );
    }
    const a = priceInterval(item.price);
    const b = priceInterval(first.price);
    if (a.interval !== b.interval || a.count !== b.count) {
      throw invalidParam(
        `${param}[${index}][price]`,
        'All prices on a subscription must have the same recurring interval.',
      );
    }
    if (item.price.currency !== first.price.currency) {
      throw invalidParam(
        `${param}[${index}][price]`,
        'All prices on a subscription must have the same currency.',
      );
    }
  }
}

export function paymentMethodFor(context: EmulatorContext, subscription: SubscriptionObject): string | null {
  const own = subscription.default_payment_method;
  if (own) return typeof own === 'string' ? own : own.id;
  const customer = context.store.customers.get(
    typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
  );
  const fallback = customer?.invoice_settings.default_payment_method ?? null;
  return typeof fallback === 'string' ? fallback : (fallback?.id ?? null);
}

/** Creates, finalizes and (for automatic collection) charges one subscription invoice. */
export function issueSubscriptionInvoice(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  customer: CustomerObject,
  billingReason: BillingReason,
  lines: LineSpec[],
  period: { start: number; end: number },
  now: number,
  options: { charge: boolean; nextAttemptAt: number | null; onCreated?: () => void },
): InvoiceObject {
  const pending = pendingInvoiceItems(context, customer.id, subscription.id).map((item) =>
    lineFromInvoiceItem(context, item),
  );
  const invoice = createDraftInvoice(context, {
    customer,
    subscription,
    billingReason,
    lines: [...lines, ...pending],
    currency: subscription.currency,
    created: now,
    periodStart: period.start,
    periodEnd: period.end,
    collectionMethod:
      subscription.collection_method === 'send_invoice' ? 'send_invoice' : 'charge_automatically',
    daysUntilDue: subscription.days_until_due,
  });
  subscription.latest_invoice = invoice.id;
  options.onCreated?.();
  finalizeInvoice(context, invoice, now);
  if (options.charge && subscription.collection_method === 'charge_automatically') {
    attemptInvoicePayment(context, invoice, now, { nextAttemptAt: options.nextAttemptAt });
  } else if (invoice.amount_due === 0) {
    attemptInvoicePayment(context, invoice, now);
  }
  return invoice;
}

export function createSubscription(context: EmulatorContext, input: NewSubscription): SubscriptionObject {
  assertSameInterval(input.items);
  const first = input.items[0] as ItemInput;
  const { interval, count } = priceInterval(first.price);
  const { now, customer } = input;
  const trialing = input.trialEnd !== null && input.trialEnd > now;
  const periodEnd = trialing ? (input.trialEnd as number) : addIntervals(now, interval, count);
  const id = newId('sub');
  const period = { start: now, end: periodEnd };
  const items: SubscriptionItemObject[] = input.items.map((item) =>
    buildSubscriptionItem(id, item, period, now),
  );
  const subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: periodEnd,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: input.cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: input.cancelAtPeriodEnd,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: input.collectionMethod,
    created: now,
    currency: first.price.currency,
    customer: customer.id,
    customer_account: null,
    days_until_due: input.daysUntilDue,
    default_payment_method: input.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: input.description,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null as string | null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: (trialing ? 'trialing' : 'incomplete') as SubscriptionObject['status'],
    test_clock: typeof customer.test_clock === 'string' ? customer.test_clock : null,
    transfer_data: null,
    trial_end: trialing ? periodEnd : null,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' },
    },
    trial_start: trialing ? now : null,
  } satisfies SubscriptionObject;
  const stored: SubscriptionObject = subscription;
  if (
    !trialing &&
    input.paymentBehavior === 'error_if_incomplete' &&
    input.collectionMethod === 'charge_automatically'
  ) {
    const paymentMethod = stored.default_payment_method ?? customer.invoice_settings.default_payment_method;
    const pmId = typeof paymentMethod === 'string' ? paymentMethod : (paymentMethod?.id ?? null);
    const amount = items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 0), 0);
    if (amount > 0 && (!pmId || !chargesOffSession(context.store.cardBehaviors.get(pmId)))) {
      throw cardDeclined('Your card was declined.', pmId ? 'generic_decline' : 'no_payment_method');
    }
  }
  context.store.subscriptions.set(id, stored);
  billingStateOf(context, id);
  context.subscriptionsBeingCreated.add(id);
  const createdEvent = context.events.reserve('customer.subscription.created', now);
  try {
    const products = context.store.products;
    const lines = items.map((item) => {
      if (item.price.recurring?.usage_type === 'metered') return usageLine(products, id, item, period, 0);
      return trialing ? trialLine(products, id, item, period) : periodLine(products, id, item, period);
    });
    const charge = !trialing && input.paymentBehavior !== 'default_incomplete';
    issueSubscriptionInvoice(context, stored, customer, 'subscription_create', lines, period, now, {
      charge,
      nextAttemptAt: null,
    });
    if (!trialing && stored.status === 'incomplete' && input.collectionMethod === 'send_invoice')
      stored.status = 'active';
  } catch (error) {
    createdEvent.abandon();
    throw error;
  } finally {
    context.subscriptionsBeingCreated.delete(id);
  }
  createdEvent.fill(stored);
  context.changed();
  if (trialing && periodEnd - 3 * day <= now) {
    billingStateOf(context, id).trialWillEndSent = true;
    emit(context, 'customer.subscription.trial_will_end', stored, now);
  }
  return stored;
}
