import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BillingConfig, demoCatalog } from '@billing-kit/contracts';

/**
 * The catalog config named on the command line or in BILLING_CATALOG: `demo` for the demo catalog, or a
 * module path whose default export (or `billingConfig`) is a `defineBillingConfig(...)` result. TypeScript
 * modules need a TypeScript-aware runner such as tsx.
 */
export async function loadBillingConfig(source: string | undefined): Promise<BillingConfig> {
  if (source === 'demo' || source === '--demo') return demoCatalog;
  const path = resolve(source ?? 'billing.config.ts');
  const module: Record<string, unknown> = await import(pathToFileURL(path).href);
  return BillingConfig.parse(module.default ?? module.billingConfig ?? module.config);
}
