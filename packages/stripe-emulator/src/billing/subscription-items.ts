import { newId } from '../ids.js';
import type { PriceObject, ProductObject, SubscriptionItemObject } from '../objects.js';
import { clone } from '../wire.js';
import type { LineSpec } from './invoice-builder.js';
import { formatMoney } from './periods.js';
import { planFromPrice } from './plan.js';

export interface ItemInput {
  id?: string;
  price: PriceObject;
  quantity: number;
  metadata: Record<string, string>;
}

export function buildSubscriptionItem(
  subscriptionId: string,
  input: ItemInput,
  period: { start: number; end: number },
  created: number,
): SubscriptionItemObject {
  const metered = input.price.recurring?.usage_type === 'metered';
  return {
    id: input.id ?? newId('si', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: input.metadata,
    plan: planFromPrice(input.price),
    price: clone(input.price),
    ...(metered ? {} : { quantity: input.quantity }),
    subscription: subscriptionId,
    tax_rates: [],
  } satisfies SubscriptionItemObject;
}

export function productName(products: Map<string, ProductObject>, price: PriceObject): string {
  const productId = typeof price.product === 'string' ? price.product : price.product.id;
  return products.get(productId)?.name ?? productId;
}

/** The line for one licensed item over one period (Stripe's "1 × Pro (at $20.00 / month)"). */
export function periodLine(
  products: Map<string, ProductObject>,
  subscriptionId: string,
  item: SubscriptionItemObject,
  period: { start: number; end: number },
): LineSpec {
  const quantity = item.quantity ?? 1;
  const unit = item.price.unit_amount ?? 0;
  const interval = item.price.recurring?.interval ?? 'month';
  return {
    amount: unit * quantity,
    currency: item.price.currency,
    description: `${quantity} × ${productName(products, item.price)} (at ${formatMoney(unit, item.price.currency)} / ${interval})`,
    quantity,
    price: item.price,
    period,
    proration: false,
    subscriptionId,
    subscriptionItemId: item.id,
    invoiceItemId: null,
    metadata: {},
  };
}

export function trialLine(
  products: Map<string, ProductObject>,
  subscriptionId: string,
  item: SubscriptionItemObject,
  period: { start: number; end: number },
): LineSpec {
  return {
    ...periodLine(products, subscriptionId, item, period),
    amount: 0,
    description: `Trial period for ${productName(products, item.price)}`,
  };
}

export function usageLine(
  products: Map<string, ProductObject>,
  subscriptionId: string,
  item: SubscriptionItemObject,
  period: { start: number; end: number },
  usage: number,
): LineSpec {
  const unit = item.price.unit_amount ?? 0;
  return {
    amount: Math.round(unit * usage),
    currency: item.price.currency,
    description: `${usage} × ${productName(products, item.price)} (at ${formatMoney(unit, item.price.currency)} per unit)`,
    quantity: usage,
    price: item.price,
    period,
    proration: false,
    subscriptionId,
    subscriptionItemId: item.id,
    invoiceItemId: null,
    metadata: {},
  };
}
