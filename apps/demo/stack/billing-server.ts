import { demoCatalog } from '@billing-kit/contracts';
import {
  createBillingApp,
  createLogger,
  createStripeGateway,
  type Database,
  migrate,
  openDatabase,
  type StripeGateway,
  syncCatalog,
} from '@billing-kit/server';
import type { Express } from 'express';

export type LogLevel = Parameters<typeof createLogger>[0];

export const DEMO_STRIPE_KEY = 'sk_test_billing_kit_demo';

export interface BillingBackend {
  database: Database;
  stripe: StripeGateway;
}

/** PGlite under the data dir (an existing one is reopened, never re-initialised), migrated, catalog synced. */
export async function openBillingBackend(options: {
  pgliteDir: string;
  emulatorUrl: string;
  webhookSecret: string;
}): Promise<BillingBackend> {
  const database = await openDatabase({ dataDir: options.pgliteDir });
  await migrate(database);
  const stripe = createStripeGateway({
    secretKey: DEMO_STRIPE_KEY,
    webhookSecret: options.webhookSecret,
    apiBase: options.emulatorUrl,
  });
  // Idempotent (products by id, prices by lookup key): a warm start creates nothing.
  await syncCatalog(database, stripe, demoCatalog);
  return { database, stripe };
}

/** The reference billing app (router under `/api/billing`, ops routes), on the demo's clock. */
export function createDemoBillingApp(
  backend: BillingBackend,
  options: { jwtSecret: string; apiKey: string; origin: string; now: () => Date; logLevel: LogLevel },
): Express {
  return createBillingApp({
    database: backend.database,
    stripe: backend.stripe,
    jwt: { secret: options.jwtSecret },
    apiKey: options.apiKey,
    // The demo origin by either loopback name, and Vite's dev server (`npm run dev -w @billing-kit/app-demo`
    // proxies /api here), so checkout and the portal can send the buyer back to whichever the browser is on.
    returnUrlOrigins: [
      options.origin,
      options.origin.replace('//127.0.0.1:', '//localhost:'),
      'http://localhost:5173',
      'http://127.0.0.1:5173',
    ],
    now: options.now,
    logger: createLogger(options.logLevel),
    // Seeding writes months of usage in a few seconds through the API key; the browser keeps the defaults.
    rateLimits: { trackBatch: { capacity: 5_000, refillPerSecond: 1_000 } },
  });
}
