import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './test/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.emulator.stop();
});

async function caught(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('errors', () => {
  it('refuses requests without a valid secret key', async () => {
    const live = new Stripe('sk_live_not_here', { ...harness.emulator.stripeConfig, maxNetworkRetries: 0 });
    const liveError = await caught(live.customers.list());
    expect(liveError.statusCode).toBe(401);
    expect(liveError.message).toContain('Invalid API Key provided');
    const wrong = new Stripe('pk_test_nope', { ...harness.emulator.stripeConfig, maxNetworkRetries: 0 });
    const error = await caught(wrong.customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
  });

  it('answers 404 resource_missing naming the param for unknown ids', async () => {
    const error = await caught(harness.stripe.customers.retrieve('cus_missing'));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
    expect(error.type).toBe('StripeInvalidRequestError');
    expect(error.message).toContain('cus_missing');
    const priceError = await caught(
      harness.stripe.subscriptions.create({
        customer: (await harness.stripe.customers.create()).id,
        items: [{ price: 'price_missing' }],
      }),
    );
    expect(priceError.code).toBe('resource_missing');
    expect(priceError.param).toBe('items[0][price]');
  });

  it('answers 400 naming the param for missing or invalid parameters', async () => {
    const missing = await caught(harness.stripe.products.create({} as Stripe.ProductCreateParams));
    expect(missing.statusCode).toBe(400);
    expect(missing.code).toBe('parameter_missing');
    expect(missing.param).toBe('name');
    const invalid = await caught(
      harness.stripe.prices.create({
        product_data: { name: 'X' },
        currency: 'usd',
        unit_amount: 100,
        recurring: { interval: 'fortnight' as 'month' },
      }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.param).toBe('recurring[interval]');
  });

  it('answers Stripe-style 404 for unknown endpoints', async () => {
    const error = await caught(harness.stripe.rawRequest('GET', '/v1/nothing_here'));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain('Unrecognized request URL');
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same key and params', async () => {
    const first = await harness.stripe.customers.create(
      { email: 'a@example.com' },
      { idempotencyKey: 'key-1' },
    );
    const second = await harness.stripe.customers.create(
      { email: 'a@example.com' },
      { idempotencyKey: 'key-1' },
    );
    expect(second.id).toBe(first.id);
    const all = await harness.stripe.customers.list({ email: 'a@example.com' });
    expect(all.data).toHaveLength(1);
  });

  it('rejects the same key with other params', async () => {
    await harness.stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'key-2' });
    const error = await caught(
      harness.stripe.customers.create({ email: 'c@example.com' }, { idempotencyKey: 'key-2' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.statusCode).toBe(400);
  });

  it('replays errors too', async () => {
    const first = await caught(
      harness.stripe.customers.update('cus_nope', { name: 'x' }, { idempotencyKey: 'key-3' }),
    );
    const second = await caught(
      harness.stripe.customers.update('cus_nope', { name: 'x' }, { idempotencyKey: 'key-3' }),
    );
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.message).toBe(first.message);
  });
});

describe('unknown parameters', () => {
  it('refuses a parameter Stripe does not know, naming it', async () => {
    const error = await caught(
      harness.stripe.customers.create({ emial: 'typo@example.com' } as Stripe.CustomerCreateParams),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('parameter_unknown');
    expect(error.param).toBe('emial');
    expect(error.message).toBe('Received unknown parameter: emial');
  });
});

describe('unsupported features', () => {
  it('refuses parameters the emulator does not model instead of misbilling', async () => {
    const error = await caught(
      harness.stripe.prices.create({
        product_data: { name: 'Tiered' },
        currency: 'usd',
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        tiers: [{ up_to: 'inf', unit_amount: 1 }],
        recurring: { interval: 'month' },
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('emulator_unsupported');
    expect(error.param).toBe('tiers');
  });
});
