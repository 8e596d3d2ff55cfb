import { type RouteDefinition, routes } from '@billing-kit/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeHandlers } from '../routes/route-handlers.js';
import type { BillingServices } from '../services.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { signTestToken, TEST_API_KEY } from '../test/tokens.js';

let harness: TestApp;
let strangerToken: string;
const victim = 'acct_victim';
const secretMarker = 'in_victim_secret_invoice';

const mounted = new Set(Object.keys(routeHandlers({ logger: pino({ level: 'silent' }) } as BillingServices)));
const allRoutes = Object.entries(routes) as [string, RouteDefinition][];

const bodyFor = (route: RouteDefinition) => (route.method === 'GET' ? {} : { json: {} });

function pathFor(route: RouteDefinition): string {
  return `/api/billing${route.path
    .replace(':accountId', victim)
    .replace(':packageId', 'pro')
    .replace(':addOnId', 'extra_storage')}`;
}

beforeAll(async () => {
  harness = await createTestApp();
  strangerToken = await signTestToken({ sub: 'user_stranger', account_id: 'acct_stranger' });
  const victimToken = await signTestToken({
    sub: 'user_victim',
    account_id: victim,
    email: 'victim@example.com',
  });
  await harness.server.request('GET', '/api/billing/me', { token: victimToken });
  await harness.db.query(
    `INSERT INTO invoices (id, account_id, status, currency, total, stripe_created_at, stripe_updated_at)
     VALUES ($1, $2, 'paid', 'USD', 3900, now(), now())`,
    [secretMarker, victim],
  );
});
afterAll(() => harness.close());

describe('a stranger’s token on every route', () => {
  const accountRoutes = allRoutes.filter(
    ([, route]) => route.path.includes(':accountId') && route.auth !== 'admin' && route.auth !== 'public',
  );
  it.each(accountRoutes)(
    '%s with another account’s id is not_found and shows none of its data',
    async (_name, route) => {
      const response = await harness.server.request(route.method, pathFor(route), {
        token: strangerToken,
        ...bodyFor(route),
      });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
      expect(response.text).not.toContain(secretMarker);
      expect(response.text).not.toContain('victim@example.com');
    },
  );

  const adminRoutes = allRoutes.filter(([, route]) => route.auth === 'admin');
  it.each(adminRoutes)('%s is forbidden to a member and to the API key', async (name, route) => {
    const asMember = await harness.server.request(route.method, pathFor(route), {
      token: strangerToken,
      ...bodyFor(route),
    });
    const asKey = await harness.server.request(route.method, pathFor(route), {
      apiKey: TEST_API_KEY,
      ...bodyFor(route),
    });
    const expected = mounted.has(name) ? 403 : 404;
    expect([asMember.status, asKey.status]).toEqual([expected, expected]);
    expect(asMember.text).not.toContain(secretMarker);
  });

  const guarded = allRoutes.filter(([name, route]) => route.auth !== 'public' && mounted.has(name));
  it.each(guarded)('%s asks an anonymous caller to authenticate', async (_name, route) => {
    const response = await harness.server.request(route.method, pathFor(route), bodyFor(route));
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('rejects a wrong API key instead of treating the caller as anonymous', async () => {
    const response = await harness.server.request('GET', `/api/billing/accounts/${victim}/subscription`, {
      apiKey: 'not-the-key-0123456789',
    });
    expect(response.status).toBe(401);
  });
});
