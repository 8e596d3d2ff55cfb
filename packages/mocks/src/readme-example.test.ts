// The README's example, verbatim, so it keeps running.
import { setupBillingServer } from '@billing-kit/mocks/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

const server = setupBillingServer({ scenario: 'pro_near_quota' });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test('shows the credits left', async () => {
  const response = await fetch(`http://localhost/api/billing/accounts/${server.store.accountId}/credits`);
  const credits = await response.json();
  expect(credits.balances[0]).toMatchObject({ feature: 'credits', available: 85 });
});
