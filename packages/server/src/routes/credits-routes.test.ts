import { routes } from '@billing-kit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { signTestToken } from '../test/tokens.js';

let harness: TestApp;
let member: string;
let admin: string;

beforeAll(async () => {
  harness = await createTestApp();
  member = await signTestToken({ sub: 'user_c', account_id: 'acct_c' });
  admin = await signTestToken({ sub: 'ops_1', role: 'admin' });
  await harness.server.request('POST', '/api/billing/accounts/acct_c/track', {
    token: member,
    json: { feature: 'credits', amount: 1 },
    headers: { 'idempotency-key': 'first' },
  });
});
afterAll(() => harness?.close());

const grant = (json: unknown, token = admin, key?: string) =>
  harness.server.request('POST', '/api/billing/admin/customers/acct_c/credits', {
    token,
    json,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

describe('credits over HTTP', () => {
  it('an admin grants credits with a reason: a ledger entry, a balance and an audit entry (who, before, after, why)', async () => {
    const { status, body } = await grant(
      { feature: 'credits', amount: 20, reason: 'support ticket 42' },
      admin,
      'g1',
    );
    expect(status).toBe(201);
    expect(routes.adminGrantCredits.responses[201].parse(body)).toMatchObject({
      type: 'adjustment',
      amount: 20,
    });
    const replay = await grant({ feature: 'credits', amount: 20, reason: 'support ticket 42' }, admin, 'g1');
    expect(replay.body).toEqual(body);
    const credits = await harness.server.request('GET', '/api/billing/accounts/acct_c/credits', {
      token: member,
    });
    expect(credits.status).toBe(200);
    const parsed = routes.getCredits.responses[200].parse(credits.body);
    expect(parsed.balances.find((balance) => balance.feature === 'credits')?.available).toBe(24);
    const audit = await harness.server.request('GET', '/api/billing/admin/customers/acct_c/audit', {
      token: admin,
    });
    expect(audit.body.data[0]).toMatchObject({
      actor: { type: 'admin', id: 'ops_1' },
      action: 'credits.granted',
      before: { available: 4 },
      after: { available: 24 },
      reason: 'support ticket 42',
    });
  });

  it('an admin removes credits, never below zero', async () => {
    const { status, body } = await grant({ feature: 'credits', amount: -1000, reason: 'chargeback' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ type: 'adjustment', amount: -24 });
    const credits = await harness.server.request('GET', '/api/billing/accounts/acct_c/credits', {
      token: member,
    });
    expect(
      credits.body.balances.find((balance: { feature: string }) => balance.feature === 'credits').available,
    ).toBe(0);
  });

  it('the ledger pages newest first with cursors, each entry once, within its contract', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?feature=credits&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await harness.server.request(
        'GET',
        `/api/billing/accounts/acct_c/credits/ledger${query}`,
        {
          token: member,
        },
      );
      expect(page.status).toBe(200);
      const parsed = routes.listLedger.responses[200].parse(page.body);
      seen.push(...parsed.data.map((entry) => `${entry.type}:${entry.amount}`));
      cursor = parsed.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['adjustment:-24', 'adjustment:20', 'usage:-1', 'grant:5']);
  });

  it('bad grants are 400 naming the field; members may not grant', async () => {
    const bad = await grant({ feature: 'credits', amount: 0, reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'body.amount',
      'body.reason',
    ]);
    const notMetered = await grant({ feature: 'sso', amount: 1, reason: 'why not' });
    expect(notMetered.status).toBe(400);
    expect(notMetered.body.error.details.issues[0].field).toBe('body.feature');
    expect((await grant({ feature: 'credits', amount: 1, reason: 'self-serve' }, member)).status).toBe(403);
    const missing = await harness.server.request('POST', '/api/billing/admin/customers/acct_none/credits', {
      token: admin,
      json: { feature: 'credits', amount: 1, reason: 'ghost' },
    });
    expect(missing.status).toBe(404);
    const cursor = await harness.server.request(
      'GET',
      '/api/billing/accounts/acct_c/credits/ledger?cursor=zzz',
      {
        token: member,
      },
    );
    expect(cursor.status).toBe(400);
  });

  it('metrics answer within their contract, with credit usage and grants', async () => {
    const { status, body } = await harness.server.request(
      'GET',
      '/api/billing/admin/metrics?granularity=day',
      {
        token: admin,
      },
    );
    expect(status).toBe(200);
    const metrics = routes.adminGetMetrics.responses[200].parse(body);
    expect(metrics.credits.used).toBeGreaterThanOrEqual(1);
    expect(metrics.credits.granted).toBeGreaterThanOrEqual(25);
    expect(
      (await harness.server.request('GET', '/api/billing/admin/metrics', { token: member })).status,
    ).toBe(403);
    const bad = await harness.server.request('GET', '/api/billing/admin/metrics?granularity=hour', {
      token: admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('query.granularity');
  });

  it('billing usage without Stripe configured is 503 not_configured', async () => {
    const { status, body } = await harness.server.request('POST', '/api/billing/admin/usage/bill', {
      token: admin,
      json: {},
    });
    expect(status).toBe(503);
    expect(body.error.code).toBe('not_configured');
  });
});
