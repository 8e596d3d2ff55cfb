import { type BillingConfig, catalogFromConfig } from '@billing-kit/contracts';
import type { Database } from '../../db/database.js';
import type { StripeGateway } from '../../stripe/stripe-gateway.js';
import { saveCatalog } from './catalog-store.js';
import { type CatalogSyncReport, syncCatalogToStripe } from './stripe-catalog-sync.js';

export interface CatalogSyncResult extends CatalogSyncReport {
  stripe: 'synced' | 'skipped';
}

/**
 * `billing-kit sync`: pushes billing.config.ts to Stripe (when configured) and then to the database, so the
 * database never names a Stripe price that does not exist. Without Stripe the catalog is still served.
 */
export async function syncCatalog(
  db: Database,
  gateway: StripeGateway,
  config: BillingConfig,
): Promise<CatalogSyncResult> {
  const catalog = catalogFromConfig(config);
  const synced = gateway.configured ? await syncCatalogToStripe(gateway, catalog) : undefined;
  await db.transaction((tx) =>
    saveCatalog(tx, catalog, synced?.stripePriceIds ?? new Map(), synced !== undefined),
  );
  return {
    stripe: synced ? 'synced' : 'skipped',
    ...(synced?.report ?? { created: [], kept: [], archived: [] }),
  };
}
