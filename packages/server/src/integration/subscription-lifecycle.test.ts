import { demoCatalog } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  signedDelivery,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { createTestApp } from '../test/test-app.js';
import { signTestToken } from '../test/tokens.js';

let world: EmulatedStripe;
let token: string;
const accountId = 'acct_lifecycle';
const api = (path: string) => `/api/billing${path}`;
const call = (...args: Parameters<EmulatedStripe['harness']['server']['request']>) =>
  world.harness.server.request(...args);

beforeAll(async () => {
  world = await startWithEmulatedStripe();
  token = await signTestToken({
    sub: 'user_life',
    account_id: accountId,
    name: 'Life Co',
    email: 'life@example.com',
  });
});
afterAll(() => world.close());

/** Every event the emulator has delivered to the server so far, oldest first. */
async function deliveredEvents(): Promise<Stripe.Event[]> {
  const delivered = new Set(world.emulator.deliveries().map((delivery) => delivery.eventId));
  const events: Stripe.Event[] = [];
  for await (const event of world.stripe.events.list({ limit: 100 })) {
    if (delivered.has(event.id)) events.push(event);
  }
  return events.sort((a, b) => a.created - b.created);
}

const mirrorState = async (db: EmulatedStripe['harness']['db']) => ({
  subscriptions: (
    await db.query(
      `SELECT id, account_id, status, plan_id, billing_interval, cancel_at_period_end, current_period_end, trial_end
       FROM subscriptions ORDER BY id`,
    )
  ).rows,
  items: (await db.query('SELECT id, kind, owner_id, quantity FROM subscription_items ORDER BY id')).rows,
  invoices: (await db.query('SELECT id, account_id, status, total, amount_paid FROM invoices ORDER BY id'))
    .rows,
  accounts: (
    await db.query(
      `SELECT id, stripe_customer_id, plan_id FROM accounts
       WHERE id IN (SELECT account_id FROM subscriptions) ORDER BY id`,
    )
  ).rows,
});

describe('catalog sync to Stripe', () => {
  it('finds everything by lookup_key on a second run and creates nothing', async () => {
    const again = await syncCatalog(world.harness.db, world.harness.stripe, demoCatalog);
    expect(again.created).toEqual([]);
    expect(again.archived).toEqual([]);
    expect(again.kept).toContain('price bk_plan_pro_month_usd');
    const price = await world.stripe.prices.list({ lookup_keys: ['bk_plan_pro_month_usd'] });
    expect(price.data[0]).toMatchObject({
      unit_amount: 3900,
      currency: 'usd',
      recurring: { interval: 'month' },
    });
  });
});

