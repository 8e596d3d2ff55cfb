import Stripe from 'stripe';
import { expect, it } from 'vitest';
import { startStripeEmulator } from './index.js';
import { startWebhookReceiver } from './test/webhook-receiver.js';

it('runs the README example', async () => {
  process.env.STRIPE_SUPPRESS_NOTICES = 'true';
  const receiver = await startWebhookReceiver();
  const emulator = await startStripeEmulator({ webhooks: [{ url: receiver.url }] });
  const stripe = new Stripe('sk_test_anything', { ...emulator.stripeConfig, maxNetworkRetries: 0 });

  const price = await stripe.prices.create({
    product_data: { name: 'Pro' },
    currency: 'usd',
    unit_amount: 2000,
    recurring: { interval: 'month' },
  });
  const customer = await stripe.customers.create({
    email: 'ada@example.com',
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const subscription = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
  });
  expect(subscription.status).toBe('active');

  await emulator.waitForDeliveries();
  const types = receiver.received.map(({ body }) => (JSON.parse(body) as { type: string }).type);
  expect(types).toContain('invoice.paid');
  expect(types).toContain('customer.subscription.created');
  expect(emulator.deliveries().every((delivery) => delivery.status === 'delivered')).toBe(true);
  await emulator.stop();
  await receiver.close();
});
