import * as z from 'zod/mini';
import { Feature, ResetInterval } from './features.js';
import { BillingInterval, Limit, Money, Slug } from './primitives.js';

/** What a plan change does to units rolled over under the plan left: kept until they expire, or forfeited. */
export const RolloverOnPlanChange = z.enum(['keep', 'forfeit']).check(z.meta({ id: 'RolloverOnPlanChange' }));
export type RolloverOnPlanChange = z.infer<typeof RolloverOnPlanChange>;

/**
 * Unused allowance carried into later periods: at most `max` units carried in at once (older carries
 * still live included), each carry living `periods` more periods. Carried units are spent first.
 */
export const Rollover = z
  .object({
    max: z.int().check(z.positive()),
    periods: z.int().check(z.minimum(1), z.maximum(12)),
    onPlanChange: z._default(RolloverOnPlanChange, 'keep'),
  })
  .check(z.meta({ id: 'Rollover' }));
export type Rollover = z.infer<typeof Rollover>;

/** Usage past the allowance, billed through Stripe: `price` per `per` units ($1.00 per 1,000 words). */
export const Overage = z
  .object({ price: Money, per: z.int().check(z.positive()) })
  .check(z.meta({ id: 'Overage' }));
export type Overage = z.infer<typeof Overage>;

/** What a plan or add-on gives for one feature, by the feature's kind. */
export const PlanEntitlement = z
  .discriminatedUnion('kind', [
    z.object({
      feature: Slug,
      kind: z.literal('metered'),
      allowance: Limit,
      reset: ResetInterval,
      overage: z.nullable(Overage),
      rollover: z.nullable(Rollover),
    }),
    z.object({ feature: Slug, kind: z.literal('limit'), limit: Limit }),
    z.object({ feature: Slug, kind: z.literal('boolean'), enabled: z.boolean() }),
  ])
  .check(z.meta({ id: 'PlanEntitlement' }));
export type PlanEntitlement = z.infer<typeof PlanEntitlement>;

export const PlanPrice = z.object({ interval: BillingInterval, price: Money }).check(
  z.meta({
    id: 'PlanPrice',
    description: 'One recurring price of a plan; a plan lists one per interval and currency.',
  }),
);
export type PlanPrice = z.infer<typeof PlanPrice>;

export const ContactSales = z
  .object({ label: z.string().check(z.minLength(1)), url: z.url() })
  .check(z.meta({ id: 'ContactSales' }));

export const Plan = z
  .object({
    type: z.literal('plan'),
    id: Slug,
    name: z.string().check(z.minLength(1)),
    description: z.string(),
    rank: z
      .int()
      .check(z.describe('Order of plans from cheapest to richest; decides upgrade versus downgrade.')),
    isFree: z.boolean().check(z.describe('The free tier accounts fall back to.')),
    highlight: z.boolean(),
    trialDays: z.nullable(z.int().check(z.positive())),
    contactSales: z
      .nullable(ContactSales)
      .check(z.describe('Set for custom-priced plans (enterprise); no prices then.')),
    prices: z.array(PlanPrice),
    entitlements: z.array(PlanEntitlement),
  })
  .check(z.meta({ id: 'Plan' }));
export type Plan = z.infer<typeof Plan>;

export const CreditPack = z
  .object({
    type: z.literal('credit_pack'),
    id: Slug,
    name: z.string().check(z.minLength(1)),
    description: z.string(),
    feature: Slug,
    units: z.int().check(z.positive()),
    expiresInDays: z.nullable(z.int().check(z.positive())),
    prices: z.array(Money).check(z.minLength(1), z.describe('One price per currency.')),
  })
  .check(z.meta({ id: 'CreditPack' }));
export type CreditPack = z.infer<typeof CreditPack>;

export const AddOn = z
  .object({
    type: z.literal('add_on'),
    id: Slug,
    name: z.string().check(z.minLength(1)),
    description: z.string(),
    interval: BillingInterval,
    prices: z.array(Money).check(z.minLength(1), z.describe('One price per currency.')),
    entitlements: z.array(PlanEntitlement),
  })
  .check(z.meta({ id: 'AddOn' }));
export type AddOn = z.infer<typeof AddOn>;

export const PackageType = z.enum(['plan', 'credit_pack', 'add_on']).check(z.meta({ id: 'PackageType' }));
export type PackageType = z.infer<typeof PackageType>;

/** Anything that can be bought: a plan, a credit pack or an add-on. */
export const Package = z
  .discriminatedUnion('type', [Plan, CreditPack, AddOn])
  .check(z.meta({ id: 'Package' }));
export type Package = z.infer<typeof Package>;

export const Catalog = z
  .object({
    features: z.array(Feature),
    plans: z.array(Plan),
    creditPacks: z.array(CreditPack),
    addOns: z.array(AddOn),
  })
  .check(z.meta({ id: 'Catalog' }));
export type Catalog = z.infer<typeof Catalog>;
