import { type RouteDefinition, routes } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../mock-route.js';
import { useBillingServer } from '../test/billing-api.js';
import { createBillingHandlers } from './create-billing-handlers.js';

const routeEntries = Object.entries(routes) as [string, RouteDefinition][];

describe('createBillingHandlers', () => {
  const mount = useBillingServer();

  it('has a handler for every route of the contract', () => {
    const handlers = createBillingHandlers();
    const mounted = new Set(handlers.map((handler) => `${handler.info.method} ${String(handler.info.path)}`));
    const missing = routeEntries
      .filter(([, route]) => !mounted.has(`${route.method} ${DEFAULT_BASE_URL}${route.path}`))
      .map(([name, route]) => `${name} (${route.method} ${route.path})`);
    expect(missing, `routes without a mock handler: ${missing.join(', ')}`).toEqual([]);
    expect(handlers).toHaveLength(routeEntries.length);
  });

  it.each(routeEntries)('answers %s on any origin without an unhandled request', async (name, route) => {
    const store = mount('pro_near_quota');
    const path = route.path.replace(':accountId', store.accountId).replace(/:\w+/g, 'extra_storage');
    const response = await fetch(`https://app.example.com/api/billing${path}`, {
      method: route.method,
      ...(route.method === 'GET' || route.method === 'DELETE'
        ? {}
        : { body: '{}', headers: { 'content-type': 'application/json' } }),
    });
    expect(response.status, name).toBeLessThan(500);
  });

  it('mounts under a custom base URL', async () => {
    const store = mount('free', { baseUrl: 'http://localhost:3000/billing-api' });
    const response = await fetch(
      `http://localhost:3000/billing-api/accounts/${store.accountId}/subscription`,
    );
    expect(response.status).toBe(200);
  });
});
