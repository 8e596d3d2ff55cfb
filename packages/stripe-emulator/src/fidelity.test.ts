import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fidelityExceptions } from './fidelity-exceptions.js';
import { payHostedCheckout } from './pages/pay-hosted-checkout.js';
import { createCatalog } from './test/catalog.js';
import { advanceClock, day, type Harness, startHarness } from './test/harness.js';
import { type Json, shapeDiff } from './test/shape-diff.js';

// The examples live beside the repository (never copied into it): <repo>/../shared/stripe-openapi/.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturesPath = resolve(repoRoot, '../shared/stripe-openapi/fixtures3.json');
const fixturesAvailable = existsSync(fixturesPath);
if (!fixturesAvailable) console.warn(`Skipping the fidelity test: ${fixturesPath} is missing.`);

const seen: Json[] = [];
const keep = <T>(value: T): T => {
  seen.push(JSON.parse(JSON.stringify(value)) as Json);
  return value;
};

let harness: Harness;

async function driveScenario(stripe: Stripe): Promise<void> {
  const catalog = keep(await createCatalog(stripe));
  keep(await stripe.products.update(catalog.pro.product as string, { description: 'The pro plan' }));
  const start = Date.UTC(2026, 0, 15) / 1000;
  const clock = keep(await stripe.testHelpers.testClocks.create({ frozen_time: start }));
  const customer = keep(
    await stripe.customers.create({
      email: 'fidelity@example.com',
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    }),
  );
  keep(await stripe.customers.update(customer.id, { name: 'Fidelity', metadata: { account: 'f1' } }));
  keep(await stripe.customers.search({ query: "email:'fidelity@example.com'" }));
  const subscription = keep(
    await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }, { price: catalog.apiCalls.id }],
      expand: ['latest_invoice'],
    }),
  );
  keep(
    await stripe.billing.meterEvents.create({
      event_name: 'api_call',
      payload: { stripe_customer_id: customer.id, value: '42' },
      identifier: 'fidelity-1',
    }),
  );
  const item = subscription.items.data.find((entry) => entry.price.id === catalog.pro.id);
  keep(
    await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: subscription.id,
      subscription_details: {
        items: [{ id: item?.id, price: catalog.team.id }],
        proration_date: start + 10 * day,
      },
    }),
  );
  await advanceClock(stripe, clock.id, start + 10 * day);
  keep(
    await stripe.subscriptions.update(subscription.id, { items: [{ id: item?.id, price: catalog.team.id }] }),
  );
  keep(
    await stripe.invoiceItems.create({
      customer: customer.id,
      amount: 300,
      currency: 'usd',
      description: 'Setup fee',
    }),
  );
  await advanceClock(stripe, clock.id, start + 35 * day);
  keep(await stripe.subscriptionItems.list({ subscription: subscription.id }));
  const addOn = keep(
    await stripe.subscriptionItems.create({
      subscription: subscription.id,
      price: catalog.pro.id,
      quantity: 2,
      proration_behavior: 'none',
    }),
  );
  keep(await stripe.subscriptionItems.del(addOn.id, { proration_behavior: 'none' }));
  keep(
    await stripe.billing.meters.listEventSummaries(catalog.meter.id, {
      customer: customer.id,
      start_time: start,
      end_time: start + 40 * day,
    }),
  );
  keep(await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }));
  keep(await stripe.subscriptions.cancel(subscription.id));

  const session = keep(
    await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: catalog.pro.id, quantity: 1 }],
      customer_email: 'checkout@example.com',
      success_url: 'http://app.local/ok?session_id={CHECKOUT_SESSION_ID}',
      subscription_data: { trial_period_days: 7 },
    }),
  );
  await payHostedCheckout(session.url ?? '', { card: '4242424242424242' });
  keep(await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] }));
  const payment = keep(
    await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
      customer: customer.id,
      ui_mode: 'embedded_page',
      return_url: 'http://app.local/return',
    }),
  );
  await fetch(`${harness.emulator.url}/_emulator/checkout/sessions/${payment.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card: '4242424242424242' }),
  });
  const setup = keep(
    await stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'usd',
      customer: customer.id,
      success_url: 'http://app.local/saved',
    }),
  );
  await payHostedCheckout(setup.url ?? '', { card: '4242424242424242' });
  keep(await stripe.setupIntents.retrieve(setup.setup_intent as string));
  const expiring = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
    success_url: 'http://app.local/ok',
  });
  keep(await stripe.checkout.sessions.expire(expiring.id));
  keep(
    await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://app.local/account',
    }),
  );
  keep(
    await stripe.billingPortal.sessions.create({
      customer: customer.id,
      flow_data: {
        type: 'subscription_update_confirm',
        subscription_update_confirm: {
          subscription: subscription.id,
          items: [{ id: item?.id ?? '', price: catalog.pro.id }],
        },
        after_completion: { type: 'redirect', redirect: { return_url: 'http://app.local/done' } },
      },
    }),
  );
  const intent = keep(
    await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: customer.id,
      metadata: { pack: 'small' },
    }),
  );
  keep(await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }));
  keep(
    await stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: 'http://app.local/after',
    }),
  );
  const manual = keep(await stripe.invoices.create({ customer: customer.id }));
  keep(
    await stripe.invoiceItems.create({
      customer: customer.id,
      amount: 700,
      currency: 'usd',
      invoice: manual.id,
    }),
  );
  keep(await stripe.invoices.finalizeInvoice(manual.id));
  keep(await stripe.invoices.voidInvoice(manual.id));
  const endpoint = keep(
    await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hook',
      enabled_events: ['invoice.paid'],
    }),
  );
  const deletable = await stripe.products.create({ name: 'Temporary' });
  keep(await stripe.products.del(deletable.id));
  const pendingItem = await stripe.invoiceItems.create({
    customer: customer.id,
    amount: 100,
    currency: 'usd',
  });
  keep(await stripe.invoiceItems.del(pendingItem.id));
  const gone = await stripe.customers.create({ email: 'gone@example.com' });
  keep(await stripe.customers.del(gone.id));
  keep(await stripe.customers.retrieve(gone.id));
  keep(await stripe.webhookEndpoints.del(endpoint.id));
  keep(
    await stripe.testHelpers.testClocks.del(
      (await stripe.testHelpers.testClocks.create({ frozen_time: start })).id,
    ),
  );
}

async function collectEverything(stripe: Stripe): Promise<void> {
  const all = async <T>(list: AsyncIterable<T>) => {
    for await (const entry of list) keep(entry);
  };
  await all(stripe.customers.list({ limit: 100 }));
  await all(stripe.paymentMethods.list({ limit: 100 }));
  await all(stripe.products.list({ limit: 100 }));
  await all(stripe.prices.list({ limit: 100 }));
  await all(stripe.subscriptions.list({ status: 'all', limit: 100 }));
  await all(stripe.invoices.list({ limit: 100 }));
  await all(stripe.invoiceItems.list({ limit: 100 }));
  await all(stripe.paymentIntents.list({ limit: 100 }));
  await all(stripe.checkout.sessions.list({ limit: 100 }));
  await all(stripe.billing.meters.list({ limit: 100 }));
  await all(stripe.testHelpers.testClocks.list({ limit: 100 }));
  await all(stripe.webhookEndpoints.list({ limit: 100 }));
  await all(stripe.events.list({ limit: 100 }));
}

beforeAll(async () => {
  if (!fixturesAvailable) return;
  harness = await startHarness();
  await driveScenario(harness.stripe);
  await collectEverything(harness.stripe);
}, 30_000);

afterAll(async () => {
  await harness?.emulator.stop();
});

describe.skipIf(!fixturesAvailable)('fidelity with Stripe’s published examples', () => {
  it('answers every object with the example’s keys and JSON types, except the listed differences', () => {
    const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as { resources: Record<string, Json> };
    const found = new Set<string>();
    for (const value of seen) shapeDiff(fixtures.resources, value, found);
    const unexplained = [...found].filter((difference) => !(difference in fidelityExceptions)).sort();
    expect(unexplained).toEqual([]);
    const unused = Object.keys(fidelityExceptions).filter((difference) => !found.has(difference));
    expect(unused).toEqual([]);
    expect(seen.length).toBeGreaterThan(100);
  });
});
