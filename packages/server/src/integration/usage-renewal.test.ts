import { catalogFromConfig, demoCatalog } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingEngine } from '../engine/engine.js';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { signTestToken, TEST_API_KEY } from '../test/tokens.js';

// Overage reported as meter events during a period shows on the renewal invoice, through the metered item
// checkout put on the subscription.
let world: EmulatedStripe;
let clock: Stripe.TestHelpers.TestClock;
let customerId: string;
let token: string;
const accountId = 'acct_renewal';
const call = (...args: Parameters<EmulatedStripe['harness']['server']['request']>) =>
  world.harness.server.request(...args);

beforeAll(async () => {
  world = await startWithEmulatedStripe();
  token = await signTestToken({ sub: 'user_renewal', account_id: accountId });
  clock = await world.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
  const customer = await world.stripe.customers.create({
    test_clock: clock.id,
    metadata: { account_id: accountId },
  });
  customerId = customer.id;
  await call('GET', '/api/billing/me', { token });
  await world.harness.db.query('UPDATE accounts SET stripe_customer_id = $2 WHERE id = $1', [
    accountId,
    customerId,
  ]);
  const checkout = await call('POST', `/api/billing/accounts/${accountId}/checkout`, {
    token,
    json: {
      item: { kind: 'plan', planId: 'starter', interval: 'month' },
      successUrl: 'https://a.example/s',
      cancelUrl: 'https://a.example/c',
    },
  });
  expect(checkout.status).toBe(201);
  await payOnHostedCheckout(checkout.body.url);
  await world.emulator.waitForDeliveries();
});
afterAll(() => world?.close());

describe('usage on the next invoice', () => {
  it('overage reported during the period is billed on the renewal invoice', async () => {
    const tracked = await call('POST', `/api/billing/accounts/${accountId}/track`, {
      apiKey: TEST_API_KEY,
      json: { feature: 'voice_words', amount: 2500 },
      headers: { 'idempotency-key': 'renewal-words' },
    });
    expect(tracked.body.overageUnits).toBe(2500);
    const engine = createBillingEngine({
      db: world.harness.db,
      catalog: async () => catalogFromConfig(demoCatalog),
      now: () => new Date(),
      stripe: world.harness.stripe,
    });
    expect(await engine.reportUsage()).toEqual({ reported: 1, failed: 0 });

    const frozen = (await world.stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time;
    await world.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: frozen + 32 * 86_400 });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await world.stripe.testHelpers.testClocks.retrieve(clock.id)).status === 'ready') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await world.emulator.waitForDeliveries();
    const invoices = await world.stripe.invoices.list({ customer: customerId });
    const renewal = invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    // $20.00 for the next month in advance, $2.50 for 2,500 words at $1.00 per 1,000 in arrears.
    expect(renewal?.total).toBe(2000 + 250);
  });

  it('a plan change swaps the metered overage items for the new plan and interval', async () => {
    const request = { planId: 'pro', interval: 'year' };
    const path = `/api/billing/accounts/${accountId}/subscription`;
    const changed = await call('POST', `${path}/change`, { token, json: request });
    expect(changed.status).toBe(200);
    await world.emulator.waitForDeliveries();
    const [subscription] = (
      await world.stripe.subscriptions.list({ customer: customerId, expand: ['data.items'] })
    ).data;
    expect(subscription?.items.data.map((item) => item.price.lookup_key).sort()).toEqual([
      'bk_overage_pro_voice_words_year_usd',
      'bk_plan_pro_year_usd',
    ]);
  });
});
