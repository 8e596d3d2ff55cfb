import type { Catalog } from '@billing-kit/contracts';
import Stripe from 'stripe';
import { syncUsageMeters } from '../../engine/usage-meters.js';
import type { StripeGateway } from '../../stripe/stripe-gateway.js';
import { type CatalogPrice, catalogPrices, type PriceOwnerKind, productIdOf } from './catalog-prices.js';

export interface CatalogSyncReport {
  created: string[];
  kept: string[];
  archived: string[];
}

const MANAGED = { billing_kit: 'catalog' } as const;

interface ProductSpec {
  id: string;
  name: string;
  description: string;
}

function productsOf(catalog: Catalog): ProductSpec[] {
  const spec = (kind: PriceOwnerKind, item: { id: string; name: string; description: string }) => ({
    id: productIdOf(kind, item.id),
    name: item.name,
    description: item.description,
  });
  return [
    ...catalog.plans.filter((plan) => plan.prices.length > 0).map((plan) => spec('plan', plan)),
    ...catalog.creditPacks.map((pack) => spec('credit_pack', pack)),
    ...catalog.addOns.map((addOn) => spec('add_on', addOn)),
  ];
}

const isMissing = (error: unknown) =>
  error instanceof Stripe.errors.StripeError && error.code === 'resource_missing';

function priceMatches(existing: Stripe.Price, wanted: CatalogPrice): boolean {
  const productId = typeof existing.product === 'string' ? existing.product : existing.product.id;
  return (
    existing.active &&
    productId === wanted.productId &&
    existing.currency === wanted.currency.toLowerCase() &&
    existing.unit_amount === wanted.unitAmount &&
    (existing.recurring?.interval ?? null) === wanted.interval
  );
}

/**
 * Makes Stripe hold exactly the catalog's products and prices. Products have our own ids and prices our
 * lookup keys, so a second run finds everything and creates nothing. Stripe prices are immutable: a changed
 * amount becomes a new price that takes over the lookup key, and the old one is archived.
 */
export async function syncCatalogToStripe(
  gateway: StripeGateway,
  catalog: Catalog,
): Promise<{ report: CatalogSyncReport; stripePriceIds: Map<string, string> }> {
  const report: CatalogSyncReport = { created: [], kept: [], archived: [] };
  const stripePriceIds = new Map<string, string>();
  await gateway.call(async (stripe) => {
    for (const product of productsOf(catalog)) {
      const existing = await stripe.products.retrieve(product.id).catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
      if (!existing) {
        await stripe.products.create({ ...product, metadata: MANAGED });
        report.created.push(`product ${product.id}`);
      } else if (!existing.active || existing.name !== product.name) {
        await stripe.products.update(product.id, { active: true, name: product.name });
        report.kept.push(`product ${product.id} (updated)`);
      } else {
        report.kept.push(`product ${product.id}`);
      }
    }
    const wanted = catalogPrices(catalog);
    const existingByKey = new Map<string, Stripe.Price>();
    for (let index = 0; index < wanted.length; index += 10) {
      const lookupKeys = wanted.slice(index, index + 10).map((price) => price.lookupKey);
      for await (const price of stripe.prices.list({ lookup_keys: lookupKeys, limit: 100 })) {
        if (price.lookup_key) existingByKey.set(price.lookup_key, price);
      }
    }
    for (const price of wanted) {
      const existing = existingByKey.get(price.lookupKey);
      if (existing && priceMatches(existing, price)) {
        stripePriceIds.set(price.lookupKey, existing.id);
        report.kept.push(`price ${price.lookupKey}`);
        continue;
      }
      const created = await stripe.prices.create({
        product: price.productId,
        currency: price.currency.toLowerCase(),
        unit_amount: price.unitAmount,
        lookup_key: price.lookupKey,
        transfer_lookup_key: existing !== undefined,
        metadata: MANAGED,
        ...(price.interval ? { recurring: { interval: price.interval } } : {}),
      });
      stripePriceIds.set(price.lookupKey, created.id);
      report.created.push(`price ${price.lookupKey}`);
      if (existing?.active) {
        await stripe.prices.update(existing.id, { active: false });
        report.archived.push(`price ${existing.id} (was ${price.lookupKey})`);
      }
    }
    // Overage reaches Stripe as meter events (issue 5); each overage feature needs its meter.
    const meters = await syncUsageMeters(stripe, catalog);
    report.created.push(...meters.created);
    report.kept.push(...meters.kept);
    const wantedKeys = new Set(wanted.map((price) => price.lookupKey));
    for await (const price of stripe.prices.list({ active: true, limit: 100 })) {
      const ours = price.metadata?.billing_kit === MANAGED.billing_kit;
      if (ours && !(price.lookup_key && wantedKeys.has(price.lookup_key))) {
        await stripe.prices.update(price.id, { active: false });
        report.archived.push(`price ${price.lookup_key ?? price.id}`);
      }
    }
  });
  return { report, stripePriceIds };
}
