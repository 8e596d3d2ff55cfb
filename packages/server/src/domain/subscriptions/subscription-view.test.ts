import { catalogFromConfig, demoCatalog } from '@billing-kit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { subscriptionView } from './subscription-view.js';

let db: TestDatabase;
const catalog = catalogFromConfig(demoCatalog);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.query(`INSERT INTO accounts (id, name) VALUES ('acct_free', 'Free'), ('acct_late', 'Late')`);
  await db.query(
    `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, stripe_created_at, stripe_updated_at)
     VALUES ('sub_late', 'acct_late', 'past_due', 'pro', 'month', 'USD', now(), now())`,
  );
});
afterAll(() => db.close());

describe('subscriptionView', () => {
  it('shows an account without a subscription on the free tier', async () => {
    expect(await subscriptionView(db, catalog, 'acct_free')).toMatchObject({
      planId: 'free',
      status: 'free',
      price: null,
      accessLimited: false,
    });
  });

  it('keeps a past-due account’s access by default and limits it when configured', async () => {
    expect(await subscriptionView(db, catalog, 'acct_late')).toMatchObject({
      status: 'past_due',
      accessLimited: false,
    });
    expect(await subscriptionView(db, catalog, 'acct_late', 'limit')).toMatchObject({
      status: 'past_due',
      accessLimited: true,
    });
  });
});
