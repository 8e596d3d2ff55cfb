// SPEC §3: the mocks and the server agree. One scenario — a free user starts a Pro trial through
// checkout, cancels at period end, resumes — is run against the real server (test database, Stripe
// emulated) and against the MSW mocks, through the same typed client, which parses every answer with the
// contracts' schemas. Both must pass, and tell the same story.
import { type BillingClient, createBillingClient } from '@billing-kit/client';
import { setupBillingServer } from '@billing-kit/mocks/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { signTestToken } from '../test/tokens.js';

const mocksBaseUrl = 'http://mocks.billing.test/api/billing';
const mocks = setupBillingServer({ baseUrl: mocksBaseUrl, scenario: 'free' });
let world: EmulatedStripe;
let server: BillingClient;
const serverAccount = 'acct_agree';
const mock = createBillingClient({ baseUrl: mocksBaseUrl, retry: { attempts: 1 } });
const mockAccount = mocks.store.accountId;
const urls = {
  successUrl: 'http://127.0.0.1:5173/billing?paid=1',
  cancelUrl: 'http://127.0.0.1:5173/pricing',
};

beforeAll(async () => {
  // The server's own HTTP (client → server, SDK → emulator) passes through; only the mocks' origin is answered.
  mocks.listen({ onUnhandledRequest: 'bypass' });
  world = await startWithEmulatedStripe();
  const token = await signTestToken({
    sub: 'user_agree',
    account_id: serverAccount,
    name: 'Agree Co',
    email: 'agree@example.com',
  });
  server = createBillingClient({
    baseUrl: `${world.harness.server.url}/api/billing`,
    getToken: () => token,
    retry: { attempts: 1 },
  });
});
afterAll(async () => {
  mocks.close();
  await world.close();
});

describe('the mocks and the server agree', () => {
  it('serve the same demo catalog', async () => {
    expect(await server.getCatalog()).toEqual(await mock.getCatalog());
  });

  it('start a free account on the free plan', async () => {
    const [real, mocked] = await Promise.all([
      server.getSubscription({ accountId: serverAccount }),
      mock.getSubscription({ accountId: mockAccount }),
    ]);
    for (const subscription of [real, mocked]) {
      expect(subscription).toMatchObject({
        planId: 'free',
        status: 'free',
        cancelAtPeriodEnd: false,
        addOns: [],
      });
    }
  });

  it('turn a Pro checkout into a trial', async () => {
    const item = { kind: 'plan', planId: 'pro', interval: 'month' } as const;
    const real = await server.createCheckoutSession({ accountId: serverAccount, item, ...urls });
    const mocked = await mock.createCheckoutSession({ accountId: mockAccount, item, ...urls });
    if (real.uiMode !== 'redirect' || mocked.uiMode !== 'redirect')
      throw new Error('expected redirect sessions');
    await payOnHostedCheckout(real.url);
    await world.emulator.waitForDeliveries();
    mocks.store.completeCheckout(mocked.sessionId);

    const after = await Promise.all([
      server.getSubscription({ accountId: serverAccount }),
      mock.getSubscription({ accountId: mockAccount }),
    ]);
    for (const subscription of after) {
      expect(subscription).toMatchObject({
        planId: 'pro',
        status: 'trialing',
        interval: 'month',
        cancelAtPeriodEnd: false,
      });
      expect(subscription.trialEnd).not.toBeNull();
      expect(subscription.price).toEqual({ amount: 3900, currency: 'USD' });
    }
    const purchases = await Promise.all([
      server.listPurchases({ accountId: serverAccount }),
      mock.listPurchases({ accountId: mockAccount }),
    ]);
    for (const page of purchases) {
      expect(page.data.map((purchase) => [purchase.packageType, purchase.packageId])).toContainEqual([
        'plan',
        'pro',
      ]);
    }
  });

  it('cancel at period end and resume alike', async () => {
    const canceled = await Promise.all([
      server.cancelSubscription({ accountId: serverAccount, atPeriodEnd: true }),
      mock.cancelSubscription({ accountId: mockAccount, atPeriodEnd: true }),
    ]);
    for (const subscription of canceled)
      expect(subscription).toMatchObject({ planId: 'pro', cancelAtPeriodEnd: true });
    const resumed = await Promise.all([
      server.resumeSubscription({ accountId: serverAccount }),
      mock.resumeSubscription({ accountId: mockAccount }),
    ]);
    for (const subscription of resumed)
      expect(subscription).toMatchObject({ planId: 'pro', cancelAtPeriodEnd: false });
  });

  it('buy one pack when usage crosses the auto top-up threshold', async () => {
    const settings = {
      feature: 'credits',
      enabled: true,
      packId: 'credits_100',
      threshold: 50,
      maxPerMonth: 2,
    };
    const saved = await Promise.all([
      server.setAutoTopUp({ accountId: serverAccount, ...settings }),
      mock.setAutoTopUp({ accountId: mockAccount, ...settings }),
    ]);
    for (const setting of saved) {
      expect(setting).toMatchObject({
        feature: 'credits',
        enabled: true,
        units: 100,
        price: { amount: 900, currency: 'USD' },
        usedThisMonth: 0,
        disabledReason: null,
      });
    }
    const availableOf = async (client: BillingClient, accountId: string) =>
      (await client.getCredits({ accountId })).balances.find((balance) => balance.feature === 'credits')
        ?.available ?? 0;
    const starts = await Promise.all([availableOf(server, serverAccount), availableOf(mock, mockAccount)]);
    // Down to 45 with one track, then 5 more while below: one crossing, one pack.
    await Promise.all([
      server.track({ accountId: serverAccount, feature: 'credits', amount: (starts[0] ?? 0) - 45 }),
      mock.track({ accountId: mockAccount, feature: 'credits', amount: (starts[1] ?? 0) - 45 }),
    ]);
    await Promise.all([
      server.track({ accountId: serverAccount, feature: 'credits', amount: 5 }),
      mock.track({ accountId: mockAccount, feature: 'credits', amount: 5 }),
    ]);
    const [real, mocked] = await Promise.all(
      [
        [server, serverAccount],
        [mock, mockAccount],
      ].map(([client, accountId]) =>
        vi.waitFor(
          async () => {
            const listed = await (client as BillingClient).getAutoTopUps({ accountId: accountId as string });
            if (listed.attempts[0]?.status === 'pending') throw new Error('still charging');
            return listed;
          },
          { timeout: 10_000, interval: 50 },
        ),
      ),
    );
    for (const listed of [real, mocked]) {
      expect(listed?.attempts.map((attempt) => [attempt.status, attempt.balanceAfter])).toEqual([
        ['paid', 45],
      ]);
      expect(listed?.data[0]?.usedThisMonth).toBe(1);
    }
    expect(await availableOf(server, serverAccount)).toBe(140);
    expect(await availableOf(mock, mockAccount)).toBe(140);
  });

  it('refuse the same bad input the same way', async () => {
    const bad = {
      item: { kind: 'plan', planId: 'pro', interval: 'weekly' },
      ...urls,
    } as unknown as Parameters<BillingClient['createCheckoutSession']>[0];
    const errors = await Promise.all([
      server.createCheckoutSession({ ...bad, accountId: serverAccount }).catch((error: unknown) => error),
      mock.createCheckoutSession({ ...bad, accountId: mockAccount }).catch((error: unknown) => error),
    ]);
    for (const error of errors) {
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(
        (error as { details?: { issues?: { field: string }[] } }).details?.issues?.map(
          (issue) => issue.field,
        ),
      ).toContain('body.item.interval');
    }
  });
});
