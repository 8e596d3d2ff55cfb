import { describe, expect, test } from 'vitest';
import { errorCodes } from './error-codes.js';
import { pathParamNames, type RouteDefinition } from './route.js';
import { routes } from './routes.js';
import { systemRoutes } from './system-routes.js';

const all = Object.entries({ ...routes, ...systemRoutes }) as [string, RouteDefinition][];
/** POSTs that change nothing: `check` only asks, it takes a body because it has one. */
const readOnlyPosts = new Set(['check']);
const keysOf = (schema: RouteDefinition['params']) => (schema ? Object.keys(schema.shape) : []);

describe('the route table', () => {
  test('method and path are unique', () => {
    const signatures = all.map(([, route]) => `${route.method} ${route.path}`);
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  test.each(all)('%s declares exactly the params its path has', (_name, route) => {
    expect(keysOf(route.params).sort()).toEqual(pathParamNames(route.path).sort());
  });

  test.each(all)(
    '%s never lets params, query and body share a key (the client flattens them)',
    (_name, route) => {
      const params = keysOf(route.params);
      const query = keysOf(route.query);
      const body = route.body && 'shape' in route.body ? Object.keys(route.body.shape as object) : [];
      const everything = [...params, ...query, ...body];
      expect(new Set(everything).size).toBe(everything.length);
    },
  );

  test.each(all)('%s answers success with a schema and lists only known error codes', (_name, route) => {
    const statuses = Object.keys(route.responses).map(Number);
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(200);
    for (const status of statuses) expect(status).toBeLessThan(300);
    for (const code of route.errors) expect(errorCodes).toContain(code);
  });

  test.each(all)('%s: reads carry no body, mutations take an idempotency key', (name, route) => {
    if (route.method === 'GET' || readOnlyPosts.has(name)) {
      expect(route.idempotent ?? false).toBe(false);
    }
    if (route.method === 'GET') {
      expect(route.body).toBeUndefined();
      expect(route.idempotent ?? false).toBe(false);
    } else if (route.auth !== 'stripe_signature' && !readOnlyPosts.has(name)) {
      expect(route.idempotent).toBe(true);
    }
  });

  test.each(all)('%s: routes behind auth say they can answer unauthenticated', (_name, route) => {
    if (route.auth === 'public' || route.auth === 'stripe_signature') return;
    expect(route.errors).toContain('unauthenticated');
    if (route.auth === 'admin') expect(route.errors).toContain('forbidden');
    if (route.path.includes(':accountId')) expect(route.errors).toContain('not_found');
  });

  test('account routes are scoped by account id; admin routes need the admin role', () => {
    for (const [, route] of all) {
      if (route.path.startsWith('/accounts/')) expect(route.auth).toMatch(/^member/);
      if (route.path.startsWith('/admin/')) expect(route.auth).toBe('admin');
    }
  });

  test('rate-limited routes are exactly checkout, portal and track', () => {
    const limited = all.filter(([, route]) => route.rateLimited).map(([name]) => name);
    expect(limited.sort()).toEqual(['createCheckoutSession', 'createPortalSession', 'track', 'trackBatch']);
  });
});
