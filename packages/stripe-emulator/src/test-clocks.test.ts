import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from './test/catalog.js';
import { advanceClock, day, type Harness, startHarness } from './test/harness.js';

const start = Date.UTC(2026, 4, 10, 9) / 1000;

let harness: Harness;
let stripe: Stripe;
let catalog: Catalog;

beforeAll(async () => {
  harness = await startHarness();
  stripe = harness.stripe;
  catalog = await createCatalog(stripe);
});
afterAll(async () => {
  await harness.emulator.stop();
});

async function customerOn(clock: Stripe.TestHelpers.TestClock, paymentMethod = 'pm_card_visa') {
  return stripe.customers.create({
    test_clock: clock.id,
    payment_method: paymentMethod,
    invoice_settings: { default_payment_method: paymentMethod },
  });
}

describe('test clocks', () => {
  it('reports advancing, then ready, and stamps objects with the frozen time', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await customerOn(clock);
    expect(customer.created).toBe(start);
    const advancing = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + day });
    expect(advancing.status).toBe('advancing');
    await advanceClock(stripe, clock.id, start + 2 * day);
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    expect(subscription.created).toBe(start + 2 * day);
    await expect(
      stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start }),
    ).rejects.toMatchObject({
      param: 'frozen_time',
    });
    const listed = await stripe.testHelpers.testClocks.list();
    expect(listed.data.some((entry) => entry.id === clock.id)).toBe(true);
    const deleted = await stripe.testHelpers.testClocks.del(clock.id);
    expect(deleted.deleted).toBe(true);
  });

  it('runs a trial: $0 invoice, trial_will_end three days before, then the first real invoice', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await customerOn(clock);
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
      trial_period_days: 14,
    });
    expect(subscription.status).toBe('trialing');
    expect(subscription.trial_end).toBe(start + 14 * day);
    const [trialInvoice] = (await stripe.invoices.list({ subscription: subscription.id })).data;
    expect(trialInvoice?.amount_due).toBe(0);
    expect(trialInvoice?.status).toBe('paid');

    await advanceClock(stripe, clock.id, start + 12 * day);
    const warnings = await stripe.events.list({ type: 'customer.subscription.trial_will_end' });
    const warning = warnings.data.find(
      (event) => (event.data.object as Stripe.Subscription).id === subscription.id,
    );
    expect(warning?.created).toBe(start + 11 * day);

    await advanceClock(stripe, clock.id, start + 15 * day);
    const active = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect((active.latest_invoice as Stripe.Invoice).amount_paid).toBe(2000);
    expect(active.items.data[0]?.current_period_start).toBe(start + 14 * day);
  });

  it('sends invoice.upcoming seven days before a renewal with the preview of that invoice', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await customerOn(clock);
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    const periodEnd = subscription.items.data[0]?.current_period_end ?? 0;
    await advanceClock(stripe, clock.id, periodEnd - 6 * day);
    const upcoming = (await stripe.events.list({ type: 'invoice.upcoming', limit: 100 })).data.find(
      (event) =>
        (event.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === subscription.id,
    );
    expect(upcoming?.created).toBe(periodEnd - 7 * day);
    const preview = upcoming?.data.object as Stripe.Invoice;
    expect(preview.amount_due).toBe(2000);
    expect(preview.period_start).toBe(periodEnd);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it('leaves the subscription unpaid after the last retry when configured to', async () => {
    const unpaid = await startHarness({ dunning: { retryDays: [1, 2], finalAction: 'unpaid' } });
    try {
      const price = await unpaid.stripe.prices.create({
        product_data: { name: 'Basic' },
        currency: 'usd',
        unit_amount: 500,
        recurring: { interval: 'week' },
      });
      const clock = await unpaid.stripe.testHelpers.testClocks.create({ frozen_time: start });
      const customer = await unpaid.stripe.customers.create({
        test_clock: clock.id,
        payment_method: 'pm_card_chargeCustomerFail',
        invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' },
      });
      const subscription = await unpaid.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
      });
      expect(subscription.status).toBe('incomplete');
      const invoice = subscription.latest_invoice as string;
      const paymentMethod = await unpaid.stripe.paymentMethods.attach('pm_card_visa', {
        customer: customer.id,
      });
      await unpaid.stripe.invoices.pay(invoice, { payment_method: paymentMethod.id });
      expect((await unpaid.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
      await advanceClock(unpaid.stripe, clock.id, start + 7 * day + 3 * day);
      const after = await unpaid.stripe.subscriptions.retrieve(subscription.id);
      expect(after.status).toBe('unpaid');
    } finally {
      await unpaid.emulator.stop();
    }
  });

  it('expires an open Checkout Session of a clock customer when the clock passes expires_at', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({ test_clock: clock.id });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: catalog.pro.id, quantity: 1 }],
      success_url: 'http://app.local/ok',
    });
    expect(session.expires_at).toBe(start + day);
    await advanceClock(stripe, clock.id, start + 2 * day);
    const expired = await stripe.checkout.sessions.retrieve(session.id);
    expect(expired.status).toBe('expired');
    const events = await stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data.map((event) => (event.data.object as Stripe.Checkout.Session).id)).toContain(
      session.id,
    );
  });

  it('expires an incomplete subscription after 23 hours', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({ test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
      payment_behavior: 'default_incomplete',
    });
    expect(subscription.status).toBe('incomplete');
    await advanceClock(stripe, clock.id, start + day);
    const expired = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(expired.status).toBe('incomplete_expired');
    expect((expired.latest_invoice as Stripe.Invoice).status).toBe('void');
  });

  it('advances 100 subscriptions by 12 months within 5 s, producing every renewal', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const ids: string[] = [];
    for (let index = 0; index < 100; index++) {
      const customer = await customerOn(clock);
      ids.push(
        (await stripe.subscriptions.create({ customer: customer.id, items: [{ price: catalog.pro.id }] })).id,
      );
    }
    const eventsBefore = harness.emulator.deliveries().length;
    const began = performance.now();
    await advanceClock(stripe, clock.id, Date.UTC(2027, 4, 10, 10) / 1000);
    const elapsed = performance.now() - began;
    expect(elapsed).toBeLessThan(5000);
    for (const id of [ids[0], ids[99]]) {
      const invoices = await stripe.invoices.list({ subscription: id, limit: 100 });
      expect(invoices.data).toHaveLength(13);
      expect(invoices.data.every((invoice) => invoice.status === 'paid')).toBe(true);
    }
    const renewals = await stripe.events.list({ type: 'invoice.paid', limit: 100, created: { gt: start } });
    expect(renewals.data.length).toBe(100);
    expect(eventsBefore).toBe(0);
  }, 30_000);
});
