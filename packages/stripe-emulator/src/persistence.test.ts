import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from './test/harness.js';

const directory = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('persistence', () => {
  it('keeps customers, subscriptions and events across a restart', async () => {
    const persistPath = join(directory, 'state', 'stripe.json');
    const first = await startHarness({ persistPath });
    const customer = await first.stripe.customers.create({
      email: 'persist@example.com',
      metadata: { account: 'a1' },
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const price = await first.stripe.prices.create({
      product_data: { name: 'Kept' },
      currency: 'usd',
      unit_amount: 900,
      recurring: { interval: 'month' },
    });
    const subscription = await first.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
    });
    await first.emulator.stop();

    const second = await startHarness({ persistPath });
    const restored = await second.stripe.subscriptions.retrieve(subscription.id);
    expect(restored.status).toBe('active');
    const found = await second.stripe.customers.search({ query: "metadata['account']:'a1'" });
    expect(found.data.map((entry) => entry.id)).toEqual([customer.id]);
    const events = await second.stripe.events.list({ type: 'customer.subscription.created' });
    expect(events.data).toHaveLength(1);
    // A card restored from disk still charges as its test number says.
    const invoice = await second.stripe.invoices.create({ customer: customer.id });
    await second.stripe.invoiceItems.create({
      customer: customer.id,
      amount: 500,
      currency: 'usd',
      invoice: invoice.id,
    });
    const paid = await second.stripe.invoices.pay(invoice.id);
    expect(paid.status).toBe('paid');
    await second.emulator.stop();
  });
});
