import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHostedCheckout } from './pages/pay-hosted-checkout.js';
import { type Catalog, createCatalog } from './test/catalog.js';
import { advanceClock, day, type Harness, startHarness } from './test/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './test/webhook-receiver.js';

const start = Date.UTC(2026, 0, 1, 12) / 1000;

let harness: Harness;
let stripe: Stripe;
let receiver: WebhookReceiver;
let catalog: Catalog;
let clock: Stripe.TestHelpers.TestClock;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  harness = await startHarness({ webhooks: [{ url: receiver.url }] });
  stripe = harness.stripe;
  catalog = await createCatalog(stripe);
  clock = await stripe.testHelpers.testClocks.create({ frozen_time: start, name: 'lifecycle' });
});

afterAll(async () => {
  await harness.emulator.stop();
  await receiver.close();
});

function receivedEvents(): Stripe.Event[] {
  return receiver.received.map(({ body, signature }) =>
    stripe.webhooks.constructEvent(body, signature, harness.emulator.webhookSecret),
  );
}

async function latestInvoice(subscription: Stripe.Subscription): Promise<Stripe.Invoice> {
  const refreshed = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
  return refreshed.latest_invoice as Stripe.Invoice;
}

describe('a subscription from checkout to cancellation', () => {
  let customer: Stripe.Customer;
  let subscription: Stripe.Subscription;

  it('subscribes through the hosted checkout page', async () => {
    customer = await stripe.customers.create({ email: 'ada@example.com', test_clock: clock.id });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: catalog.pro.id, quantity: 1 }],
      client_reference_id: 'account_1',
      subscription_data: { metadata: { account: 'account_1' } },
      success_url: 'http://app.local/billing/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app.local/billing',
    });
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
    const page = await fetch(session.url ?? '');
    const html = await page.text();
    expect(html).toContain('<label for="card_number">Card number</label>');
    const paid = await payHostedCheckout(session.url ?? '', { card: '4242 4242 4242 4242' });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`http://app.local/billing/success?session_id=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed.status).toBe('complete');
    expect(completed.payment_status).toBe('paid');
    subscription = completed.subscription as Stripe.Subscription;
    expect(subscription.status).toBe('active');
    expect(subscription.metadata).toEqual({ account: 'account_1' });
    expect(subscription.items.data[0]?.current_period_start).toBe(start);
    const invoice = await latestInvoice(subscription);
    expect(invoice.status).toBe('paid');
    expect(invoice.amount_paid).toBe(2000);
    const withPayment = await stripe.invoices.retrieve(invoice.id, {
      expand: ['payments.data.payment.payment_intent', 'customer'],
    });
    const payment = withPayment.payments?.data[0]?.payment.payment_intent as Stripe.PaymentIntent | undefined;
    expect(payment?.status).toBe('succeeded');
    expect((withPayment.customer as Stripe.Customer).email).toBe('ada@example.com');
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    const refreshed = await stripe.customers.retrieve(customer.id);
    expect((refreshed as Stripe.Customer).invoice_settings.default_payment_method).toBe(
      subscription.default_payment_method,
    );
  });

  it('renews when the test clock passes the period end', async () => {
    const periodEnd = subscription.items.data[0]?.current_period_end ?? 0;
    expect(periodEnd).toBe(Date.UTC(2026, 1, 1, 12) / 1000);
    await advanceClock(stripe, clock.id, periodEnd + 3600);
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data).toHaveLength(2);
    const renewal = invoices.data[0];
    expect(renewal?.billing_reason).toBe('subscription_cycle');
    expect(renewal?.status).toBe('paid');
    expect(renewal?.created).toBe(periodEnd);
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.items.data[0]?.current_period_start).toBe(periodEnd);
    const [renewalEvent] = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 1 }))
      .data;
    const announced = renewalEvent?.data.object as Stripe.Subscription | undefined;
    expect(announced?.latest_invoice).toBe(renewal?.id);
    expect(renewalEvent?.data.previous_attributes).toHaveProperty('items');
    subscription = renewed;
  });

  it('previews and applies an upgrade with proration', async () => {
    const item = subscription.items.data[0];
    if (!item) throw new Error('no item');
    const prorationDate =
      item.current_period_start + Math.floor((item.current_period_end - item.current_period_start) / 2);
    await advanceClock(stripe, clock.id, prorationDate);
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: subscription.id,
      subscription_details: {
        items: [{ id: item.id, price: catalog.team.id }],
        proration_date: prorationDate,
        proration_behavior: 'always_invoice',
      },
    });
    const prorations = preview.lines.data.filter(
      (line) =>
        line.parent?.subscription_item_details?.proration ?? line.parent?.invoice_item_details?.proration,
    );
    expect(prorations).toHaveLength(2);
    expect(preview.amount_due).toBe(1500);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: catalog.team.id }],
      proration_behavior: 'always_invoice',
      proration_date: prorationDate,
    });
    expect(updated.items.data[0]?.price.id).toBe(catalog.team.id);
    const invoice = await latestInvoice(updated);
    expect(invoice.billing_reason).toBe('subscription_update');
    expect(invoice.amount_paid).toBe(preview.amount_due);
    subscription = updated;
  });

  it('bills metered usage reported with meter events on the next invoice', async () => {
    const withUsage = await stripe.subscriptions.update(subscription.id, {
      items: [{ price: catalog.apiCalls.id }],
      proration_behavior: 'none',
    });
    const now = (await stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time;
    for (const [identifier, value] of [
      ['u1', '100'],
      ['u2', '250'],
      ['u1', '100'],
    ] as const) {
      await stripe.billing.meterEvents.create({
        event_name: 'api_call',
        payload: { stripe_customer_id: customer.id, value },
        identifier,
        timestamp: now + 60,
      });
    }
    const periodEnd = withUsage.items.data[0]?.current_period_end ?? 0;
    const upcoming = await stripe.invoices.createPreview({ subscription: subscription.id });
    expect(
      upcoming.lines.data.find((line) => line.pricing?.price_details?.price === catalog.apiCalls.id)
        ?.quantity,
    ).toBe(350);
    await advanceClock(stripe, clock.id, periodEnd + 60);
    const invoice = await latestInvoice(withUsage);
    const usage = invoice.lines.data.find(
      (line) => line.pricing?.price_details?.price === catalog.apiCalls.id,
    );
    expect(usage?.quantity).toBe(350);
    expect(usage?.amount).toBe(700);
    expect(invoice.amount_paid).toBe(5000 + 700);
    subscription = await stripe.subscriptions.retrieve(subscription.id);
  });

  it('cancels at period end and ends when the clock gets there', async () => {
    const canceling = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(canceling.cancel_at_period_end).toBe(true);
    expect(canceling.status).toBe('active');
    const periodEnd = canceling.items.data[0]?.current_period_end ?? 0;
    await advanceClock(stripe, clock.id, periodEnd + 60);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended.status).toBe('canceled');
    expect(ended.ended_at).toBe(periodEnd);
  });

  it('delivered every event signed, including the lifecycle ones', async () => {
    await harness.emulator.waitForDeliveries();
    const events = receivedEvents();
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      'customer.created',
      'checkout.session.completed',
      'customer.subscription.created',
      'customer.subscription.updated',
      'customer.subscription.deleted',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'payment_method.attached',
      'payment_intent.succeeded',
      'test_helpers.test_clock.ready',
    ]) {
      expect(types, type).toContain(type);
    }
    const completed = events.find((event) => event.type === 'checkout.session.completed');
    if (completed?.type === 'checkout.session.completed') {
      expect(completed.data.object.client_reference_id).toBe('account_1');
    }
    const position = (type: string) => events.findIndex((event) => event.type === type);
    expect(position('customer.subscription.created')).toBeLessThan(position('invoice.created'));
    const created = events.find((event) => event.type === 'customer.subscription.created');
    expect((created?.data.object as Stripe.Subscription | undefined)?.status).toBe('active');
    const updates = events.filter((event) => event.type === 'customer.subscription.updated');
    expect(updates.some((event) => event.data.previous_attributes?.cancel_at_period_end === false)).toBe(
      true,
    );
  });
});

describe('a failed renewal and its recovery', () => {
  it('goes past_due when the card fails, then recovers with a new card', async () => {
    const customer = await stripe.customers.create({
      email: 'grace@example.com',
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    expect(subscription.status).toBe('active');
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    const frozen = (await stripe.testHelpers.testClocks.retrieve(clock.id)).frozen_time;
    await advanceClock(stripe, clock.id, (subscription.items.data[0]?.current_period_end ?? frozen) + 60);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(pastDue.status).toBe('past_due');
    const invoice = pastDue.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    expect(invoice.attempt_count).toBe(1);
    expect(invoice.next_payment_attempt).toBe(
      (subscription.items.data[0]?.current_period_end ?? 0) + 3 * day,
    );

    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
    const paid = await stripe.invoices.pay(invoice.id);
    expect(paid.status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });

  it('retries on the dunning schedule and cancels after the last failure', async () => {
    const dunningClock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({
      test_clock: dunningClock.id,
      payment_method: 'pm_card_visa',
    });
    const pm = (await stripe.paymentMethods.list({ customer: customer.id })).data[0];
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
      default_payment_method: pm?.id,
    });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    await stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    const periodEnd = subscription.items.data[0]?.current_period_end ?? 0;
    await advanceClock(stripe, dunningClock.id, periodEnd + 20 * day);
    const ended = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(ended.status).toBe('canceled');
    expect(ended.cancellation_details?.reason).toBe('payment_failed');
    expect((ended.latest_invoice as Stripe.Invoice).attempt_count).toBe(4);
  });
});
