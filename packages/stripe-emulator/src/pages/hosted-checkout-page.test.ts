import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from '../test/catalog.js';
import { type Harness, startHarness } from '../test/harness.js';
import { payHostedCheckout } from './pay-hosted-checkout.js';

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

describe('hosted checkout', () => {
  it('buys a credit pack in payment mode through the control endpoint', async () => {
    const customer = await stripe.customers.create({ email: 'credits@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ price: catalog.creditPack.id, quantity: 2 }],
      metadata: { credits: '2000' },
      ui_mode: 'embedded_page',
      return_url: 'http://app.local/return?session_id={CHECKOUT_SESSION_ID}',
    });
    expect(session.client_secret).toMatch(/^cs_test_.+_secret_/);
    expect(session.url).toBeNull();
    const response = await fetch(
      `${harness.emulator.url}/_emulator/checkout/sessions/${session.id}/complete`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: '4242424242424242' }),
      },
    );
    const body = (await response.json()) as { outcome: string; redirect_url: string };
    expect(body.outcome).toBe('completed');
    expect(body.redirect_url).toBe(`http://app.local/return?session_id=${session.id}`);
    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(completed.payment_status).toBe('paid');
    const intent = completed.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe('succeeded');
    expect(intent.amount).toBe(2000);
  });

  it('declines 4000 0000 0000 0002 on the hosted page and changes nothing', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: catalog.pro.id, quantity: 1 }],
      customer_email: 'declined@example.com',
      success_url: 'http://app.local/ok',
    });
    const customersBefore = (await stripe.customers.list({ limit: 100 })).data.length;
    const eventsBefore = (await stripe.events.list({ limit: 100 })).data[0]?.id;
    const result = await payHostedCheckout(session.url ?? '', { card: '4000 0000 0000 0002' });
    expect(result.status).toBe(402);
    expect(result.html).toContain('Your card was declined.');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect((await stripe.customers.list({ limit: 100 })).data.length).toBe(customersBefore);
    expect((await stripe.events.list({ limit: 100 })).data[0]?.id).toBe(eventsBefore);
  });

  it('asks for 3-D Secure with 4000 0025 0000 3155 before succeeding', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
      success_url: 'http://app.local/ok?session_id={CHECKOUT_SESSION_ID}',
    });
    const step = await payHostedCheckout(session.url ?? '', { card: '4000002500003155' });
    expect(step.status).toBe(200);
    expect(step.html).toContain('Authenticate your payment');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    const confirm = await fetch(`${harness.emulator.url}/checkout/${session.id}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=complete',
      redirect: 'manual',
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`http://app.local/ok?session_id=${session.id}`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
  });
});

describe('card details', () => {
  it('refuses an expired card or a missing CVC and changes nothing', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
      success_url: 'http://app.local/ok',
    });
    const expired = await payHostedCheckout(session.url ?? '', {
      card: '4242424242424242',
      fields: { expiry: '01 / 20' },
    });
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('expiration year is in the past');
    const noCvc = await payHostedCheckout(session.url ?? '', {
      card: '4242424242424242',
      fields: { cvc: '' },
    });
    expect(noCvc.html).toContain('security code is incomplete');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
  });
});

describe('3-D Secure failure', () => {
  it('keeps the session open when authentication fails', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
      success_url: 'http://app.local/ok',
    });
    await payHostedCheckout(session.url ?? '', { card: '4000 0025 0000 3155' });
    const failed = await fetch(`${harness.emulator.url}/checkout/${session.id}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=fail',
      redirect: 'manual',
    });
    expect(failed.status).toBe(402);
    expect(await failed.text()).toContain('unable to authenticate');
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after.status).toBe('open');
    expect(after.payment_intent).toBeNull();
    const viaControl = await fetch(
      `${harness.emulator.url}/_emulator/checkout/sessions/${session.id}/complete`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: '4000002500003155' }),
      },
    );
    expect(((await viaControl.json()) as { outcome: string }).outcome).toBe('requires_authentication');
    const confirmed = await fetch(
      `${harness.emulator.url}/_emulator/checkout/sessions/${session.id}/complete`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: '4000002500003155', authenticated: true }),
      },
    );
    expect(((await confirmed.json()) as { outcome: string }).outcome).toBe('completed');
  });
});

describe('checkout sessions through the API', () => {
  it('starts a trial from subscription_data and reports no payment required', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: catalog.pro.id, quantity: 1 }],
      customer_email: 'trial@example.com',
      subscription_data: { trial_period_days: 14, metadata: { plan: 'pro' } },
      success_url: 'http://app.local/ok',
    });
    const result = await payHostedCheckout(session.url ?? '', { card: '4242424242424242' });
    expect(result.status).toBe(303);
    const completed = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['subscription', 'customer'],
    });
    expect(completed.payment_status).toBe('no_payment_required');
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription.status).toBe('trialing');
    expect(subscription.metadata).toEqual({ plan: 'pro' });
    expect((completed.customer as Stripe.Customer).email).toBe('trial@example.com');
    const lines = await stripe.checkout.sessions.listLineItems(session.id);
    expect(lines.data[0]?.price?.id).toBe(catalog.pro.id);
  });

  it('saves a card in setup mode and completes the SetupIntent', async () => {
    const customer = await stripe.customers.create({ email: 'setup@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'usd',
      customer: customer.id,
      success_url: 'http://app.local/card-saved?session_id={CHECKOUT_SESSION_ID}',
    });
    expect(session.setup_intent).toMatch(/^seti_/);
    expect(session.amount_total).toBeNull();
    const result = await payHostedCheckout(session.url ?? '', { card: '5555 5555 5555 4444' });
    expect(result.status).toBe(303);
    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    expect(completed.status).toBe('complete');
    expect(completed.payment_status).toBe('no_payment_required');
    const setupIntent = completed.setup_intent as Stripe.SetupIntent;
    expect(setupIntent.status).toBe('succeeded');
    const card = await stripe.paymentMethods.retrieve(setupIntent.payment_method as string);
    expect(card.card?.last4).toBe('4444');
    expect(card.customer).toBe(customer.id);
    expect((await stripe.setupIntents.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('expires an open session and lists sessions by status', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: catalog.creditPack.id, quantity: 1 }],
      success_url: 'http://app.local/ok',
    });
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe('expired');
    expect(expired.url).toBeNull();
    const listed = await stripe.checkout.sessions.list({ status: 'expired' });
    expect(listed.data.map((entry) => entry.id)).toContain(session.id);
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(410);
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('validates modes and prices naming the param', async () => {
    await expect(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: catalog.pro.id, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ param: 'line_items[0][price]' });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        ui_mode: 'embedded_page',
        line_items: [{ price: catalog.pro.id, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ param: 'return_url', code: 'parameter_missing' });
  });
});
