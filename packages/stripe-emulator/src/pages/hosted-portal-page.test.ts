import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from '../test/catalog.js';
import { advanceClock, type Harness, startHarness } from '../test/harness.js';
import { postForm } from '../test/hosted-checkout.js';

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

async function portalFor(customerId: string): Promise<Stripe.BillingPortal.Session> {
  return stripe.billingPortal.sessions.create({
    customer: customerId,
    return_url: 'http://app.local/account',
  });
}

describe('hosted billing portal', () => {
  it('cancels at period end, resumes and changes plan, each emitting subscription updates', async () => {
    const customer = await stripe.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    const session = await portalFor(customer.id);
    expect(session.url).toBe(`${harness.emulator.url}/portal/${session.id}`);
    const html = await (await fetch(session.url)).text();
    expect(html).toContain('Cancel subscription');
    expect(html).toContain('<label for="card_number">New card number</label>');

    const base = `${session.url}/subscriptions/${subscription.id}`;
    const cancel = await postForm(`${base}/cancel`, {});
    expect(cancel.status).toBe(303);
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(true);
    await postForm(`${base}/resume`, {});
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(false);

    const itemId = subscription.items.data[0]?.id ?? '';
    const change = await postForm(`${base}/change`, { item: itemId, price: catalog.proYearly.id });
    expect(change.status).toBe(303);
    const changed = await stripe.subscriptions.retrieve(subscription.id);
    expect(changed.items.data[0]?.price.id).toBe(catalog.proYearly.id);
    const updates = await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 });
    expect(
      updates.data.filter((event) => (event.data.object as Stripe.Subscription).id === subscription.id)
        .length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('updates the card and retries the past_due invoice with it', async () => {
    const start = Date.UTC(2026, 2, 1) / 1000;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    await advanceClock(stripe, clock.id, (subscription.items.data[0]?.current_period_end ?? 0) + 60);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');

    const session = await portalFor(customer.id);
    const declined = await postForm(`${session.url}/payment-method`, { card_number: '4000000000000002' });
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('Your card was declined.');
    const updated = await postForm(`${session.url}/payment-method`, { card_number: '4242424242424242' });
    expect(updated.status).toBe(303);
    const recovered = await stripe.subscriptions.retrieve(subscription.id, { expand: ['latest_invoice'] });
    expect(recovered.status).toBe('active');
    expect((recovered.latest_invoice as Stripe.Invoice).status).toBe('paid');
  });

  it('follows flow_data deep links and their after_completion', async () => {
    const customer = await stripe.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.pro.id }],
    });
    const cancelFlow = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      flow_data: {
        type: 'subscription_cancel',
        subscription_cancel: { subscription: subscription.id },
        after_completion: { type: 'redirect', redirect: { return_url: 'http://app.local/canceled' } },
      },
    });
    expect(cancelFlow.flow?.subscription_cancel?.subscription).toBe(subscription.id);
    const html = await (await fetch(cancelFlow.url)).text();
    expect(html).toContain('Cancel subscription');
    expect(html).not.toContain('New card number');
    const canceled = await postForm(`${cancelFlow.url}/subscriptions/${subscription.id}/cancel`, {});
    expect(canceled.location).toBe('http://app.local/canceled');
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(true);

    const confirmFlow = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      flow_data: {
        type: 'subscription_update_confirm',
        subscription_update_confirm: {
          subscription: subscription.id,
          items: [{ id: subscription.items.data[0]?.id ?? '', price: catalog.team.id }],
        },
        after_completion: {
          type: 'hosted_confirmation',
          hosted_confirmation: { custom_message: 'Welcome to Team!' },
        },
      },
    });
    const confirmed = await postForm(
      `${confirmFlow.url}/subscriptions/${subscription.id}/confirm-update`,
      {},
    );
    expect(confirmed.html).toContain('Welcome to Team!');
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data[0]?.price.id).toBe(
      catalog.team.id,
    );

    await expect(
      stripe.billingPortal.sessions.create({
        customer: customer.id,
        flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: 'sub_elsewhere' } },
      }),
    ).rejects.toMatchObject({ param: 'flow_data[subscription_cancel][subscription]' });
  });

  it('serves the hosted invoice page and a PDF', async () => {
    const invoices = await stripe.invoices.list({ status: 'paid', limit: 1 });
    const invoice = invoices.data[0];
    if (!invoice?.hosted_invoice_url || !invoice.invoice_pdf) throw new Error('no finalized invoice');
    const page = await fetch(invoice.hosted_invoice_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Invoice ${invoice.number}`);
    const pdf = await fetch(invoice.invoice_pdf);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-1.4')).toBe(true);
    expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
