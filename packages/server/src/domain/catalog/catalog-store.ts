import { AddOn, Catalog, CreditPack, Feature, Plan } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { type CatalogPrice, catalogPrices, type PriceOwnerKind, productIdOf } from './catalog-prices.js';

/** Writes the catalog to the database; what the catalog no longer has is archived, never deleted. */
export async function saveCatalog(
  tx: Executor,
  catalog: Catalog,
  stripePriceIds: ReadonlyMap<string, string>,
  stripeSynced: boolean,
): Promise<void> {
  const productId = (kind: PriceOwnerKind, id: string) => (stripeSynced ? productIdOf(kind, id) : null);
  await tx.query(
    'UPDATE features SET archived_at = now() WHERE archived_at IS NULL AND NOT (key = ANY($1))',
    [catalog.features.map((feature) => feature.key)],
  );
  for (const [index, feature] of catalog.features.entries()) {
    await tx.query(
      `INSERT INTO features (key, name, kind, sort_order, definition) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (key) DO UPDATE SET name = $2, kind = $3, sort_order = $4, definition = $5::jsonb,
         archived_at = NULL, updated_at = now()`,
      [feature.key, feature.name, feature.kind, index, JSON.stringify(feature)],
    );
  }
  await tx.query('UPDATE plans SET archived_at = now() WHERE archived_at IS NULL AND NOT (id = ANY($1))', [
    catalog.plans.map((plan) => plan.id),
  ]);
  await tx.query("DELETE FROM entitlements WHERE owner_kind IN ('plan', 'add_on')");
  for (const plan of catalog.plans) {
    await tx.query(
      `INSERT INTO plans (id, name, is_free, contact_sales, trial_days, sort_order, stripe_product_id, definition)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (id) DO UPDATE SET name = $2, is_free = $3, contact_sales = $4, trial_days = $5, sort_order = $6,
         stripe_product_id = COALESCE($7, plans.stripe_product_id), definition = $8::jsonb, archived_at = NULL,
         updated_at = now()`,
      [
        plan.id,
        plan.name,
        plan.isFree,
        plan.contactSales !== null,
        plan.trialDays,
        plan.rank,
        plan.prices.length > 0 ? productId('plan', plan.id) : null,
        JSON.stringify(plan),
      ],
    );
    await saveEntitlements(tx, 'plan', plan.id, plan.entitlements);
  }
  await tx.query(
    'UPDATE credit_packs SET archived_at = now() WHERE archived_at IS NULL AND NOT (id = ANY($1))',
    [catalog.creditPacks.map((pack) => pack.id)],
  );
  for (const [index, pack] of catalog.creditPacks.entries()) {
    await tx.query(
      `INSERT INTO credit_packs (id, name, feature_key, amount, expires_after_days, sort_order, stripe_product_id, definition)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (id) DO UPDATE SET name = $2, feature_key = $3, amount = $4, expires_after_days = $5, sort_order = $6,
         stripe_product_id = COALESCE($7, credit_packs.stripe_product_id), definition = $8::jsonb, archived_at = NULL,
         updated_at = now()`,
      [
        pack.id,
        pack.name,
        pack.feature,
        pack.units,
        pack.expiresInDays,
        index,
        productId('credit_pack', pack.id),
        JSON.stringify(pack),
      ],
    );
  }
  await tx.query('UPDATE add_ons SET archived_at = now() WHERE archived_at IS NULL AND NOT (id = ANY($1))', [
    catalog.addOns.map((addOn) => addOn.id),
  ]);
  for (const [index, addOn] of catalog.addOns.entries()) {
    await tx.query(
      `INSERT INTO add_ons (id, name, sort_order, stripe_product_id, definition) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (id) DO UPDATE SET name = $2, sort_order = $3,
         stripe_product_id = COALESCE($4, add_ons.stripe_product_id), definition = $5::jsonb, archived_at = NULL,
         updated_at = now()`,
      [addOn.id, addOn.name, index, productId('add_on', addOn.id), JSON.stringify(addOn)],
    );
    await saveEntitlements(tx, 'add_on', addOn.id, addOn.entitlements);
  }
  await savePrices(tx, catalogPrices(catalog), stripePriceIds);
}

async function saveEntitlements(
  tx: Executor,
  ownerKind: 'plan' | 'add_on',
  ownerId: string,
  entitlements: Plan['entitlements'],
): Promise<void> {
  for (const entitlement of entitlements) {
    const amount =
      entitlement.kind === 'metered'
        ? entitlement.allowance
        : entitlement.kind === 'limit'
          ? entitlement.limit
          : entitlement.enabled
            ? 1
            : 0;
    await tx.query(
      `INSERT INTO entitlements (owner_kind, owner_id, feature_key, amount, reset_interval) VALUES ($1, $2, $3, $4, $5)`,
      [
        ownerKind,
        ownerId,
        entitlement.feature,
        amount,
        entitlement.kind === 'metered' ? entitlement.reset : null,
      ],
    );
  }
}

async function savePrices(
  tx: Executor,
  prices: CatalogPrice[],
  stripePriceIds: ReadonlyMap<string, string>,
): Promise<void> {
  await tx.query('UPDATE prices SET active = false, updated_at = now() WHERE NOT (lookup_key = ANY($1))', [
    prices.map((price) => price.lookupKey),
  ]);
  for (const price of prices) {
    await tx.query(
      `INSERT INTO prices (lookup_key, owner_kind, owner_id, currency, unit_amount, billing_interval, stripe_price_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (lookup_key) DO UPDATE SET owner_kind = $2, owner_id = $3, currency = $4, unit_amount = $5,
         billing_interval = $6, stripe_price_id = COALESCE($7, prices.stripe_price_id), active = true, updated_at = now()`,
      [
        price.lookupKey,
        price.ownerKind,
        price.ownerId,
        price.currency,
        price.unitAmount,
        price.interval,
        stripePriceIds.get(price.lookupKey) ?? null,
      ],
    );
  }
}

/** The live catalog as the API serves it, read back from what the last sync stored. */
export async function loadCatalog(db: Executor): Promise<Catalog> {
  const live = (table: string, order: string) =>
    db.query<{ definition: unknown }>(
      `SELECT definition FROM ${table} WHERE archived_at IS NULL ORDER BY ${order}`,
    );
  // One after another: `db` may be a transaction's client, which runs one query at a time (pg deprecates
  // queueing them), and the catalog is read rarely (it is cached).
  const features = await live('features', 'sort_order, key');
  const plans = await live('plans', 'sort_order, id');
  const packs = await live('credit_packs', 'sort_order, id');
  const addOns = await live('add_ons', 'sort_order, id');
  const featureOrder = features.rows.map((row) => Feature.parse(row.definition));
  return Catalog.parse({
    features: featureOrder,
    plans: plans.rows.map((row) => Plan.parse(row.definition)),
    creditPacks: packs.rows.map((row) => CreditPack.parse(row.definition)),
    addOns: addOns.rows.map((row) => AddOn.parse(row.definition)),
  });
}

/** The Stripe price id for a lookup key, if the catalog has been synced to Stripe. */
export async function stripePriceIdOf(db: Executor, lookupKey: string): Promise<string | null> {
  const { rows } = await db.query<{ stripe_price_id: string | null }>(
    'SELECT stripe_price_id FROM prices WHERE lookup_key = $1 AND active',
    [lookupKey],
  );
  return rows[0]?.stripe_price_id ?? null;
}
