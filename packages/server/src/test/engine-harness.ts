import { demoCatalog } from '@billing-kit/contracts';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { type BillingEngine, createBillingEngine } from '../engine/engine.js';
import { createStripeGateway, type StripeGateway } from '../stripe/stripe-gateway.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface EngineHarness {
  db: TestDatabase;
  engine: BillingEngine;
  /** The engine's clock; tests move it. */
  clock: { now: Date };
  createAccount(id: string): Promise<void>;
  /** The number a query answers in its `n` column (0 when it answers nothing), for counting rows and sums. */
  scalar(sql: string, params: unknown[]): Promise<number>;
  /** Puts the account on a paid plan as the Stripe mirror would. */
  subscribe(
    accountId: string,
    planId: string,
    options?: { interval?: 'month' | 'year'; startedAt?: Date; addOns?: { id: string; quantity: number }[] },
  ): Promise<void>;
  close(): Promise<void>;
}

/** The engine over a test database holding the demo catalog, with a clock the test controls. */
export async function createEngineHarness(
  options: { now?: Date; stripe?: StripeGateway } = {},
): Promise<EngineHarness> {
  const db = await createTestDatabase();
  await syncCatalog(db, createStripeGateway({}), demoCatalog);
  const clock = { now: options.now ?? new Date('2026-11-23T12:00:00.000Z') };
  const engine = createBillingEngine({
    db,
    catalog: cachedCatalog(db, 60_000),
    now: () => clock.now,
    stripe: options.stripe,
  });
  return {
    db,
    engine,
    clock,
    async scalar(sql, params) {
      return Number((await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
    },
    async createAccount(id) {
      await db.query('INSERT INTO accounts (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [id]);
    },
    async subscribe(accountId, planId, subscribeOptions = {}) {
      const startedAt = subscribeOptions.startedAt ?? clock.now;
      const subscriptionId = `sub_${accountId}`;
      await db.query(
        `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, stripe_created_at, stripe_updated_at)
         VALUES ($1, $2, 'active', $3, $4, 'USD', $5, $5)
         ON CONFLICT (id) DO UPDATE SET plan_id = $3, billing_interval = $4`,
        [subscriptionId, accountId, planId, subscribeOptions.interval ?? 'month', startedAt],
      );
      for (const [index, addOn] of (subscribeOptions.addOns ?? []).entries()) {
        await db.query(
          `INSERT INTO subscription_items (id, subscription_id, kind, owner_id, stripe_price_id, quantity)
           VALUES ($1, $2, 'add_on', $3, $4, $5)`,
          [`si_${accountId}_${index}`, subscriptionId, addOn.id, `price_${addOn.id}`, addOn.quantity],
        );
      }
      await db.query('UPDATE accounts SET plan_id = $2 WHERE id = $1', [accountId, planId]);
    },
    close: () => db.close(),
  };
}
