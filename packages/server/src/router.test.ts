import { demoCatalog } from '@billing-kit/contracts';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from './domain/catalog/catalog-sync.js';
import { createBillingRouter } from './router.js';
import { createStripeGateway } from './stripe/stripe-gateway.js';
import { serveForTest, type TestServer } from './test/http-client.js';
import { createTestDatabase, type TestDatabase } from './test/test-database.js';

let db: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await syncCatalog(db, createStripeGateway({}), demoCatalog);
  // A host app with its own routes and its own idea of who is signed in (a session header here).
  const host = express();
  host.get('/', (_request, response) => {
    response.send('host home');
  });
  host.use(
    '/billing',
    createBillingRouter({
      database: db,
      logger: pino({ level: 'silent' }),
      prefix: '/billing',
      identify: (request) => {
        const session = request.get('x-host-session');
        return session
          ? { kind: 'user', userId: session, accountId: `org_${session}`, role: 'billing_admin' }
          : null;
      },
    }),
  );
  server = await serveForTest(host);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

describe('createBillingRouter mounted in a host app', () => {
  it('serves the API under the host’s prefix and leaves the host’s routes alone', async () => {
    expect((await server.request('GET', '/')).text).toBe('host home');
    const catalog = await server.request('GET', '/billing/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.plans.length).toBeGreaterThan(0);
    const openApi = await server.request('GET', '/billing/openapi.json');
    expect(Object.keys(openApi.body.paths)).toContain('/billing/catalog');
  });

  it('asks the host who is calling and ignores identity claims in the request', async () => {
    const me = await server.request('GET', '/billing/me', { headers: { 'x-host-session': 'u42' } });
    expect(me.body).toMatchObject({ userId: 'u42', role: 'billing_admin', account: { id: 'org_u42' } });
    const spoofed = await server.request('GET', '/billing/accounts/org_u7/subscription?accountId=org_u42', {
      headers: { 'x-host-session': 'u42' },
    });
    expect(spoofed.status).toBe(404);
    expect((await server.request('GET', '/billing/me')).status).toBe(401);
  });

  it('answers unknown paths under its prefix in the one error shape', async () => {
    const missing = await server.request('GET', '/billing/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});
