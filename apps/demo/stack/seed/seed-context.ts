import type { Database } from '@billing-kit/server';
import type { StripeEmulatorHandle } from '@billing-kit/stripe-emulator';
import type Stripe from 'stripe';
import type { DemoTime } from '../demo-time.js';
import type { PersonaId } from '../personas.js';
import type { BillingApiCall } from './billing-calls.js';
import type { Random } from './random.js';

/** Everything seeding writes through: the billing API, the Stripe SDK on the emulator, the demo clock. */
export interface SeedContext {
  origin: string;
  apiKey: string;
  call: BillingApiCall;
  stripe: Stripe;
  emulator: StripeEmulatorHandle;
  database: Database;
  time: DemoTime;
  tokens: Record<PersonaId, string>;
  random: Random;
  /** Test clock per persona customer, filled in as each persona's story starts. */
  clocks: Partial<Record<PersonaId, string>>;
  log: (line: string) => void;
}

export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
