import * as z from 'zod/mini';
import { Id, Money, Slug, Timestamp } from './primitives.js';

const units = () => z.int().check(z.nonnegative());

/**
 * Opting an account in to (or out of) buying a credit pack by itself when a feature's balance runs low.
 * The feature is the one whose grants the pack adds to: a metered feature, or the credit pool features are
 * priced in.
 */
export const AutoTopUpRequest = z
  .object({
    enabled: z.boolean(),
    /** The credit pack to buy; it must add credits to this feature. */
    packId: Slug,
    quantity: z._default(
      z.int().check(z.minimum(1), z.maximum(100), z.describe('Packs bought each time.')),
      1,
    ),
    threshold: z
      .int()
      .check(
        z.minimum(1),
        z.maximum(1_000_000_000),
        z.describe(
          'Buy when usage or a reservation takes the available balance from at least this many units to fewer.',
        ),
      ),
    maxPerMonth: z
      .int()
      .check(
        z.minimum(1),
        z.maximum(100),
        z.describe('At most this many top-ups a calendar month (UTC); a crossing past the cap buys nothing.'),
      ),
  })
  .check(z.meta({ id: 'AutoTopUpRequest' }));
export type AutoTopUpRequest = z.input<typeof AutoTopUpRequest>;

export const AutoTopUpParams = z.object({ accountId: Id, feature: Slug });

export const AutoTopUpAttemptStatus = z
  .enum(['pending', 'paid', 'failed', 'capped'])
  .check(
    z.describe(
      '`pending` until Stripe answers; `capped` when the monthly cap was already reached (nothing charged).',
    ),
    z.meta({ id: 'AutoTopUpAttemptStatus' }),
  );
export type AutoTopUpAttemptStatus = z.infer<typeof AutoTopUpAttemptStatus>;

/** One threshold crossing and what it bought. */
export const AutoTopUpAttempt = z
  .object({
    id: Id,
    feature: Slug,
    packId: Slug,
    quantity: z.int().check(z.positive()),
    status: AutoTopUpAttemptStatus,
    price: Money,
    balanceBefore: units().check(z.describe('Available units before the usage that crossed the threshold.')),
    balanceAfter: units().check(z.describe('Available units right after it.')),
    createdAt: Timestamp,
    settledAt: z
      .nullable(Timestamp)
      .check(z.describe('When it was paid or failed; a `capped` attempt is settled when it is recorded.')),
    failure: z
      .nullable(z.object({ code: z.string(), message: z.string() }))
      .check(z.describe('Why the charge failed (a declined card, no saved card); never retried by itself.')),
  })
  .check(z.meta({ id: 'AutoTopUpAttempt' }));
export type AutoTopUpAttempt = z.infer<typeof AutoTopUpAttempt>;

/** An account's auto top-up of one feature, as it stands. */
export const AutoTopUp = z
  .object({
    feature: Slug,
    enabled: z.boolean(),
    packId: Slug,
    quantity: z.int().check(z.positive()),
    threshold: z.int().check(z.positive()),
    maxPerMonth: z.int().check(z.positive()),
    /** What one top-up charges the saved card. */
    price: Money,
    units: z.int().check(z.positive(), z.describe('Units one top-up adds.')),
    usedThisMonth: units().check(z.describe('Top-ups paid or pending this calendar month (UTC).')),
    disabledReason: z
      .nullable(z.string())
      .check(
        z.describe(
          'Set when the server turned it off after a failed charge; saving it with `enabled: true` turns it back on and clears this.',
        ),
      ),
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'AutoTopUp' }));
export type AutoTopUp = z.infer<typeof AutoTopUp>;

export const AutoTopUps = z
  .object({
    accountId: Id,
    data: z.array(AutoTopUp).check(z.describe('One per feature the account has set up, by feature.')),
    attempts: z.array(AutoTopUpAttempt).check(z.describe('The 20 most recent attempts, newest first.')),
  })
  .check(z.meta({ id: 'AutoTopUps' }));
export type AutoTopUps = z.infer<typeof AutoTopUps>;
