import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './test/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './test/webhook-receiver.js';

let harness: Harness | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await harness?.emulator.stop();
  await receiver?.close();
});

describe('webhook delivery', () => {
  it('signs each event so stripe.webhooks.constructEvent verifies it', async () => {
    receiver = await startWebhookReceiver();
    harness = await startHarness({ webhooks: [{ url: receiver.url }], webhookSecret: 'whsec_test_secret' });
    const customer = await harness.stripe.customers.create({ email: 'hook@example.com' });
    await harness.stripe.customers.update(customer.id, { name: 'Hook' });
    await harness.emulator.waitForDeliveries();
    const events = receiver.received.map(({ body, signature }) =>
      harness?.stripe.webhooks.constructEvent(body, signature, 'whsec_test_secret'),
    ) as Stripe.Event[];
    expect(events.map((event) => event.type)).toEqual(['customer.created', 'customer.updated']);
    const updated = events[1];
    if (updated?.type !== 'customer.updated') throw new Error('expected customer.updated');
    expect(updated.data.object.name).toBe('Hook');
    expect(updated.data.previous_attributes).toEqual({ name: null });
    expect(() =>
      harness?.stripe.webhooks.constructEvent(
        receiver?.received[0]?.body ?? '',
        receiver?.received[0]?.signature ?? '',
        'whsec_wrong',
      ),
    ).toThrow();
  });

  it('retries after a 500 on the configured schedule', async () => {
    receiver = await startWebhookReceiver();
    harness = await startHarness({ webhooks: [{ url: receiver.url }], retrySchedule: [10, 20] });
    receiver.failNext(2);
    await harness.stripe.products.create({ name: 'Retried' });
    await harness.emulator.waitForDeliveries();
    const [delivery] = harness.emulator.deliveries();
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(receiver.received).toHaveLength(1);
    const view = (await (await fetch(`${harness.emulator.url}/_emulator/deliveries`)).json()) as {
      deliveries: { status: string }[];
    };
    expect(view.deliveries.map((entry) => entry.status)).toEqual(['delivered']);
  });

  it('gives up after the schedule and reports connection errors', async () => {
    harness = await startHarness({
      webhooks: [{ url: 'http://127.0.0.1:9/unreachable' }],
      retrySchedule: [5],
    });
    await harness.stripe.products.create({ name: 'Lost' });
    await harness.emulator.waitForDeliveries();
    const [delivery] = harness.emulator.deliveries();
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempts).toHaveLength(2);
    expect(delivery?.attempts[0]?.error).toBeTruthy();
    const missed = await harness.stripe.events.list({ delivery_success: false });
    expect(missed.data.map((event) => event.type)).toEqual(['product.created']);
    expect((await harness.stripe.events.list({ delivery_success: true })).data).toHaveLength(0);
  });

  it('delivers only enabled events to endpoints created through the API, with their own secret', async () => {
    receiver = await startWebhookReceiver();
    harness = await startHarness();
    const endpoint = await harness.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['product.created'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await harness.stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
    await harness.stripe.customers.create();
    await harness.stripe.products.create({ name: 'Only me' });
    await harness.emulator.waitForDeliveries();
    expect(receiver.received).toHaveLength(1);
    const event = harness.stripe.webhooks.constructEvent(
      receiver.received[0]?.body ?? '',
      receiver.received[0]?.signature ?? '',
      endpoint.secret ?? '',
    );
    expect(event.type).toBe('product.created');
  });
});
