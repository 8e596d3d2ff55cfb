// @vitest-environment node
// The README's example, run for real against the shared MSW scenarios (no backend).
import { readFileSync } from 'node:fs';
import { setupBillingServer } from '@billing-kit/mocks/node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BillingApiError, createBillingClient } from './index.js';

const mocks = setupBillingServer({ baseUrl: 'http://localhost:8787/api/billing', scenario: 'over_quota' });
beforeAll(() => mocks.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mocks.close());

test('the README example runs as written', async () => {
  const session = { accessToken: 'token-from-the-host-app' };
  const jobId = 42;
  const shown: unknown[] = [];
  const showUpgrade = (details: unknown) => shown.push(details);

  const billing = createBillingClient({
    baseUrl: 'http://localhost:8787/api/billing',
    getToken: () => session.accessToken, // the host app's own JWT for the signed-in user
  });

  const subscription = await billing.getSubscription({ accountId: mocks.store.accountId });
  try {
    await billing.track(
      { accountId: mocks.store.accountId, feature: 'credits', amount: 5 },
      { idempotencyKey: `job-${jobId}` },
    );
  } catch (error) {
    if (error instanceof BillingApiError && error.code === 'insufficient_credits') showUpgrade(error.details);
    else throw error;
  }

  expect(subscription.accountId).toBe(mocks.store.accountId);
  expect(shown).toEqual([expect.objectContaining({ feature: 'credits' })]);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(
    "if (error instanceof BillingApiError && error.code === 'insufficient_credits') showUpgrade(error.details);",
  );
});
