import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from '../test/catalog.js';
import { advanceClock, type Harness, startHarness } from '../test/harness.js';

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

describe('v2 meter events', () => {
  it('records single events and the high-throughput stream, billed on the next invoice', async () => {
    const start = Date.UTC(2026, 3, 1) / 1000;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await stripe.customers.create({
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: catalog.apiCalls.id }],
    });
    const at = new Date((start + 60) * 1000).toISOString();
    const single = await stripe.v2.billing.meterEvents.create({
      event_name: 'api_call',
      payload: { stripe_customer_id: customer.id, value: '10' },
      identifier: 'v2-single',
      timestamp: at,
    });
    expect(single.object).toBe('v2.billing.meter_event');
    expect(single.timestamp).toBe(at);

    const session = await stripe.v2.billing.meterEventSession.create();
    expect(session.authentication_token).toMatch(/^mes_auth_/);
    const streamer = new Stripe(session.authentication_token, {
      ...harness.emulator.stripeConfig,
      maxNetworkRetries: 0,
    });
    await streamer.v2.billing.meterEventStream.create({
      events: [
        {
          event_name: 'api_call',
          payload: { stripe_customer_id: customer.id, value: '5' },
          identifier: 's1',
          timestamp: at,
        },
        {
          event_name: 'api_call',
          payload: { stripe_customer_id: customer.id, value: '5' },
          identifier: 's1',
          timestamp: at,
        },
        {
          event_name: 'api_call',
          payload: { stripe_customer_id: customer.id, value: '7' },
          identifier: 's2',
          timestamp: at,
        },
      ],
    });
    await expect(streamer.customers.list()).rejects.toMatchObject({ statusCode: 401 });

    await advanceClock(stripe, clock.id, (subscription.items.data[0]?.current_period_end ?? 0) + 60);
    const renewal = (await stripe.invoices.list({ subscription: subscription.id, limit: 1 })).data[0];
    expect(renewal?.lines.data[0]?.quantity).toBe(22);
    expect(renewal?.amount_paid).toBe(44);
    const summary = await stripe.billing.meters.listEventSummaries(catalog.meter.id, {
      customer: customer.id,
      start_time: start,
      end_time: start + 3600,
    });
    expect(summary.data[0]?.aggregated_value).toBe(22);
  });
});
