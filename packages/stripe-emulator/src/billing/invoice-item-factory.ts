import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import type { CustomerObject, InvoiceItemObject } from '../objects.js';
import type { LineSpec } from './invoice-builder.js';

/** Stores an invoice item (pending unless `invoiceId` is given) and announces `invoiceitem.created`. */
export function createInvoiceItem(
  context: EmulatorContext,
  customer: CustomerObject,
  spec: LineSpec,
  created: number,
  invoiceId: string | null = null,
): InvoiceItemObject {
  const productId = spec.price
    ? typeof spec.price.product === 'string'
      ? spec.price.product
      : spec.price.product.id
    : null;
  const item = {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: spec.amount,
    currency: spec.currency,
    customer: customer.id,
    customer_account: null,
    date: created,
    description: spec.description,
    discountable: !spec.proration,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: spec.metadata,
    net_amount: spec.amount,
    parent: spec.subscriptionId
      ? {
          subscription_details: {
            subscription: spec.subscriptionId,
            ...(spec.subscriptionItemId ? { subscription_item: spec.subscriptionItemId } : {}),
          },
          type: 'subscription_details',
        }
      : null,
    period: spec.period,
    pricing:
      spec.price && productId
        ? {
            price_details: { price: spec.price.id, product: productId },
            type: 'price_details',
            unit_amount_decimal: spec.price.unit_amount_decimal,
          }
        : {
            type: 'price_details',
            unit_amount_decimal: String(spec.quantity ? spec.amount / spec.quantity : spec.amount),
          },
    proration: spec.proration,
    ...(spec.proration ? { proration_details: { credited_items: null, discount_amounts: [] } } : {}),
    quantity: spec.quantity,
    quantity_decimal: String(spec.quantity),
    tax_rates: [],
    test_clock: typeof customer.test_clock === 'string' ? customer.test_clock : null,
  } satisfies InvoiceItemObject;
  context.store.invoiceItems.set(item.id, item);
  emit(context, 'invoiceitem.created', item, created);
  return item;
}
