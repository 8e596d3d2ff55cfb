import { z } from 'zod';
import { Slug } from './primitives.js';

/**
 * What a product meters or gates. `metered` is consumed (credits, tokens), `limit` is a static cap the
 * host reports counts against (seats, projects), `boolean` is simply on or off (sso).
 */
export const FeatureKind = z.enum(['metered', 'limit', 'boolean']).meta({ id: 'FeatureKind' });
export type FeatureKind = z.infer<typeof FeatureKind>;

export const Feature = z
  .object({
    key: Slug,
    name: z.string().min(1).max(80),
    kind: FeatureKind,
    unit: z
      .object({ singular: z.string().min(1), plural: z.string().min(1) })
      .optional()
      .describe('How to name amounts of it: "credit"/"credits".'),
    description: z.string().max(500).optional(),
  })
  .meta({ id: 'Feature' });
export type Feature = z.infer<typeof Feature>;

/** When a metered allowance comes back: every day, every calendar month, or every billing period. */
export const ResetInterval = z.enum(['day', 'month', 'billing_period']).meta({ id: 'ResetInterval' });
export type ResetInterval = z.infer<typeof ResetInterval>;
