import * as z from 'zod/mini';
import { Slug } from './primitives.js';

/**
 * What a product meters or gates. `metered` is consumed (credits, tokens), `limit` is a static cap the
 * host reports counts against (seats, projects), `boolean` is simply on or off (sso).
 */
export const FeatureKind = z.enum(['metered', 'limit', 'boolean']).check(z.meta({ id: 'FeatureKind' }));
export type FeatureKind = z.infer<typeof FeatureKind>;

/**
 * A feature priced in another metered feature, its credit pool: one use costs `amount` units of `pool`
 * (an image costs 5 credits). Checks and tracks of it spend the pool's grants; answers are in pool units.
 */
export const CreditCost = z
  .object({ pool: Slug, amount: z.int().check(z.positive()) })
  .check(z.meta({ id: 'CreditCost' }));
export type CreditCost = z.infer<typeof CreditCost>;

export const Feature = z
  .object({
    key: Slug,
    name: z.string().check(z.minLength(1), z.maxLength(80)),
    kind: FeatureKind,
    unit: z
      .optional(
        z.object({ singular: z.string().check(z.minLength(1)), plural: z.string().check(z.minLength(1)) }),
      )
      .check(z.describe('How to name amounts of it: "credit"/"credits".')),
    description: z.optional(z.string().check(z.maxLength(500))),
    creditCost: z
      .optional(CreditCost)
      .check(
        z.describe(
          'Set when each unit is paid in units of a credit pool; plans give allowances to the pool instead.',
        ),
      ),
  })
  .check(z.meta({ id: 'Feature' }));
export type Feature = z.infer<typeof Feature>;

/** When a metered allowance comes back: every day, every calendar month, or every billing period. */
export const ResetInterval = z
  .enum(['day', 'month', 'billing_period'])
  .check(z.meta({ id: 'ResetInterval' }));
export type ResetInterval = z.infer<typeof ResetInterval>;
