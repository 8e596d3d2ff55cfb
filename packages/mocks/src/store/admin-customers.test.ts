import { CustomerPage, type CustomerSummary } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

async function everyPage(query: string, limit = 100) {
  const seen: CustomerSummary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = CustomerPage.parse((await api.get(`/admin/customers?limit=${limit}${query}${after}`)).body);
    seen.push(...page.data);
    expect(page.hasMore).toBe(page.nextCursor !== null);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null);
  return { seen, pages };
}

describe('admin customers', () => {
  const mount = useBillingServer();

  it('pages through all 10,000 customers with cursors, each exactly once, in order', async () => {
    const store = mount('admin');
    expect(store.accounts.size).toBe(10_000);
    const started = performance.now();
    const { seen, pages } = await everyPage('&sort=name&order=asc');
    expect(pages).toBe(100);
    expect(new Set(seen.map((customer) => customer.accountId)).size).toBe(10_000);
    const names = seen.map((customer) => customer.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // 100 requests, each filtering and sorting 10,000 rows.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('searches by name or email, case-insensitively', async () => {
    mount('admin');
    const byName = CustomerPage.parse((await api.get('/admin/customers?search=OKAFOR&limit=100')).body);
    expect(byName.data.length).toBeGreaterThan(0);
    for (const customer of byName.data)
      expect(`${customer.name} ${customer.email}`.toLowerCase()).toContain('okafor');
    const byEmail = CustomerPage.parse((await api.get('/admin/customers?search=ops@billing-kit')).body);
    expect(byEmail.data.map((customer) => customer.accountId)).toEqual(['acct_admin']);
  });

  it('filters by plan and status, and the filtered pages still visit each match once', async () => {
    mount('admin');
    const { seen } = await everyPage('&planId=pro&status=past_due&sort=mrr', 7);
    expect(seen.length).toBeGreaterThan(5);
    expect(new Set(seen.map((customer) => customer.accountId)).size).toBe(seen.length);
    for (const customer of seen) expect(customer).toMatchObject({ planId: 'pro', status: 'past_due' });
    const mrr = seen.map((customer) => customer.mrr.amount);
    expect(mrr).toEqual([...mrr].sort((a, b) => b - a));
  });

  it('sorts by creation date, newest first by default', async () => {
    mount('admin');
    const page = CustomerPage.parse((await api.get('/admin/customers?limit=50')).body);
    const created = page.data.map((customer) => customer.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('spreads customers across plans and statuses', async () => {
    const store = mount('admin');
    const plans = new Set<string>();
    const statuses = new Set<string>();
    for (const account of store.accounts.values()) {
      plans.add(account.subscription.planId);
      statuses.add(account.subscription.status);
    }
    expect([...plans].sort()).toEqual(['creator', 'enterprise', 'free', 'pro', 'starter', 'ultimate']);
    expect([...statuses].sort()).toEqual(['active', 'canceled', 'free', 'past_due', 'trialing']);
  });

  it('rejects a cursor it did not issue', async () => {
    mount('admin');
    const { status, body } = await api.get('/admin/customers?cursor=bm9wZQ');
    expect(status).toBe(400);
    expect(body.error?.details?.issues).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
  });
});
