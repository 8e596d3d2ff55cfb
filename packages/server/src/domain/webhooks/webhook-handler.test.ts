import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeGateway } from '../../stripe/stripe-gateway.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

const webhookSecret = 'whsec_unit_test';
let harness: TestApp;

beforeAll(async () => {
  // Stripe "down": any call the handler makes fails, as during an outage.
  harness = await createTestApp({
    stripe: createStripeGateway({ secretKey: 'sk_test_down', webhookSecret, apiBase: 'http://127.0.0.1:1' }),
    syncToStripe: false,
  });
});
afterAll(() => harness.close());

function deliver(event: Record<string, unknown>) {
  const raw = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: webhookSecret });
  return harness.server.request('POST', '/api/billing/webhooks/stripe', {
    raw,
    headers: { 'stripe-signature': signature },
  });
}

const storedEvents = async () =>
  (await harness.db.query<{ id: string }>('SELECT id FROM stripe_events ORDER BY id')).rows.map(
    (row) => row.id,
  );

describe('Stripe webhooks', () => {
  it('stores an event it has no use for once, and answers a repeat as a duplicate', async () => {
    const event = {
      id: 'evt_unused',
      object: 'event',
      type: 'product.created',
      created: 1_790_000_000,
      livemode: false,
      data: { object: {} },
    };
    expect((await deliver(event)).body).toEqual({ received: true, duplicate: false });
    expect((await deliver(event)).body).toEqual({ received: true, duplicate: true });
    expect(await storedEvents()).toEqual(['evt_unused']);
  });

  it('stores an event exactly once when Stripe delivers it several times at the same moment', async () => {
    const event = {
      id: 'evt_concurrent',
      object: 'event',
      type: 'price.created',
      created: 1_790_000_100,
      livemode: false,
      data: { object: {} },
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(event)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(1);
    expect((await storedEvents()).filter((id) => id === 'evt_concurrent')).toHaveLength(1);
    const metrics = await harness.server.request('GET', '/metrics');
    expect(metrics.text).toContain(
      'billing_stripe_webhook_events_total{type="price.created",outcome="processed"} 1',
    );
    expect(metrics.text).toContain(
      'billing_stripe_webhook_events_total{type="price.created",outcome="duplicate"} 5',
    );
  });

  it('answers non-2xx and stores nothing when processing fails, so Stripe retries', async () => {
    const event = {
      id: 'evt_needs_stripe',
      object: 'event',
      type: 'customer.subscription.updated',
      created: 1_790_000_000,
      livemode: false,
      data: { object: { id: 'sub_x', object: 'subscription', customer: 'cus_unknown', items: { data: [] } } },
    };
    const response = await deliver(event);
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await storedEvents()).not.toContain('evt_needs_stripe');
  }, 30_000);

  it('rejects a delivery without a signature', async () => {
    const response = await harness.server.request('POST', '/api/billing/webhooks/stripe', { raw: '{}' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].field).toBe('headers.stripe-signature');
  });
});
