import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error.js';
import { createStripeGateway, stripeClientOptions } from './stripe-gateway.js';

const webhookSecret = 'whsec_test_gateway';

describe('stripeClientOptions', () => {
  it('points the SDK at STRIPE_API_BASE by host, port and protocol', () => {
    expect(stripeClientOptions('http://127.0.0.1:12111')).toMatchObject({
      host: '127.0.0.1',
      port: '12111',
      protocol: 'http',
    });
    expect(stripeClientOptions(undefined)).not.toHaveProperty('host');
  });
});

describe('StripeGateway', () => {
  let failing: Server;
  let failingUrl: string;
  beforeAll(async () => {
    // A stand-in for an outage: every request is Stripe's own 500 answer.
    failing = createServer((_request, response) =>
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { type: 'api_error', message: 'Stripe is having a bad day' } })),
    );
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => failing.close(resolve)));

  it('answers not_configured naming STRIPE_SECRET_KEY when there is no key', async () => {
    const gateway = createStripeGateway({});
    const error = await gateway.call((stripe) => stripe.customers.list()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'not_configured', details: { missing: ['STRIPE_SECRET_KEY'] } });
  });

  it('maps an unreachable Stripe to stripe_unavailable', async () => {
    const gateway = createStripeGateway({ secretKey: 'sk_test_x', apiBase: 'http://127.0.0.1:1' });
    const error = await gateway.call((stripe) => stripe.customers.list()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillingError);
    expect(error).toMatchObject({ code: 'stripe_unavailable', status: 502 });
  });

  it('maps a failing Stripe to stripe_unavailable', async () => {
    const gateway = createStripeGateway({ secretKey: 'sk_test_x', apiBase: failingUrl });
    const error = await gateway.call((stripe) => stripe.customers.list()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'stripe_unavailable' });
  }, 30_000);

  it('verifies webhook signatures on the raw body and rejects anything else', () => {
    const gateway = createStripeGateway({ secretKey: 'sk_test_x', webhookSecret });
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created', data: {} });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    expect(gateway.verifyEvent(Buffer.from(payload), signature).id).toBe('evt_1');
    expect(() => gateway.verifyEvent(`${payload} `, signature)).toThrow(/does not match/);
    expect(() => gateway.verifyEvent(payload, undefined)).toThrow(/missing/);
  });
});
