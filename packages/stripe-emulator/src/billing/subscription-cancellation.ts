import { type EmulatorContext, emit } from '../context.js';
import { idOf } from '../lookups.js';
import type { SubscriptionObject } from '../objects.js';
import { clone } from '../wire.js';
import type { LineSpec } from './invoice-builder.js';
import { meterUsage } from './meter-usage.js';
import { creditFor } from './proration.js';
import { usageLine } from './subscription-items.js';
import { issueSubscriptionInvoice } from './subscription-lifecycle.js';

export type CancellationReason = 'cancellation_requested' | 'payment_failed' | 'payment_disputed';

export interface CancelOptions {
  /** Bill what is owed now: metered usage so far (and, with `prorate`, a credit for unused time). */
  finalInvoice?: boolean;
  prorate?: boolean;
  comment?: string | null;
}

function finalLines(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  now: number,
  prorate: boolean,
): LineSpec[] {
  const customerId = idOf(subscription.customer) ?? '';
  const lines: LineSpec[] = [];
  for (const item of subscription.items.data) {
    const period = { start: item.current_period_start, end: Math.min(now, item.current_period_end) };
    const meter = item.price.recurring?.usage_type === 'metered' ? item.price.recurring.meter : null;
    if (meter && subscription.status !== 'trialing') {
      const usage = meterUsage(context, meter, customerId, period);
      if (usage > 0) lines.push(usageLine(context.store.products, subscription.id, item, period, usage));
    } else if (!meter && prorate && subscription.status !== 'trialing' && now < item.current_period_end) {
      lines.push(
        ...creditFor(
          context,
          {
            subscriptionId: subscription.id,
            periodStart: item.current_period_start,
            periodEnd: item.current_period_end,
            prorationDate: now,
          },
          item,
        ),
      );
    }
  }
  return lines;
}

/** Ends a subscription now (`customer.subscription.deleted`), optionally billing a final invoice first. */
export function cancelSubscriptionNow(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  now: number,
  reason: CancellationReason,
  options: CancelOptions = {},
): void {
  const customer = context.store.customers.get(idOf(subscription.customer) ?? '');
  if (options.finalInvoice && customer && subscription.status !== 'incomplete') {
    const lines = finalLines(context, subscription, now, options.prorate ?? false);
    if (lines.length > 0) {
      const first = subscription.items.data[0];
      const period = { start: first?.current_period_start ?? now, end: now };
      issueSubscriptionInvoice(context, subscription, customer, 'subscription_cycle', lines, period, now, {
        charge: true,
        nextAttemptAt: null,
      });
    }
  }
  const before = clone(subscription);
  subscription.status = 'canceled';
  subscription.canceled_at = subscription.canceled_at ?? now;
  subscription.ended_at = now;
  subscription.cancellation_details = {
    comment: options.comment ?? subscription.cancellation_details?.comment ?? null,
    feedback: subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason,
  };
  // Pending prorations of an ended subscription are never billed.
  for (const item of context.store.invoiceItems.values()) {
    const owner = item.parent?.subscription_details?.subscription;
    if (item.invoice === null && owner === subscription.id) context.store.invoiceItems.delete(item.id);
  }
  emit(context, 'customer.subscription.deleted', subscription, now, before);
}
