import type { EmulatorContext } from '../context.js';
import { idOf } from '../lookups.js';
import type { InvoiceItemObject } from '../objects.js';
import type { LineSpec } from './invoice-builder.js';

/** Pending invoice items of a customer that the next invoice sweeps up (for a subscription: its own and unattached ones). */
export function pendingInvoiceItems(
  context: EmulatorContext,
  customerId: string,
  subscriptionId: string | null,
): InvoiceItemObject[] {
  return [...context.store.invoiceItems.values()].filter((item) => {
    if (item.invoice !== null || idOf(item.customer) !== customerId) return false;
    const owner = idOf(item.parent?.subscription_details?.subscription ?? null);
    return owner === null || owner === subscriptionId;
  });
}

export function lineFromInvoiceItem(context: EmulatorContext, item: InvoiceItemObject): LineSpec {
  const priceId = item.pricing?.price_details?.price;
  const price = priceId
    ? (context.store.prices.get(typeof priceId === 'string' ? priceId : priceId.id) ?? null)
    : null;
  return {
    amount: item.amount,
    currency: item.currency,
    description: item.description ?? '',
    quantity: item.quantity,
    price,
    period: item.period,
    proration: item.proration,
    subscriptionId: idOf(item.parent?.subscription_details?.subscription ?? null),
    subscriptionItemId: null,
    invoiceItemId: item.id,
    metadata: item.metadata ?? {},
  };
}
