import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../test/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
});

describe('real-time billing', () => {
  it('renews subscriptions on no test clock when the `now` clock passes their period end', async () => {
    let now = Date.UTC(2026, 0, 1) * 1;
    harness = await startHarness({ now: () => now, billingTickMs: 10 });
    const { stripe } = harness;
    const price = await stripe.prices.create({
      product_data: { name: 'Daily' },
      currency: 'usd',
      unit_amount: 100,
      recurring: { interval: 'day' },
    });
    const customer = await stripe.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
    });
    now += 2.5 * 86_400_000;
    await expect
      .poll(async () => (await stripe.invoices.list({ subscription: subscription.id })).data.length, {
        timeout: 2000,
      })
      .toBe(3);
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.items.data[0]?.current_period_start).toBe(Date.UTC(2026, 0, 3) / 1000);
  });
});