describe('a subscription from hosted checkout to cancellation', () => {
  it('subscribes to Pro through the hosted checkout and mirrors the trial from webhooks', async () => {
    const checkout = await call('POST', api(`/accounts/${accountId}/checkout`), {
      token,
      json: {
        item: { kind: 'plan', planId: 'pro', interval: 'month' },
        successUrl: 'https://app.example.com/billing/success',
        cancelUrl: 'https://app.example.com/billing',
      },
    });
    expect(checkout.status).toBe(201);
    expect(checkout.body).toMatchObject({
      uiMode: 'redirect',
      url: expect.stringContaining(world.emulator.url),
    });
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();

    const subscription = await call('GET', api(`/accounts/${accountId}/subscription`), { token });
    expect(subscription.body).toMatchObject({
      planId: 'pro',
      status: 'trialing',
      interval: 'month',
      price: { amount: 3900, currency: 'USD' },
      cancelAtPeriodEnd: false,
      trialEnd: expect.any(String),
    });
    const { rows } = await world.harness.db.query<{ plan_id: string; stripe_customer_id: string }>(
      'SELECT plan_id, stripe_customer_id FROM accounts WHERE id = $1',
      [accountId],
    );
    expect(rows[0]).toMatchObject({ plan_id: 'pro', stripe_customer_id: expect.stringMatching(/^cus_/) });
    const failed = world.emulator.deliveries().filter((delivery) => delivery.status !== 'delivered');
    expect(failed).toEqual([]);
  });

  it('lets a member shorten a trial but not lengthen it', async () => {
    const other = await signTestToken({ sub: 'user_trial', account_id: 'acct_trial' });
    const attempt = (trialDays: number) =>
      call('POST', api('/accounts/acct_trial/checkout'), {
        token: other,
        json: {
          item: { kind: 'plan', planId: 'pro', interval: 'month', trialDays },
          successUrl: 'https://a.example/s',
          cancelUrl: 'https://a.example/c',
        },
      });
    const longer = await attempt(60);
    expect(longer.status).toBe(400);
    expect(longer.body.error.details.issues[0].field).toBe('body.item.trialDays');
    expect((await attempt(7)).status).toBe(201);
  });

  it('refuses a second checkout for a plan while subscribed', async () => {
    const again = await call('POST', api(`/accounts/${accountId}/checkout`), {
      token,
      json: {
        item: { kind: 'plan', planId: 'starter', interval: 'month' },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('converges to the same state when every webhook is delivered twice, and in reverse order to a fresh database', async () => {
    const before = await mirrorState(world.harness.db);
    const events = await deliveredEvents();
    expect(events.length).toBeGreaterThan(3);
    for (const event of [...events].reverse()) {
      const { raw, signature } = signedDelivery(event, world.emulator.webhookSecret);
      const replay = await call('POST', api('/webhooks/stripe'), {
        raw,
        headers: { 'stripe-signature': signature },
      });
      expect(replay.body).toEqual({ received: true, duplicate: true });
    }
    expect(await mirrorState(world.harness.db)).toEqual(before);

    const fresh = await createTestApp({ stripe: world.harness.stripe });
    try {
      for (const event of [...events].reverse()) {
        const { raw, signature } = signedDelivery(event, world.emulator.webhookSecret);
        const delivered = await fresh.server.request('POST', api('/webhooks/stripe'), {
          raw,
          headers: { 'stripe-signature': signature },
        });
        expect(delivered.status).toBe(200);
      }
      expect(await mirrorState(fresh.db)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });

  it('rejects a bad signature with 400 and writes nothing', async () => {
    const [event] = await deliveredEvents();
    if (!event) throw new Error('no events');
    const { raw } = signedDelivery(event, 'whsec_not_the_secret');
    const { signature } = signedDelivery(event, 'whsec_not_the_secret');
    const count = async () =>
      (await world.harness.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stripe_events')).rows[0]
        ?.n;
    const stored = await count();
    const rejected = await call('POST', api('/webhooks/stripe'), {
      raw: raw.replace(event.id, 'evt_forged'),
      headers: { 'stripe-signature': signature },
    });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('validation_failed');
    expect(await count()).toBe(stored);
  });

  it('cancels at the period end, resumes, then cancels now and falls back to the free plan', async () => {
    const scheduled = await call('POST', api(`/accounts/${accountId}/subscription/cancel`), {
      token,
      json: { atPeriodEnd: true, reason: 'too expensive' },
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ planId: 'pro', cancelAtPeriodEnd: true });

    const resumed = await call('POST', api(`/accounts/${accountId}/subscription/resume`), { token });
    expect(resumed.body).toMatchObject({ planId: 'pro', cancelAtPeriodEnd: false });

    const ended = await call('POST', api(`/accounts/${accountId}/subscription/cancel`), {
      token,
      json: { atPeriodEnd: false, reason: 'closing the company' },
    });
    expect(ended.body).toMatchObject({ planId: 'free', status: 'canceled' });
    await world.emulator.waitForDeliveries();
    const after = await call('GET', api(`/accounts/${accountId}/subscription`), { token });
    expect(after.body).toMatchObject({ planId: 'free', status: 'canceled' });
    const { rows } = await world.harness.db.query<{
      action: string;
      reason: string | null;
      actor_id: string | null;
    }>(
      `SELECT action, reason, actor_id FROM audit_log WHERE account_id = $1 AND reason IS NOT NULL ORDER BY id`,
      [accountId],
    );
    expect(rows).toEqual([
      { action: 'subscription.cancel_at_period_end', reason: 'too expensive', actor_id: 'user_life' },
      { action: 'subscription.canceled', reason: 'closing the company', actor_id: 'user_life' },
    ]);
  });
});

describe('idempotency keys', () => {
  it('replay the first checkout session for a repeated key and refuse the key with other parameters', async () => {
    const buyer = await signTestToken({ sub: 'user_retry', account_id: 'acct_retry' });
    const request = (packId: string) =>
      call('POST', api('/accounts/acct_retry/checkout'), {
        token: buyer,
        headers: { 'idempotency-key': 'checkout-attempt-1' },
        json: {
          item: { kind: 'credit_pack', packId },
          successUrl: 'https://a.example/s',
          cancelUrl: 'https://a.example/c',
        },
      });
    const first = await request('credits_50');
    const second = await request('credits_50');
    expect(second.status).toBe(201);
    expect(second.body.sessionId).toBe(first.body.sessionId);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await world.harness.db.query(`SELECT id FROM purchases WHERE account_id = 'acct_retry'`);
    expect(rows).toHaveLength(1);
    expect((await request('credits_250')).status).toBe(409);
  });
});

describe('an add-on bought on its own', () => {
  it('subscribes the free-tier account to the add-on alone', async () => {
    const buyer = await signTestToken({ sub: 'user_addon', account_id: 'acct_addon' });
    const checkout = await call('POST', api('/accounts/acct_addon/checkout'), {
      token: buyer,
      json: {
        item: { kind: 'add_on', addOnId: 'priority_support' },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    expect(checkout.status).toBe(201);
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();
    const subscription = await call('GET', api('/accounts/acct_addon/subscription'), { token: buyer });
    expect(subscription.body).toMatchObject({
      planId: 'free',
      status: 'active',
      addOns: [{ addOnId: 'priority_support', quantity: 1, price: { amount: 500, currency: 'USD' } }],
    });
  });
});

describe('a credit pack', () => {
  it('is bought through checkout and shows as a succeeded purchase after the webhook', async () => {
    const buyer = await signTestToken({ sub: 'user_pack', account_id: 'acct_pack' });
    const checkout = await call('POST', api('/accounts/acct_pack/checkout'), {
      token: buyer,
      json: {
        item: { kind: 'credit_pack', packId: 'credits_100' },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    expect(checkout.status).toBe(201);
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();
    const purchases = await call('GET', api('/accounts/acct_pack/purchases'), { token: buyer });
    expect(purchases.body.data).toEqual([
      expect.objectContaining({
        packageType: 'credit_pack',
        packageId: 'credits_100',
        status: 'succeeded',
        units: 100,
      }),
    ]);
    const signUps = await call('GET', api(`/accounts/${accountId}/purchases`), { token });
    expect(signUps.body.data).toEqual([
      expect.objectContaining({ packageType: 'plan', packageId: 'pro', name: 'Pro', status: 'succeeded' }),
    ]);
  });
});

describe('changing plans', () => {
  const upgrader = 'acct_upgrade';
  let upgraderToken: string;

  beforeAll(async () => {
    upgraderToken = await signTestToken({ sub: 'user_upgrade', account_id: upgrader });
    const checkout = await call('POST', api(`/accounts/${upgrader}/checkout`), {
      token: upgraderToken,
      json: {
        item: { kind: 'plan', planId: 'starter', interval: 'month' },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();
  });

  it('previews an upgrade with Stripe’s proration, then confirms it', async () => {
    const current = await call('GET', api(`/accounts/${upgrader}/subscription`), { token: upgraderToken });
    expect(current.body).toMatchObject({ planId: 'starter', status: 'active' });

    const preview = await call('POST', api(`/accounts/${upgrader}/subscription/preview-change`), {
      token: upgraderToken,
      json: { planId: 'pro', interval: 'month' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      planId: 'pro',
      direction: 'upgrade',
      amountDueNow: { currency: 'USD' },
      nextInvoiceTotal: { amount: 3900, currency: 'USD' },
    });
    expect(preview.body.amountDueNow.amount).toBeGreaterThan(0);
    expect(preview.body.amountDueNow.amount).toBeLessThanOrEqual(3900 - 2000);

    const changed = await call('POST', api(`/accounts/${upgrader}/subscription/change`), {
      token: upgraderToken,
      json: { planId: 'pro', interval: 'month', prorationDate: preview.body.prorationDate },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ planId: 'pro', price: { amount: 3900, currency: 'USD' } });
    await world.emulator.waitForDeliveries();
    const after = await call('GET', api(`/accounts/${upgrader}/subscription`), { token: upgraderToken });
    expect(after.body).toMatchObject({ planId: 'pro', status: 'active' });
  });

  it('adds an add-on as an extra item, then removes it', async () => {
    const added = await call('POST', api(`/accounts/${upgrader}/subscription/add-ons`), {
      token: upgraderToken,
      json: { addOnId: 'extra_storage', quantity: 2 },
    });
    expect(added.status).toBe(200);
    expect(added.body.addOns).toEqual([
      {
        addOnId: 'extra_storage',
        name: 'Extra storage',
        quantity: 2,
        price: { amount: 200, currency: 'USD' },
      },
    ]);
    await world.emulator.waitForDeliveries();
    const mirrored = await call('GET', api(`/accounts/${upgrader}/subscription`), { token: upgraderToken });
    expect(mirrored.body.addOns).toHaveLength(1);
    const removed = await call('DELETE', api(`/accounts/${upgrader}/subscription/add-ons/extra_storage`), {
      token: upgraderToken,
    });
    expect(removed.body.addOns).toEqual([]);
    const missing = await call('DELETE', api(`/accounts/${upgrader}/subscription/add-ons/extra_storage`), {
      token: upgraderToken,
    });
    expect(missing.status).toBe(404);
  });

  it('calls a move to a cheaper plan a downgrade and refuses a move to the current plan', async () => {
    const preview = await call('POST', api(`/accounts/${upgrader}/subscription/preview-change`), {
      token: upgraderToken,
      json: { planId: 'starter', interval: 'month' },
    });
    expect(preview.body.direction).toBe('downgrade');
    const same = await call('POST', api(`/accounts/${upgrader}/subscription/change`), {
      token: upgraderToken,
      json: { planId: 'pro', interval: 'month' },
    });
    expect(same.status).toBe(409);
  });
});

describe('a failed payment', () => {
  it('shows past_due with an open invoice, and active again once the invoice is paid', async () => {
    const owner = 'acct_dunning';
    const ownerToken = await signTestToken({ sub: 'user_dunning', account_id: owner });
    const checkout = await call('POST', api(`/accounts/${owner}/checkout`), {
      token: ownerToken,
      json: {
        item: { kind: 'plan', planId: 'starter', interval: 'month' },
        successUrl: 'https://a.example/s',
        cancelUrl: 'https://a.example/c',
      },
    });
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();
    const { rows } = await world.harness.db.query<{ id: string; customer: string }>(
      `SELECT s.id, a.stripe_customer_id AS customer FROM subscriptions s JOIN accounts a ON a.id = s.account_id
       WHERE s.account_id = $1`,
      [owner],
    );
    const subscription = rows[0];
    if (!subscription) throw new Error('no subscription mirrored');

    // The card on file starts failing, then an upgrade is invoiced at once.
    const failing = await world.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: subscription.customer,
    });
    await world.stripe.customers.update(subscription.customer, {
      invoice_settings: { default_payment_method: failing.id },
    });
    await world.stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    await call('POST', api(`/accounts/${owner}/subscription/change`), {
      token: ownerToken,
      json: { planId: 'pro', interval: 'month' },
    });
    await world.emulator.waitForDeliveries();
    const pastDue = await call('GET', api(`/accounts/${owner}/subscription`), { token: ownerToken });
    expect(pastDue.body.status).toBe('past_due');
    const invoices = await call('GET', api(`/accounts/${owner}/invoices`), { token: ownerToken });
    const open = invoices.body.data.find((invoice: { status: string }) => invoice.status === 'open');
    expect(open).toBeDefined();

    const card = await world.stripe.paymentMethods.attach('pm_card_visa', {
      customer: subscription.customer,
    });
    await world.stripe.subscriptions.update(subscription.id, { default_payment_method: card.id });
    await world.stripe.invoices.pay(open.id, { payment_method: card.id });
    await world.emulator.waitForDeliveries();
    const recovered = await call('GET', api(`/accounts/${owner}/subscription`), { token: ownerToken });
    expect(recovered.body).toMatchObject({ status: 'active', planId: 'pro' });
    const paid = await call('GET', api(`/accounts/${owner}/invoices`), { token: ownerToken });
    const settled = paid.body.data.find((invoice: { id: string }) => invoice.id === open.id);
    expect(settled).toMatchObject({ status: 'paid' });
    expect(settled.lines.length).toBeGreaterThan(0);
    expect(settled.lines[0]).toMatchObject({ description: expect.any(String), amount: { currency: 'USD' } });
  });
});

describe('reconcile', () => {
  it('repairs a mirror that missed webhooks and reports what it changed', async () => {
    const admin = await signTestToken({ sub: 'ops', role: 'admin' });
    const clean = await call('POST', api('/admin/reconcile'), { token: admin, json: {} });
    expect(clean.status).toBe(200);
    expect(clean.body.accountsChecked).toBeGreaterThan(0);

    await world.harness.db.query(
      `UPDATE subscriptions SET status = 'active', cancel_at_period_end = true WHERE account_id = $1`,
      [accountId],
    );
    await world.harness.db.query('DELETE FROM invoices WHERE account_id = $1', [accountId]);
    const repaired = await call('POST', api('/admin/reconcile'), { token: admin, json: { accountId } });
    expect(repaired.body.accountsChecked).toBe(1);
    const fields = repaired.body.changes.map((change: { field: string }) => change.field);
    expect(fields).toEqual(expect.arrayContaining(['status', 'cancel_at_period_end', '*']));
    const after = await call('GET', api(`/accounts/${accountId}/subscription`), { token });
    expect(after.body).toMatchObject({ planId: 'free', status: 'canceled' });

    const again = await call('POST', api('/admin/reconcile'), { token: admin, json: { accountId } });
    expect(again.body.changes).toEqual([]);
    const unknown = await call('POST', api('/admin/reconcile'), {
      token: admin,
      json: { accountId: 'acct_nobody' },
    });
    expect(unknown.status).toBe(404);
  });
});
