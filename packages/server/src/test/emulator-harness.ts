import {
  payHostedCheckout,
  type StripeEmulatorHandle,
  startStripeEmulator,
} from '@billing-kit/stripe-emulator';
import Stripe from 'stripe';
import { createStripeGateway, stripeClientOptions } from '../stripe/stripe-gateway.js';
import { createTestApp, type TestApp } from './test-app.js';

export const EMULATOR_SECRET_KEY = 'sk_test_billing_kit_server';

export interface EmulatedStripe {
  emulator: StripeEmulatorHandle;
  /** The SDK pointed at the emulator, for assertions and for replaying events. */
  stripe: Stripe;
  harness: TestApp;
  close(): Promise<void>;
}

/** The billing server on a test database, its Stripe the emulator, the emulator's webhooks pointed at it. */
export async function startWithEmulatedStripe(): Promise<EmulatedStripe> {
  const emulator = await startStripeEmulator({ port: 0, retrySchedule: [200, 500, 1_000] });
  const settings = {
    secretKey: EMULATOR_SECRET_KEY,
    webhookSecret: emulator.webhookSecret,
    apiBase: emulator.url,
  };
  const harness = await createTestApp({ stripe: createStripeGateway(settings) });
  emulator.addWebhookEndpoint(`${harness.server.url}/api/billing/webhooks/stripe`, emulator.webhookSecret);
  return {
    emulator,
    stripe: new Stripe(EMULATOR_SECRET_KEY, stripeClientOptions(emulator.url)),
    harness,
    async close() {
      await harness.close();
      await emulator.stop();
    },
  };
}

/** Pays on the emulator's hosted checkout page as a browser without JavaScript would. */
export async function payOnHostedCheckout(url: string, card = '4242 4242 4242 4242'): Promise<void> {
  const { status } = await payHostedCheckout(url, { card });
  if (status >= 400) throw new Error(`Hosted checkout answered ${status}`);
}

/** Signs an event as Stripe would for `secret`, for replaying deliveries. */
export function signedDelivery(event: Stripe.Event, secret: string): { raw: string; signature: string } {
  const raw = JSON.stringify(event);
  return { raw, signature: Stripe.webhooks.generateTestHeaderString({ payload: raw, secret }) };
}
