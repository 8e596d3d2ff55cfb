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

test('auto top-up: a declined card turns it off (the README snippet)', async () => {
  server.useScenario('pro_near_quota');
  const account = `http://localhost/api/billing/accounts/${server.store.accountId}`; // pro_near_quota
  server.store.accounts.get(server.store.accountId)!.cardDeclines = true;
  const json = { 'content-type': 'application/json' };
  await fetch(`${account}/track`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ feature: 'credits', amount: 50 }),
  });
  const { data, attempts } = await (await fetch(`${account}/auto-top-ups`)).json();
  expect(attempts[0]).toMatchObject({ status: 'failed', failure: { code: 'card_declined' } });
  expect(data[0]).toMatchObject({ enabled: false, disabledReason: 'Your card was declined.' });
});
