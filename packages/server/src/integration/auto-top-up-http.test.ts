import { routes } from '@billing-kit/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { signTestToken, TEST_API_KEY } from '../test/tokens.js';

let world: EmulatedStripe;
let token: string;
const accountId = 'acct_topup';
const api = (path: string) => `/api/billing/accounts/${accountId}${path}`;
const call = (...args: Parameters<EmulatedStripe['harness']['server']['request']>) =>
  world.harness.server.request(...args);

beforeAll(async () => {
  world = await startWithEmulatedStripe();
  token = await signTestToken({ sub: 'user_topup', account_id: accountId, email: 'top@example.com' });
});
afterAll(() => world.close());

const settings = { enabled: true, packId: 'credits_100', threshold: 50, maxPerMonth: 2 };

describe('auto top-up over HTTP', () => {
  it('refuses bad settings with a clear 4xx and a card-less account with 409, keeping nothing', async () => {
    const put = (feature: string, json: unknown) =>
      call('PUT', api(`/auto-top-ups/${feature}`), {
        token,
        json,
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
    const noCard = await put('credits', settings);
    expect(noCard.status).toBe(409);
    expect(noCard.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/add a card/i),
    });
    const zero = await put('credits', { ...settings, threshold: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.issues).toEqual([expect.objectContaining({ field: 'body.threshold' })]);
    const pooled = await put('image_generation', settings);
    expect(pooled.status).toBe(400);
    expect(pooled.body.error.details.issues).toEqual([expect.objectContaining({ field: 'params.feature' })]);
    const listed = await call('GET', api('/auto-top-ups'), { token });
    expect(listed.status).toBe(200);
    expect(routes.getAutoTopUps.responses[200].parse(listed.body)).toEqual({
      accountId,
      data: [],
      attempts: [],
    });
  });

  it('after checkout saved a card, buys a pack once when usage crosses the threshold, webhook or not', async () => {
    const checkout = await call('POST', api('/checkout'), {
      token,
      json: {
        item: { kind: 'plan', planId: 'pro', interval: 'month' },
        successUrl: 'https://app.example.com/billing/success',
        cancelUrl: 'https://app.example.com/billing',
      },
      headers: { 'idempotency-key': 'checkout-topup' },
    });
    expect(checkout.status).toBe(201);
    await payOnHostedCheckout(checkout.body.url);
    await world.emulator.waitForDeliveries();

    const saved = await call('PUT', api('/auto-top-ups/credits'), {
      token,
      json: settings,
      headers: { 'idempotency-key': 'topup-on' },
    });
    expect(saved.status).toBe(200);
    expect(routes.setAutoTopUp.responses[200].parse(saved.body)).toMatchObject({
      feature: 'credits',
      enabled: true,
      units: 100,
      price: { amount: 900, currency: 'USD' },
      usedThisMonth: 0,
      disabledReason: null,
    });

    const tracked = await call('POST', api('/track'), {
      apiKey: TEST_API_KEY,
      json: { feature: 'credits', amount: 360 },
      headers: { 'idempotency-key': 'topup-track' },
    });
    expect(tracked.status).toBe(200);
    expect(tracked.body.remaining).toBe(40);
    // The charge runs after the answer; then Stripe's payment_intent.succeeded reports it again.
    const listed = await vi.waitFor(
      async () => {
        const body = routes.getAutoTopUps.responses[200].parse(
          (await call('GET', api('/auto-top-ups'), { token })).body,
        );
        if (body.attempts[0]?.status !== 'paid') throw new Error('not paid yet');
        return body;
      },
      { timeout: 10_000, interval: 50 },
    );
    await world.emulator.waitForDeliveries();
    expect(listed.attempts).toEqual([
      expect.objectContaining({ status: 'paid', balanceBefore: 400, balanceAfter: 40, failure: null }),
    ]);
    expect(listed.data[0]?.usedThisMonth).toBe(1);
    const credits = (await call('GET', api('/credits'), { token })).body;
    const balance = credits.balances.find(
      (candidate: { feature: string }) => candidate.feature === 'credits',
    );
    expect(balance.available).toBe(140);
    expect(balance.grants.filter((grant: { source: string }) => grant.source === 'top_up')).toHaveLength(1);
    const purchases = (await call('GET', api('/purchases'), { token })).body;
    expect(purchases.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          packageId: 'credits_100',
          name: '100 credits (auto top-up)',
          status: 'succeeded',
          amount: { amount: 900, currency: 'USD' },
        }),
      ]),
    );
    const failed = world.emulator.deliveries().filter((delivery) => delivery.status !== 'delivered');
    expect(failed).toEqual([]);
  });
});
