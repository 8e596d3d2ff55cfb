import type { EmulatorContext } from '../context.js';
import type { PriceObject, SubscriptionItemObject } from '../objects.js';
import type { LineSpec } from './invoice-builder.js';
import { formatDate } from './periods.js';
import { productName } from './subscription-items.js';

export interface ProrationWindow {
  subscriptionId: string;
  periodStart: number;
  periodEnd: number;
  prorationDate: number;
}

function fraction(window: ProrationWindow): number {
  const length = window.periodEnd - window.periodStart;
  if (length <= 0) return 0;
  return Math.min(1, Math.max(0, (window.periodEnd - window.prorationDate) / length));
}

function prorationLine(
  context: EmulatorContext,
  window: ProrationWindow,
  item: SubscriptionItemObject,
  price: PriceObject,
  quantity: number,
  sign: 1 | -1,
): LineSpec {
  const name = productName(context.store.products, price);
  const amount = Math.round((price.unit_amount ?? 0) * quantity * fraction(window));
  const when = formatDate(window.prorationDate);
  return {
    amount: sign * amount,
    currency: price.currency,
    description:
      sign < 0
        ? `Unused time on ${quantity} × ${name} after ${when}`
        : `Remaining time on ${quantity} × ${name} after ${when}`,
    quantity,
    price,
    period: { start: window.prorationDate, end: window.periodEnd },
    proration: true,
    subscriptionId: window.subscriptionId,
    subscriptionItemId: item.id,
    invoiceItemId: null,
    metadata: {},
  };
}

const isLicensed = (price: PriceObject) => price.recurring?.usage_type !== 'metered';

/** Credit for what an item would have billed for the rest of the period. */
export function creditFor(
  context: EmulatorContext,
  window: ProrationWindow,
  item: SubscriptionItemObject,
): LineSpec[] {
  if (!isLicensed(item.price)) return [];
  return [prorationLine(context, window, item, item.price, item.quantity ?? 1, -1)];
}

/** Charge for an item's price over the rest of the period. */
export function chargeFor(
  context: EmulatorContext,
  window: ProrationWindow,
  item: SubscriptionItemObject,
): LineSpec[] {
  if (!isLicensed(item.price)) return [];
  return [prorationLine(context, window, item, item.price, item.quantity ?? 1, 1)];
}
