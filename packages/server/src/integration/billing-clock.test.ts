import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { signTestToken } from '../test/tokens.js';

// Billing time moves on a Stripe test clock: trials end, periods renew and scheduled cancellations land,
// and the server learns all of it from webhooks alone.
let world: EmulatedStripe;
let clock: Stripe.TestHelpers.TestClock;
let token: string;
const accountId = 'acct_clock';
const api = (path: string) => `/api/billing${path}`;
const call = (...args: Parameters<EmulatedStripe['harness']['server']['request']>) =>
  world.harness.server.request(...args);
const subscription = async () =>
  (await call('GET', api(`/accounts/${accountId}/subscription`), { token })).body;

async function advance(days: number): Promise<void> {
  const frozen = (await world.stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time;
  await world.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: frozen + days * 86_400 });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await world.stripe.testHelpers.testClocks.retrieve(clock.id)).status === 'ready') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await world.emulator.waitForDeliveries();
}

beforeAll(async () => {
  world = await startWithEmulatedStripe();
  token = await signTestToken({ sub: 'user_clock', account_id: accountId });
  clock = await world.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
  // The account's customer lives on the test clock; the server adopts it as the account's customer.
  const customer = await world.stripe.customers.create({
    test_clock: clock.id,
    metadata: { account_id: accountId },
  });
  await call('GET', api('/me'), { token });
  await world.harness.db.query('UPDATE accounts SET stripe_customer_id = $2 WHERE id = $1', [
    accountId,
    customer.id,
  ]);
  const checkout = await call('POST', api(`/accounts/${accountId}/checkout`), {
    token,
    json: {
      item: { kind: 'plan', planId: 'pro', interval: 'month' },
      successUrl: 'https://a.example/s',
      cancelUrl: 'https://a.example/c',
    },
  });
  await payOnHostedCheckout(checkout.body.url);
  await world.emulator.waitForDeliveries();
});
afterAll(() => world.close());

describe('on a test clock', () => {
  it('starts Pro in its 14-day trial', async () => {
    expect(await subscription()).toMatchObject({ planId: 'pro', status: 'trialing' });
  });

  it('turns active when the trial ends and the first invoice is paid', async () => {
    await advance(15);
    expect(await subscription()).toMatchObject({ planId: 'pro', status: 'active' });
    const invoices = await call('GET', api(`/accounts/${accountId}/invoices`), { token });
    expect(
      invoices.body.data.some(
        (invoice: { status: string; total: { amount: number } }) =>
          invoice.status === 'paid' && invoice.total.amount === 3900,
      ),
    ).toBe(true);
  });

  it('renews: a new period and another paid invoice a month later', async () => {
    const before = await subscription();
    const paidBefore = (await call('GET', api(`/accounts/${accountId}/invoices`), { token })).body.data
      .length;
    await advance(31);
    const after = await subscription();
    expect(after.status).toBe('active');
    expect(Date.parse(after.currentPeriodEnd)).toBeGreaterThan(Date.parse(before.currentPeriodEnd));
    const invoices = (await call('GET', api(`/accounts/${accountId}/invoices`), { token })).body.data;
    expect(invoices.length).toBeGreaterThan(paidBefore);
  });

  it("prices a plan change at the clock's time, months on, and charges what it previewed", async () => {
    const preview = await call('POST', api(`/accounts/${accountId}/subscription/preview-change`), {
      token,
      json: { planId: 'creator', interval: 'month' },
    });
    expect(preview.status).toBe(200);
    const frozen = (await world.stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time;
    expect(Date.parse(preview.body.prorationDate) / 1000).toBe(frozen);
    expect(preview.body).toMatchObject({ planId: 'creator', direction: 'upgrade' });
    expect(preview.body.amountDueNow.amount).toBeGreaterThan(0);
    const changed = await call('POST', api(`/accounts/${accountId}/subscription/change`), {
      token,
      json: { planId: 'creator', interval: 'month', prorationDate: preview.body.prorationDate },
    });
    expect(changed.status).toBe(200);
    await world.emulator.waitForDeliveries();
    expect(await subscription()).toMatchObject({ planId: 'creator', status: 'active' });
    const invoices = (await call('GET', api(`/accounts/${accountId}/invoices`), { token })).body.data;
    expect(
      invoices.some(
        (invoice: { status: string; total: { amount: number } }) =>
          invoice.status === 'paid' && invoice.total.amount === preview.body.amountDueNow.amount,
      ),
    ).toBe(true);
  });

  it('ends a cancellation scheduled for the period end and falls back to free', async () => {
    await call('POST', api(`/accounts/${accountId}/subscription/cancel`), {
      token,
      json: { atPeriodEnd: true },
    });
    expect(await subscription()).toMatchObject({ planId: 'creator', cancelAtPeriodEnd: true });
    await advance(32);
    expect(await subscription()).toMatchObject({ planId: 'free', status: 'canceled' });
    const { rows } = await world.harness.db.query<{ plan_id: string | null }>(
      'SELECT plan_id FROM accounts WHERE id = $1',
      [accountId],
    );
    expect(rows[0]?.plan_id).toBeNull();
  });

  it("dates a credit pack bought months on by the clock's time, so it expires its days after that", async () => {
    const checkout = await call('POST', api(`/accounts/${accountId}/checkout`), {
      token,
      json: {
        item: { kind: 'credit_pack', packId: 'credits_100', quantity: 1 },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    expect(checkout.status).toBe(201);
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();
    const frozen = (await world.stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time * 1000;
    const { rows } = await world.harness.db.query<{ effective_at: Date; expires_at: Date | null }>(
      `SELECT effective_at, expires_at FROM credit_grants WHERE account_id = $1 AND source = 'credit_pack'`,
      [accountId],
    );
    expect(rows).toHaveLength(1);
    // Months ahead of the wall clock; the pack counts from then.
    expect(frozen - Date.now()).toBeGreaterThan(60 * 86_400_000);
    expect(Math.abs((rows[0]?.effective_at.getTime() ?? 0) - frozen)).toBeLessThan(60_000);
    expect(rows[0]?.expires_at?.getTime()).toBeGreaterThan(frozen);
  });
});
