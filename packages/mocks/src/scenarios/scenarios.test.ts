import { ErrorBody, type RouteDefinition, routes } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { createMockStore } from '../store/mock-store.js';
import { api, useBillingServer } from '../test/billing-api.js';
import { scenarioNames, scenarios } from './scenarios.js';

const getRoutes = (Object.entries(routes) as [string, RouteDefinition][]).filter(
  ([, route]) => route.method === 'GET',
);
const pathOf = (route: RouteDefinition, accountId: string) =>
  route.path.replace(':accountId', accountId).replace(':packageId', 'pro');
const served = scenarioNames.filter((name) => name !== 'server_errors' && name !== 'slow_network');

async function readAll(accountId: string) {
  const bodies: Record<string, unknown> = {};
  for (const [name, route] of getRoutes) bodies[name] = (await api.get(pathOf(route, accountId))).body;
  return bodies;
}

describe('scenarios', () => {
  const mount = useBillingServer();

  it.each(served)('%s answers every GET route with a body its contract accepts', async (scenario) => {
    const store = mount(scenario);
    for (const [name, route] of getRoutes) {
      const { status, body } = await api.get(pathOf(route, store.accountId));
      expect(status, `${scenario} ${name}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
      const schema = route.responses[200];
      expect(schema?.safeParse(body).success, `${scenario} ${name} breaks its schema`).toBe(true);
    }
  });

  it.each(scenarioNames)('%s: getMe answers the scenario account', async (scenario) => {
    const store = mount(scenario, { delayMs: 0 });
    const definition = scenarios[scenario];
    if (definition.failure !== null) return;
    const { body } = await api.get('/me');
    expect(body).toMatchObject({
      userId: definition.userId,
      role: definition.role,
      account: { id: store.accountId },
    });
    expect(store.accountId).toBe(definition.accountId);
  });

  it('server_errors answers every route with 500 internal in the one error shape', async () => {
    const store = mount('server_errors');
    for (const route of Object.values(routes) as RouteDefinition[]) {
      const path = pathOf(route, store.accountId).replace(':addOnId', 'extra_storage');
      const response = await fetch(`http://localhost:3000/api/billing${path}`, {
        method: route.method,
        ...(route.method === 'POST' ? { body: '{}' } : {}),
      });
      const body = await response.json();
      expect(response.status, route.path).toBe(500);
      expect(ErrorBody.parse(body).error.code).toBe('internal');
    }
  });

  it('slow_network waits 1.5 s by default before answering, and delayMs changes it', async () => {
    expect(createMockStore('slow_network').delayMs).toBe(1_500);
    mount('slow_network', { delayMs: 120 });
    const started = performance.now();
    const { status } = await api.get('/me');
    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it.each(served.filter((name) => name !== 'admin'))(
    '%s gives identical data every time it is built',
    async (scenario) => {
      const first = await readAll(mount(scenario).accountId);
      const second = await readAll(mount(scenario).accountId);
      expect(second).toEqual(first);
    },
  );

  it('admin gives identical customers, details and invoices every time it is built', async () => {
    // Metrics and the all-invoices list derive from these; comparing them would build 10,000 ledgers twice.
    const read = async () => {
      mount('admin');
      const answers = [
        await api.get('/admin/customers?limit=100&sort=mrr'),
        await api.get('/admin/customers?limit=100&search=garcia&sort=email&order=asc'),
      ];
      for (const accountId of ['acct_c00001', 'acct_c04242', 'acct_c09999']) {
        answers.push(await api.get(`/admin/customers/${accountId}`));
        answers.push(await api.get(`/accounts/${accountId}/invoices?limit=100`));
        answers.push(await api.get(`/accounts/${accountId}/credits/ledger?limit=100`));
      }
      return answers.map((answer) => answer.body);
    };
    expect(await read()).toEqual(await read());
  });

  it('a store with another clock shifts the story with it', async () => {
    const store = mount(createMockStore('trialing', { now: '2027-03-10T08:00:00.000Z' }));
    const { body } = await api.get(`/accounts/${store.accountId}/subscription`);
    expect(body).toMatchObject({ status: 'trialing', trialEnd: '2027-03-14T08:00:00.000Z' });
    for (const [name, route] of getRoutes) {
      const answer = await api.get(pathOf(route, store.accountId));
      expect(route.responses[200]?.safeParse(answer.body).success, name).toBe(true);
    }
  });
});
