import type { EmulatorContext } from '../context.js';
import { nowForCustomer } from '../context.js';
import { idOf, requireCustomer, requireSubscription } from '../lookups.js';
import type { InvoiceObject } from '../objects.js';
import type { Params } from '../params.js';
import { invalidParam, missingParam } from '../stripe-errors.js';
import { clone } from '../wire.js';
import { createDraftInvoice, type LineSpec } from './invoice-builder.js';
import { meterUsage } from './meter-usage.js';
import { lineFromInvoiceItem, pendingInvoiceItems } from './pending-items.js';
import { nextPeriodEnd, priceInterval } from './periods.js';
import { planItemChanges } from './subscription-changes.js';
import { periodLine, usageLine } from './subscription-items.js';

/**
 * `invoices.createPreview`: the invoice a subscription change would produce. With
 * `proration_behavior: 'always_invoice'` that is the prorations billed now; otherwise the next
 * renewal invoice with the prorations and pending items swept into it.
 */
export function previewInvoice(context: EmulatorContext, params: Params): InvoiceObject {
  const subscriptionId = params.string('subscription');
  const details = params.object('subscription_details');
  if (!subscriptionId) {
    const customerId = params.string('customer');
    if (!customerId) throw missingParam('subscription');
    const customer = requireCustomer(context, customerId);
    const now = nowForCustomer(context, customer.id);
    const lines = pendingInvoiceItems(context, customer.id, null).map((item) =>
      lineFromInvoiceItem(context, item),
    );
    if (lines.length === 0)
      throw invalidParam('customer', 'No upcoming invoices for customer', 'invoice_upcoming_none');
    return createDraftInvoice(context, {
      customer,
      subscription: null,
      billingReason: 'upcoming',
      lines,
      currency: lines[0]?.currency ?? 'usd',
      created: now,
      periodStart: now,
      periodEnd: now,
      preview: true,
    });
  }
  const subscription = clone(requireSubscription(context, subscriptionId));
  const customerId = idOf(subscription.customer) ?? '';
  const customer = requireCustomer(context, customerId);
  const now = nowForCustomer(context, customerId);
  const behavior =
    details?.oneOf('proration_behavior', ['create_prorations', 'none', 'always_invoice'] as const) ??
    'create_prorations';
  const prorationDate = details?.integer('proration_date') ?? now;
  const first = subscription.items.data[0];
  if (first && (prorationDate < first.current_period_start || prorationDate > first.current_period_end)) {
    throw invalidParam(
      'subscription_details[proration_date]',
      'proration_date must be within the current period.',
    );
  }
  const entries = details?.list('items') ?? [];
  const plan =
    entries.length > 0 ? planItemChanges(context, subscription, entries, prorationDate, now) : null;
  if (plan) subscription.items.data = plan.items;
  const prorations: LineSpec[] = plan && (behavior !== 'none' || plan.resetsCycle) ? plan.prorations : [];
  const pending = pendingInvoiceItems(context, customerId, subscription.id).map((item) =>
    lineFromInvoiceItem(context, item),
  );
  const current = subscription.items.data[0];
  const periodStart = current?.current_period_start ?? now;
  const periodEnd = current?.current_period_end ?? now;
  const products = context.store.products;
  const licensed = subscription.items.data.filter((item) => item.price.recurring?.usage_type !== 'metered');
  let lines: LineSpec[];
  let period: { start: number; end: number };
  if (plan?.resetsCycle) {
    period = { start: periodStart, end: periodEnd };
    // The renewal bills the current period's metered usage in arrears: show what is reported so far.
    const usage = subscription.items.data.flatMap((item) => {
      const meter = item.price.recurring?.usage_type === 'metered' ? item.price.recurring.meter : null;
      if (!meter || subscription.status === 'trialing') return [];
      const sofar = { start: periodStart, end: periodEnd };
      return [
        usageLine(products, subscription.id, item, sofar, meterUsage(context, meter, customerId, sofar)),
      ];
    });
    lines = [
      ...prorations,
      ...pending,
      ...usage,
      ...licensed.map((item) => periodLine(products, subscription.id, item, period)),
    ];
  } else if (behavior === 'always_invoice') {
    period = { start: prorationDate, end: periodEnd };
    lines = [...prorations, ...pending];
  } else {
    const { interval, count } = priceInterval(current?.price ?? subscription.items.data[0]!.price);
    period = {
      start: periodEnd,
      end: nextPeriodEnd(subscription.billing_cycle_anchor, periodEnd, interval, count),
    };
    // The renewal bills the current period's metered usage in arrears: show what is reported so far.
    const usage = subscription.items.data.flatMap((item) => {
      const meter = item.price.recurring?.usage_type === 'metered' ? item.price.recurring.meter : null;
      if (!meter || subscription.status === 'trialing') return [];
      const sofar = { start: periodStart, end: periodEnd };
      return [
        usageLine(products, subscription.id, item, sofar, meterUsage(context, meter, customerId, sofar)),
      ];
    });
    lines = [
      ...prorations,
      ...pending,
      ...usage,
      ...licensed.map((item) => periodLine(products, subscription.id, item, period)),
    ];
  }
  const invoice = createDraftInvoice(context, {
    customer,
    subscription,
    billingReason: behavior === 'always_invoice' || plan?.resetsCycle ? 'subscription_update' : 'upcoming',
    lines,
    currency: subscription.currency,
    created: now,
    periodStart: period.start,
    periodEnd: period.end,
    preview: true,
  });
  if (invoice.parent?.subscription_details)
    invoice.parent.subscription_details.subscription_proration_date = prorationDate;
  return invoice;
}
