import { catalogFromConfig, demoCatalog } from '@billing-kit/contracts';
import { type StripeEmulatorHandle, startStripeEmulator } from '@billing-kit/stripe-emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { createStripeGateway, type StripeGateway, stripeClientOptions } from '../stripe/stripe-gateway.js';
import { EMULATOR_SECRET_KEY } from '../test/emulator-harness.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { createBillingEngine } from './engine.js';
import { meterEventName } from './usage-reporter.js';

let emulator: StripeEmulatorHandle;
let stripe: Stripe;
let gateway: StripeGateway;
let harness: EngineHarness;
let customerId: string;

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0, billingTickMs: 0 });
  const settings = { secretKey: EMULATOR_SECRET_KEY, apiBase: emulator.url };
  gateway = createStripeGateway(settings);
  stripe = new Stripe(EMULATOR_SECRET_KEY, stripeClientOptions(emulator.url));
  harness = await createEngineHarness({ stripe: gateway, now: new Date() });
  await syncCatalog(harness.db, gateway, demoCatalog);
  const customer = await stripe.customers.create({
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  customerId = customer.id;
  await harness.createAccount('voice');
  await harness.db.query('UPDATE accounts SET stripe_customer_id = $2 WHERE id = $1', ['voice', customerId]);
  await harness.subscribe('voice', 'pro');
});
afterAll(async () => {
  await harness?.close();
  await emulator?.stop();
});

/** A gateway whose process "dies" right after Stripe accepted its `crashAfter`-th call. */
function crashingGateway(crashAfter: number): StripeGateway {
  let calls = 0;
  return {
    ...gateway,
    async call(operation) {
      const result = await gateway.call(operation);
      calls += 1;
      if (calls === crashAfter) throw new Error('process killed after Stripe answered');
      return result;
    },
  };
}

async function meteredTotal(): Promise<number> {
  const meters = await stripe.billing.meters.list({ status: 'active' });
  const meter = meters.data.find((candidate) => candidate.event_name === meterEventName('voice_words'));
  if (!meter) throw new Error('catalog sync created no voice_words meter');
  const summaries = await stripe.billing.meters.listEventSummaries(meter.id, {
    customer: customerId,
    start_time: 0,
    end_time: Math.floor(Date.now() / 1000) + 86_400,
  });
  return summaries.data.reduce((sum, summary) => sum + summary.aggregated_value, 0);
}

describe('usage billing', () => {
  it('usage is reported to Stripe exactly once per event, even if the reporter crashes and restarts mid-batch', async () => {
    const amounts = [1200, 300, 4500, 800, 200];
    for (const [index, amount] of amounts.entries()) {
      const tracked = await harness.engine.track('voice', {
        feature: 'voice_words',
        amount,
        idempotencyKey: `w${index}`,
      });
      expect(tracked.overageUnits).toBe(amount);
    }
    const crashing = createBillingEngine({
      db: harness.db,
      catalog: async () => catalogFromConfig(demoCatalog),
      now: () => new Date(),
      stripe: crashingGateway(3),
    });
    await expect(crashing.reportUsage()).rejects.toThrow('process killed');
    // Three events reached Stripe, two were marked: the third is still pending and will be sent again.
    const restarted = await harness.engine.reportUsage();
    expect(restarted).toEqual({ reported: 3, failed: 0 });
    expect(await harness.engine.reportUsage()).toEqual({ reported: 0, failed: 0 });
    // In billing units: thousands of words, the unit the metered overage price is quoted in.
    expect(await meteredTotal()).toBeCloseTo(amounts.reduce((sum, amount) => sum + amount, 0) / 1000, 9);
  });

  it('billing usage now invoices pending overage at once, and a second run bills nothing more', async () => {
    await harness.engine.track('voice', { feature: 'voice_words', amount: 2500, idempotencyKey: 'now-1' });
    await harness.engine.track('voice', { feature: 'voice_words', amount: 1000, idempotencyKey: 'now-2' });
    const billed = await harness.engine.billUsage({ accountId: 'voice' });
    expect(billed.reportedEvents).toBe(2);
    expect(billed.invoices).toHaveLength(1);
    // $1.00 per 1,000 words: 2,500 → 250¢, 1,000 → 100¢.
    expect(billed.invoices[0]?.total).toEqual({ amount: 350, currency: 'USD' });
    const invoice = await stripe.invoices.retrieve(billed.invoices[0]?.invoiceId as string);
    expect(invoice.status).not.toBe('draft');
    expect(await harness.engine.billUsage({ accountId: 'voice' })).toEqual({
      reportedEvents: 0,
      invoices: [],
    });
    // Usage billed now is not also sent as meter events.
    expect(await harness.engine.reportUsage()).toEqual({ reported: 0, failed: 0 });
  });
});
