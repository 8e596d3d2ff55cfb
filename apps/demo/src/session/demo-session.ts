import type { BillingClient } from '@billing-kit/client';
import { z } from 'zod';

export const PersonaId = z.enum(['free', 'trialing', 'pro', 'past_due', 'enterprise', 'admin']);
export type PersonaId = z.infer<typeof PersonaId>;

/** Someone the viewer can be: a seeded user of the demo product, with the bearer token the billing API takes. */
export const Persona = z.object({
  id: PersonaId,
  label: z.string(),
  description: z.string(),
  /** The account this person bills; the operator persona may have none. */
  accountId: z.string().nullable(),
  role: z.enum(['member', 'admin']),
  email: z.string(),
  token: z.string(),
});
export type Persona = z.infer<typeof Persona>;

/** `GET /demo/session`, answered by the demo stack (apps/demo/stack) on the app's origin. */
export const LiveSessionResponse = z.object({
  mode: z.literal('live'),
  emulatorUrl: z.string(),
  now: z.iso.datetime({ offset: true }),
  personas: z.array(Persona).min(1),
});

/** `POST /demo/clock/advance`, answered once the emulator and the webhooks it sent are done. */
export const ClockAdvanceResponse = z.object({ now: z.iso.datetime({ offset: true }) });

export type ClockStep = 'day' | 'month';

/** What became of a redirect to Stripe (checkout or the billing portal). */
export type RedirectOutcome = 'left' | 'checkout_completed' | 'unavailable';

/**
 * Where the demo's data comes from: the live stack (server, emulator, test clock) or the MSW mocks.
 * The app renders the same either way; only this object differs.
 */
export interface DemoSession {
  readonly mode: 'live' | 'offline';
  readonly personas: readonly Persona[];
  /** The demo's clock when the session loaded: the emulator's test clock live, the mocks' fixed clock offline. */
  readonly now: string;
  /** Makes the persona's data the one the billing API answers with, before anything of theirs renders. */
  activate(persona: Persona): void;
  clientFor(persona: Persona): BillingClient;
  /** Moves the test clock on; `null` when the session has no clock to move (offline). */
  readonly advanceClock: ((by: ClockStep) => Promise<string>) | null;
  /** Follows a Stripe redirect: live it leaves the app; offline it settles checkout the way Stripe's webhook would. */
  followRedirect(url: string): RedirectOutcome;
}
