import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupBillingServer } from './node.js';

describe('setupBillingServer', () => {
  const server = setupBillingServer({ scenario: 'free' });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  const subscription = async (accountId: string) =>
    (await fetch(`http://localhost/api/billing/accounts/${accountId}/subscription`)).json();

  it('answers from the scenario it was set up with, and exposes its store', async () => {
    expect(server.store.accountId).toBe('acct_free');
    expect(await subscription('acct_free')).toMatchObject({ planId: 'free', status: 'free' });
  });

  it('switches to a fresh store per scenario, and resetHandlers keeps it', async () => {
    const store = server.useScenario('canceling');
    expect(server.store).toBe(store);
    server.resetHandlers();
    expect(await subscription(store.accountId)).toMatchObject({ planId: 'creator', cancelAtPeriodEnd: true });
    const missing = await fetch('http://localhost/api/billing/accounts/acct_free/subscription');
    expect(missing.status).toBe(404);
  });
});
