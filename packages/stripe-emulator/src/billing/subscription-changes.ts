import type { EmulatorContext } from '../context.js';
import { requirePrice } from '../lookups.js';
import type { SubscriptionItemObject, SubscriptionObject } from '../objects.js';
import type { Params } from '../params.js';
import { invalidParam, resourceMissing } from '../stripe-errors.js';
import { clone } from '../wire.js';
import type { LineSpec } from './invoice-builder.js';
import { addIntervals, priceInterval } from './periods.js';
import { planFromPrice } from './plan.js';
import { chargeFor, creditFor, type ProrationWindow } from './proration.js';
import { buildSubscriptionItem } from './subscription-items.js';
import { assertSameInterval } from './subscription-lifecycle.js';

export interface PlannedChange {
  items: SubscriptionItemObject[];
  prorations: LineSpec[];
  /** A new interval restarts the billing cycle now and bills the new period at once. */
  resetsCycle: boolean;
  changed: boolean;
}

/**
 * Works out the items after an update (`items[n][id|price|quantity|deleted]`) and the proration
 * lines Stripe would create at `prorationDate`, without touching the subscription.
 */
export function planItemChanges(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  entries: Params[],
  prorationDate: number,
  now: number,
): PlannedChange {
  const current = subscription.items.data;
  const first = current[0];
  const window: ProrationWindow = {
    subscriptionId: subscription.id,
    periodStart: first?.current_period_start ?? now,
    periodEnd: first?.current_period_end ?? now,
    prorationDate,
  };
  const prorate = subscription.status !== 'trialing';
  const items = current.map((item) => clone(item));
  const credits: LineSpec[] = [];
  const charges: SubscriptionItemObject[] = [];
  let changed = false;
  for (const [index, entry] of entries.entries()) {
    const id = entry.string('id');
    const priceId = entry.string('price');
    const quantity = entry.integer('quantity');
    const deleted = entry.boolean('deleted') === true;
    const metadata = entry.has('metadata') ? entry.metadata() : undefined;
    if (id) {
      const position = items.findIndex((item) => item.id === id);
      const existing = items[position];
      if (!existing) throw resourceMissing(`items[${index}][id]`, 'subscription item', id);
      if (deleted) {
        if (prorate) credits.push(...creditFor(context, window, existing));
        items.splice(position, 1);
        changed = true;
        continue;
      }
      const price = priceId ? requirePrice(context, priceId, `items[${index}][price]`) : existing.price;
      const nextQuantity = quantity ?? existing.quantity ?? 1;
      if (price.id !== existing.price.id || nextQuantity !== (existing.quantity ?? 1)) {
        if (prorate) credits.push(...creditFor(context, window, existing));
        existing.price = clone(price);
        existing.plan = planFromPrice(price);
        if (price.recurring?.usage_type !== 'metered') existing.quantity = nextQuantity;
        else delete existing.quantity;
        charges.push(existing);
        changed = true;
      }
      if (metadata) existing.metadata = { ...existing.metadata, ...metadata };
      continue;
    }
    if (!priceId)
      throw invalidParam(`items[${index}][price]`, 'Each new item needs a price.', 'parameter_missing');
    const price = requirePrice(context, priceId, `items[${index}][price]`);
    if (items.some((item) => item.price.id === price.id)) {
      throw invalidParam(
        `items[${index}][price]`,
        `The price \`${price.id}\` is already on this subscription; update its quantity instead.`,
      );
    }
    const added = buildSubscriptionItem(
      subscription.id,
      { price, quantity: quantity ?? 1, metadata: metadata ?? {} },
      { start: window.periodStart, end: window.periodEnd },
      now,
    );
    items.push(added);
    charges.push(added);
    changed = true;
  }
  assertSameIntervalOrReset(items);
  const before = first ? priceInterval(first.price) : undefined;
  const after = items[0] ? priceInterval(items[0].price) : undefined;
  const resetsCycle =
    !!before && !!after && (before.interval !== after.interval || before.count !== after.count);
  if (resetsCycle && after) {
    const end = addIntervals(now, after.interval, after.count);
    for (const item of items) {
      item.current_period_start = now;
      item.current_period_end = end;
    }
    return { items, prorations: prorate ? credits : [], resetsCycle, changed };
  }
  const prorations = prorate
    ? [...credits, ...charges.flatMap((item) => chargeFor(context, window, item))]
    : [];
  return { items, prorations, resetsCycle, changed };
}

function assertSameIntervalOrReset(items: SubscriptionItemObject[]): void {
  assertSameInterval(
    items.map((item) => ({ price: item.price, quantity: item.quantity ?? 1, metadata: item.metadata })),
    'items',
  );
}
