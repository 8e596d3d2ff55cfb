import { demoCatalog } from '@billing-kit/contracts';
import type { Express } from 'express';
import { pino } from 'pino';
import { createBillingApp } from '../app.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import type { BillingRouterOptions } from '../router.js';
import { createStripeGateway, type StripeGateway } from '../stripe/stripe-gateway.js';
import { serveForTest, type TestServer } from './http-client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_API_KEY, TEST_JWT_SECRET } from './tokens.js';

export interface TestApp {
  app: Express;
  server: TestServer;
  db: TestDatabase;
  stripe: StripeGateway;
  close(): Promise<void>;
}

/**
 * The standalone app on a fresh test database with the demo catalog, test JWT secret and API key. Stripe
 * is whatever the test passes (the emulator's settings, or nothing: not configured).
 */
export async function createTestApp(
  options: {
    stripe?: StripeGateway;
    /** Push the catalog to `stripe` too (default); false stores it in the database only. */
    syncToStripe?: boolean;
    overrides?: Partial<BillingRouterOptions>;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const stripe = options.stripe ?? createStripeGateway({});
  await syncCatalog(db, options.syncToStripe === false ? createStripeGateway({}) : stripe, demoCatalog);
  const app = createBillingApp({
    database: db,
    stripe,
    jwt: { secret: TEST_JWT_SECRET },
    apiKey: TEST_API_KEY,
    logger: pino({ level: 'silent' }),
    ...options.overrides,
  });
  const server = await serveForTest(app);
  return {
    app,
    server,
    db,
    stripe,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
