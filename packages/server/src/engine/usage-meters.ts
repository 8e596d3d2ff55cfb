import type { Catalog, Plan } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import type { Executor } from '../db/database.js';
import { productIdOf } from '../domain/catalog/catalog-prices.js';
import type { StripeGateway } from '../stripe/stripe-gateway.js';
import { meterEventName } from './usage-reporter.js';

/** Features whose usage past the allowance is billed somewhere in the catalog: each needs a Stripe meter. */
export function overageFeatures(catalog: Catalog): string[] {
  const keys = new Set<string>();
  for (const owner of [...catalog.plans, ...catalog.addOns]) {
    for (const entitlement of owner.entitlements) {
      if (entitlement.kind === 'metered' && entitlement.overage) keys.add(entitlement.feature);
    }
  }
  return [...keys].sort();
}

/** One metered overage price per plan, interval and overage feature, in the overage's currency. */
export interface OveragePrice {
  lookupKey: string;
  planId: string;
  featureKey: string;
  interval: 'month' | 'year';
  /** Minor units per billing unit (`per` usage units): $1.00 per 1,000 words is 100. */
  unitAmount: number;
  currency: string;
}

export const overageLookupKey = (planId: string, featureKey: string, interval: string, currency: string) =>
  `bk_overage_${planId}_${featureKey}_${interval}_${currency.toLowerCase()}`;

export function overagePrices(catalog: Catalog): OveragePrice[] {
  return catalog.plans.flatMap((plan) => {
    const intervals = [...new Set(plan.prices.map((price) => price.interval))];
    return plan.entitlements.flatMap((entitlement) => {
      if (entitlement.kind !== 'metered' || !entitlement.overage) return [];
      const { price } = entitlement.overage;
      return intervals.map((interval) => ({
        lookupKey: overageLookupKey(plan.id, entitlement.feature, interval, price.currency),
        planId: plan.id,
        featureKey: entitlement.feature,
        interval,
        unitAmount: price.amount,
        currency: price.currency,
      }));
    });
  });
}

// Not the catalog's own marker: the catalog sync archives `catalog` prices it does not list itself.
const USAGE_MANAGED = { billing_kit: 'usage' } as const;

/**
 * Makes Stripe hold one active billing meter per overage feature (summing `value` per customer), found by
 * event name, and one metered price per plan, interval and overage feature on that meter, found by lookup
 * key — so a second sync creates nothing. Meter values are in billing units (usage ÷ `per`: 1.5 for 1,500
 * words at $1.00 per 1,000), so the price is a whole number of minor units per billing unit.
 */
export async function syncUsageMeters(
  stripe: Stripe,
  catalog: Catalog,
): Promise<{ created: string[]; kept: string[]; meterIds: Map<string, string> }> {
  const existing = new Map<string, string>();
  for await (const meter of stripe.billing.meters.list({ status: 'active', limit: 100 })) {
    existing.set(meter.event_name, meter.id);
  }
  const created: string[] = [];
  const kept: string[] = [];
  const meterIds = new Map<string, string>();
  for (const featureKey of overageFeatures(catalog)) {
    const eventName = meterEventName(featureKey);
    const known = existing.get(eventName);
    if (known) {
      meterIds.set(featureKey, known);
      kept.push(`meter ${eventName}`);
      continue;
    }
    const feature = catalog.features.find((candidate) => candidate.key === featureKey);
    const meter = await stripe.billing.meters.create({
      display_name: feature?.name ?? featureKey,
      event_name: eventName,
      default_aggregation: { formula: 'sum' },
      customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
      value_settings: { event_payload_key: 'value' },
    });
    meterIds.set(featureKey, meter.id);
    created.push(`meter ${eventName}`);
  }
  const wanted = overagePrices(catalog);
  const existingPrices = new Map<string, Stripe.Price>();
  for (let index = 0; index < wanted.length; index += 10) {
    const lookupKeys = wanted.slice(index, index + 10).map((price) => price.lookupKey);
    for await (const price of stripe.prices.list({ lookup_keys: lookupKeys, active: true, limit: 100 })) {
      if (price.lookup_key) existingPrices.set(price.lookup_key, price);
    }
  }
  for (const price of wanted) {
    const meter = meterIds.get(price.featureKey) as string;
    const existing = existingPrices.get(price.lookupKey);
    if (existing && existing.unit_amount === price.unitAmount && existing.recurring?.meter === meter) {
      kept.push(`price ${price.lookupKey}`);
      continue;
    }
    await stripe.prices.create({
      product: productIdOf('plan', price.planId),
      currency: price.currency.toLowerCase(),
      unit_amount: price.unitAmount,
      lookup_key: price.lookupKey,
      transfer_lookup_key: existing !== undefined,
      recurring: { interval: price.interval, usage_type: 'metered', meter },
      metadata: USAGE_MANAGED,
    });
    created.push(`price ${price.lookupKey}`);
  }
  return { created, kept, meterIds };
}

/**
 * The metered overage items a subscription to `plan` needs, so reported usage shows on its invoices: one per
 * overage feature, found in Stripe by lookup key (none when the catalog has not been synced with them).
 */
export async function overageLineItems(
  gateway: StripeGateway,
  plan: Plan,
  interval: 'month' | 'year',
  currency: string,
): Promise<{ price: string }[]> {
  const lookupKeys = plan.entitlements.flatMap((entitlement) =>
    entitlement.kind === 'metered' && entitlement.overage?.price.currency === currency
      ? [overageLookupKey(plan.id, entitlement.feature, interval, currency)]
      : [],
  );
  if (lookupKeys.length === 0) return [];
  const prices = await gateway.call((stripe) =>
    stripe.prices.list({ lookup_keys: lookupKeys, active: true }),
  );
  return prices.data.map((price) => ({ price: price.id }));
}

/**
 * The item changes moving a subscription to `plan`/`interval` needs for its metered overage items: the old
 * plan's are removed and the new plan's added (Stripe wants every item of a subscription on one interval).
 */
export async function overageItemSwap(
  gateway: StripeGateway,
  db: Executor,
  subscriptionId: string,
  plan: Plan,
  interval: 'month' | 'year',
  currency: string,
): Promise<({ id: string; deleted: true } | { price: string })[]> {
  const wanted = await overageLineItems(gateway, plan, interval, currency);
  const { rows } = await db.query<{ id: string; stripe_price_id: string }>(
    `SELECT id, stripe_price_id FROM subscription_items WHERE subscription_id = $1 AND price_lookup_key LIKE 'bk\\_overage\\_%'`,
    [subscriptionId],
  );
  const present = new Set(rows.map((row) => row.stripe_price_id));
  const keep = new Set(wanted.map((item) => item.price));
  return [
    ...rows
      .filter((row) => !keep.has(row.stripe_price_id))
      .map((row) => ({ id: row.id, deleted: true as const })),
    ...wanted.filter((item) => !present.has(item.price)),
  ];
}
