import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { signTestToken } from '../test/tokens.js';

let harness: TestApp;
let adminToken: string;

const customers = [
  { id: 'acct_a', name: 'Acme', email: 'billing@acme.test', plan: 'pro', status: 'active' },
  { id: 'acct_b', name: 'Beta Labs', email: 'ops@beta.test', plan: 'starter', status: 'past_due' },
  { id: 'acct_c', name: 'Cobalt', email: 'cobalt@example.test', plan: null, status: null },
  { id: 'acct_d', name: 'Delta', email: 'd@delta.test', plan: 'pro', status: 'trialing' },
];

beforeAll(async () => {
  harness = await createTestApp();
  adminToken = await signTestToken({ sub: 'ops_1', role: 'admin' });
  for (const [index, customer] of customers.entries()) {
    await harness.db.query(
      `INSERT INTO accounts (id, name, email, plan_id, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(days => $5))`,
      [customer.id, customer.name, customer.email, customer.plan, 10 - index],
    );
    if (customer.status) {
      await harness.db.query(
        `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, stripe_created_at, stripe_updated_at)
         VALUES ($1, $2, $3, $4, 'month', 'USD', now(), now())`,
        [`sub_${customer.id}`, customer.id, customer.status, customer.plan],
      );
    }
  }
});
afterAll(() => harness.close());

const list = (query: string) =>
  harness.server.request('GET', `/api/billing/admin/customers${query}`, { token: adminToken });
const ids = (body: { data: { accountId: string }[] }) => body.data.map((customer) => customer.accountId);

describe('admin customers', () => {
  it('lists newest first by default, with plan and status, free when unsubscribed', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['acct_d', 'acct_c', 'acct_b', 'acct_a']);
    expect(body.data[1]).toMatchObject({ planId: 'free', planName: 'Free', status: 'free' });
  });

  it('searches name and email case-insensitively', async () => {
    expect(ids((await list('?search=ACME')).body)).toEqual(['acct_a']);
    expect(ids((await list('?search=beta.test')).body)).toEqual(['acct_b']);
    expect(ids((await list('?search=%25')).body)).toEqual([]);
  });

  it('filters by plan and by status', async () => {
    expect(ids((await list('?planId=pro&sort=name&order=asc')).body)).toEqual(['acct_a', 'acct_d']);
    expect(ids((await list('?status=past_due')).body)).toEqual(['acct_b']);
    expect(ids((await list('?status=free')).body)).toEqual(['acct_c']);
  });

  it('pages through a sort with cursors, each customer exactly once', async () => {
    const first = await list('?sort=name&order=asc&limit=3');
    expect(ids(first.body)).toEqual(['acct_a', 'acct_b', 'acct_c']);
    expect(first.body.hasMore).toBe(true);
    const second = await list(`?sort=name&order=asc&limit=3&cursor=${first.body.nextCursor}`);
    expect(ids(second.body)).toEqual(['acct_d']);
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('rejects a cursor it did not issue', async () => {
    const { status, body } = await list('?cursor=garbage');
    expect(status).toBe(400);
    expect(body.error.details.issues[0].field).toBe('query.cursor');
  });
});

describe('admin customer detail', () => {
  it('shows one customer with subscription, invoices and audit', async () => {
    await harness.db.query(
      `INSERT INTO audit_log (account_id, actor_kind, actor_id, action, subject_type, subject_id, reason)
       VALUES ('acct_a', 'admin', 'ops_1', 'note', 'account', 'acct_a', 'called the customer')`,
    );
    const { status, body } = await harness.server.request('GET', '/api/billing/admin/customers/acct_a', {
      token: adminToken,
    });
    expect(status).toBe(200);
    expect(body.customer).toMatchObject({ accountId: 'acct_a', planId: 'pro', status: 'active' });
    expect(body.subscription).toMatchObject({ accountId: 'acct_a', planId: 'pro', status: 'active' });
    expect(body.recentAudit[0]).toMatchObject({ action: 'note', reason: 'called the customer' });
    const missing = await harness.server.request('GET', '/api/billing/admin/customers/acct_none', {
      token: adminToken,
    });
    expect(missing.status).toBe(404);
  });
});
