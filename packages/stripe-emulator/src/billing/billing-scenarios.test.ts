import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from '../test/catalog.js';
import { advanceClock, day, type Harness, startHarness } from '../test/harness.js';

const start = Date.UTC(2026, 6, 1, 8) / 1000;

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

async function subscribedCustomer(price: string) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
  const customer = await stripe.customers.create({
    test_clock: clock.id,
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price }] });
  return { clock, customer, subscription };
}

describe('billing scenarios', () => {
  it('sweeps pending invoice items and create_prorations items into the renewal invoice', async () => {
    const { clock, customer, subscription } = await subscribedCustomer(catalog.pro.id);
    const item = await stripe.invoiceItems.create({
      customer: customer.id,
      amount: 300,
      currency: 'usd',
      description: 'Setup',
    });
    expect(
      (await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.map(
        (entry) => entry.id,
      ),
    ).toContain(item.id);
    await advanceClock(stripe, clock.id, start + 15 * day);
    const siId = subscription.items.data[0]?.id ?? '';
    const preview = await stripe.invoices.createPreview({
      subscription: subscription.id,
      subscription_details: {
        items: [{ id: siId, price: catalog.team.id }],
        proration_date: start + 15 * day,
      },
    });
    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: siId, price: catalog.team.id }],
      proration_date: start + 15 * day,
    });
    const pending = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.filter((entry) => entry.proration)).toHaveLength(2);
    await advanceClock(stripe, clock.id, (subscription.items.data[0]?.current_period_end ?? 0) + 60);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id, limit: 1 })).data[0];
    expect(renewal?.billing_reason).toBe('subscription_cycle');
    expect(renewal?.lines.data.map((line) => line.amount).sort((a, b) => a - b)).toEqual(
      preview.lines.data.map((line) => line.amount).sort((a, b) => a - b),
    );
    expect(renewal?.amount_paid).toBe(preview.amount_due);
    expect(renewal?.lines.data.some((line) => line.description === 'Setup')).toBe(true);
    expect((await stripe.invoiceItems.retrieve(item.id)).invoice).toBe(renewal?.id);
  });

  it('adds and removes an add-on through subscription items', async () => {
    const { subscription } = await subscribedCustomer(catalog.pro.id);
    const addOn = await stripe.subscriptionItems.create({
      subscription: subscription.id,
      price: catalog.team.id,
      quantity: 2,
      proration_behavior: 'none',
    });
    expect(addOn.quantity).toBe(2);
    const updated = await stripe.subscriptionItems.update(addOn.id, {
      quantity: 3,
      proration_behavior: 'none',
    });
    expect(updated.quantity).toBe(3);
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data).toHaveLength(2);
    const removed = await stripe.subscriptionItems.del(addOn.id, { proration_behavior: 'none' });
    expect(removed.deleted).toBe(true);
    const listed = await stripe.subscriptionItems.list({ subscription: subscription.id });
    expect(listed.data.map((entry) => entry.price.id)).toEqual([catalog.pro.id]);
  });

  it('restarts the cycle and charges at once when switching to a yearly price', async () => {
    const { clock, subscription } = await subscribedCustomer(catalog.pro.id);
    await advanceClock(stripe, clock.id, start + 10 * day);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]?.id, price: catalog.proYearly.id }],
      expand: ['latest_invoice'],
    });
    expect(updated.billing_cycle_anchor).toBe(start + 10 * day);
    expect(updated.items.data[0]?.current_period_end).toBe(Date.UTC(2027, 6, 11, 8) / 1000);
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_update');
    expect(invoice.status).toBe('paid');
    const credit = invoice.lines.data.find((line) => line.amount < 0);
    expect(credit?.description).toContain('Unused time');
    expect(invoice.amount_paid).toBe(20000 + (credit?.amount ?? 0));
  });

  it('cancels immediately and reports events with previous attributes', async () => {
    const { subscription } = await subscribedCustomer(catalog.pro.id);
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled.status).toBe('canceled');
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted' });
    expect(
      deleted.data.some((event) => (event.data.object as Stripe.Subscription).id === subscription.id),
    ).toBe(true);
    await expect(
      stripe.subscriptions.update(subscription.id, { metadata: { a: 'b' } }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    expect((await stripe.subscriptions.list({ customer: canceled.customer as string })).data).toHaveLength(0);
    expect(
      (await stripe.subscriptions.list({ customer: canceled.customer as string, status: 'all' })).data,
    ).toHaveLength(1);
  });

  it('refuses a declined card at attach and with error_if_incomplete', async () => {
    const customer = await stripe.customers.create();
    await expect(
      stripe.paymentMethods.attach('pm_card_visa_chargeDeclined', { customer: customer.id }),
    ).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    await expect(
      stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: catalog.pro.id }],
        default_payment_method: failing.id,
        payment_behavior: 'error_if_incomplete',
      }),
    ).rejects.toMatchObject({ type: 'StripeCardError' });
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(0);
  });

  it('confirms a one-time payment intent and fails it with a failing card', async () => {
    const customer = await stripe.customers.create();
    const intent = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      customer: customer.id,
      metadata: { pack: 'l' },
    });
    expect(intent.status).toBe('requires_payment_method');
    const confirmed = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.metadata).toEqual({ pack: 'l' });
    const failing = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    await expect(
      stripe.paymentIntents.confirm(failing.id, { payment_method: 'pm_card_chargeCustomerFail' }),
    ).rejects.toMatchObject({
      type: 'StripeCardError',
    });
    expect((await stripe.paymentIntents.retrieve(failing.id)).status).toBe('requires_payment_method');
  });

  it('changes nothing when an update is refused', async () => {
    const { subscription } = await subscribedCustomer(catalog.pro.id);
    await expect(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: subscription.items.data[0]?.id, price: catalog.team.id }],
        default_payment_method: 'pm_missing',
      }),
    ).rejects.toMatchObject({ statusCode: 404, param: 'default_payment_method' });
    const unchanged = await stripe.subscriptions.retrieve(subscription.id);
    expect(unchanged.items.data[0]?.price.id).toBe(catalog.pro.id);
    expect(
      (await stripe.invoiceItems.list({ customer: unchanged.customer as string, pending: true })).data,
    ).toHaveLength(0);
  });

  it('asks for 3-D Secure when a PaymentIntent is confirmed on session with 4000 0025 0000 3155', async () => {
    const customer = await stripe.customers.create();
    const intent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'usd',
      customer: customer.id,
    });
    const pending = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_authenticationRequired',
      return_url: 'http://app.local/after-3ds',
    });
    expect(pending.status).toBe('requires_action');
    const url = pending.next_action?.redirect_to_url?.url ?? '';
    expect(await (await fetch(url)).text()).toContain('Authenticate your payment');
    const done = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=complete',
      redirect: 'manual',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toContain('redirect_status=succeeded');
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');

    const second = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    expect(second.status).toBe('requires_action');
    const failed = await fetch(
      `${harness.emulator.url}/_emulator/payment_intents/${second.id}/authenticate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'fail' }),
      },
    );
    expect(failed.status).toBe(200);
    const after = await stripe.paymentIntents.retrieve(second.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('answers a deleted stub for a deleted customer', async () => {
    const customer = await stripe.customers.create();
    await stripe.customers.del(customer.id);
    const fetched = await stripe.customers.retrieve(customer.id);
    expect(fetched.deleted).toBe(true);
  });
});

describe('trials and cancellations', () => {
  it('ends a trial now with trial_end: now and invoices the first period', async () => {
    const customer = await stripe.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const trialing = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
      trial_period_days: 30,
    });
    const extended = await stripe.subscriptions.update(trialing.id, {
      trial_end: (trialing.trial_end ?? 0) + 5 * day,
    });
    expect(extended.items.data[0]?.current_period_end).toBe((trialing.trial_end ?? 0) + 5 * day);
    const active = await stripe.subscriptions.update(trialing.id, {
      trial_end: 'now',
      expand: ['latest_invoice'],
    });
    expect(active.status).toBe('active');
    expect((active.latest_invoice as Stripe.Invoice).amount_paid).toBe(2000);
  });

  it('bills the last period’s metered usage when a subscription ends', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }, { price: catalog.apiCalls.id }],
      expand: ['latest_invoice'],
    });
    expect((subscription.latest_invoice as Stripe.Invoice).amount_paid).toBe(2000);
    await stripe.billing.meterEvents.create({
      event_name: 'api_call',
      payload: { stripe_customer_id: customer.id, value: '50' },
      timestamp: start + 3600,
    });
    await advanceClock(stripe, clock.id, start + 2 * 3600);
    const canceled = await stripe.subscriptions.cancel(subscription.id, { invoice_now: true, prorate: true });
    expect(canceled.status).toBe('canceled');
    const final = (await stripe.invoices.list({ subscription: subscription.id, limit: 1 })).data[0];
    const usage = final?.lines.data.find((line) => line.quantity === 50);
    expect(usage?.amount).toBe(100);
    expect(final?.lines.data.some((line) => line.amount < 0)).toBe(true);
  });
});

describe('refused creations leave nothing behind', () => {
  it('creates no customer when its card is declined and no product when its price is invalid', async () => {
    const before = (await stripe.customers.list({ limit: 100 })).data.length;
    await expect(
      stripe.customers.create({
        email: 'declined@example.com',
        payment_method: 'pm_card_visa_chargeDeclined',
      }),
    ).rejects.toMatchObject({ type: 'StripeCardError' });
    expect((await stripe.customers.list({ limit: 100 })).data.length).toBe(before);
    const products = (await stripe.products.list({ limit: 100 })).data.length;
    await expect(
      stripe.prices.create({
        product_data: { name: 'Broken' },
        currency: 'usd',
        recurring: { interval: 'month' },
      }),
    ).rejects.toMatchObject({ param: 'unit_amount' });
    expect((await stripe.products.list({ limit: 100 })).data.length).toBe(products);
  });
});
