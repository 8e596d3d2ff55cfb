import Stripe from 'stripe';
import { type StripeEmulatorHandle, type StripeEmulatorOptions, startStripeEmulator } from '../emulator.js';

process.env.STRIPE_SUPPRESS_NOTICES = 'true';

export interface Harness {
  emulator: StripeEmulatorHandle;
  stripe: Stripe;
}

export async function startHarness(options: StripeEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startStripeEmulator({ retrySchedule: [20, 40, 80], ...options });
  const stripe = new Stripe('sk_test_billing_kit', { ...emulator.stripeConfig, maxNetworkRetries: 0 });
  return { emulator, stripe };
}

/** Advances a test clock and waits until Stripe (the emulator) reports it `ready`. */
export async function advanceClock(stripe: Stripe, clockId: string, frozenTime: number): Promise<void> {
  await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  for (let attempt = 0; attempt < 500; attempt++) {
    const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
    if (clock.status === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Test clock ${clockId} did not become ready`);
}

export const day = 86_400;
