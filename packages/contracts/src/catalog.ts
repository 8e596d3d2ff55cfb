import { z } from 'zod';
import { Feature, ResetInterval } from './features.js';
import { BillingInterval, Limit, Money, Slug } from './primitives.js';

/** Unused allowance carried into later periods, at most `max` units, for `periods` periods. */
export const Rollover = z
  .object({ max: z.int().positive(), periods: z.int().min(1).max(12) })
  .meta({ id: 'Rollover' });
export type Rollover = z.infer<typeof Rollover>;

/** Usage past the allowance, billed through Stripe: `price` per `per` units ($1.00 per 1,000 words). */
export const Overage = z.object({ price: Money, per: z.int().positive() }).meta({ id: 'Overage' });
export type Overage = z.infer<typeof Overage>;

/** What a plan or add-on gives for one feature, by the feature's kind. */
export const PlanEntitlement = z
  .discriminatedUnion('kind', [
    z.object({
      feature: Slug,
      kind: z.literal('metered'),
      allowance: Limit,
      reset: ResetInterval,
      overage: Overage.nullable(),
      rollover: Rollover.nullable(),
    }),
    z.object({ feature: Slug, kind: z.literal('limit'), limit: Limit }),
    z.object({ feature: Slug, kind: z.literal('boolean'), enabled: z.boolean() }),
  ])
  .meta({ id: 'PlanEntitlement' });
export type PlanEntitlement = z.infer<typeof PlanEntitlement>;

export const PlanPrice = z.object({ interval: BillingInterval, price: Money }).meta({
  id: 'PlanPrice',
  description: 'One recurring price of a plan; a plan lists one per interval and currency.',
});
export type PlanPrice = z.infer<typeof PlanPrice>;

export const ContactSales = z.object({ label: z.string().min(1), url: z.url() }).meta({ id: 'ContactSales' });

export const Plan = z
  .object({
    type: z.literal('plan'),
    id: Slug,
    name: z.string().min(1),
    description: z.string(),
    rank: z.int().describe('Order of plans from cheapest to richest; decides upgrade versus downgrade.'),
    isFree: z.boolean().describe('The free tier accounts fall back to.'),
    highlight: z.boolean(),
    trialDays: z.int().positive().nullable(),
    contactSales: ContactSales.nullable().describe(
      'Set for custom-priced plans (enterprise); no prices then.',
    ),
    prices: z.array(PlanPrice),
    entitlements: z.array(PlanEntitlement),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const CreditPack = z
  .object({
    type: z.literal('credit_pack'),
    id: Slug,
    name: z.string().min(1),
    description: z.string(),
    feature: Slug,
    units: z.int().positive(),
    expiresInDays: z.int().positive().nullable(),
    prices: z.array(Money).min(1).describe('One price per currency.'),
  })
  .meta({ id: 'CreditPack' });
export type CreditPack = z.infer<typeof CreditPack>;

export const AddOn = z
  .object({
    type: z.literal('add_on'),
    id: Slug,
    name: z.string().min(1),
    description: z.string(),
    interval: BillingInterval,
    prices: z.array(Money).min(1).describe('One price per currency.'),
    entitlements: z.array(PlanEntitlement),
  })
  .meta({ id: 'AddOn' });
export type AddOn = z.infer<typeof AddOn>;

export const PackageType = z.enum(['plan', 'credit_pack', 'add_on']).meta({ id: 'PackageType' });
export type PackageType = z.infer<typeof PackageType>;

/** Anything that can be bought: a plan, a credit pack or an add-on. */
export const Package = z.discriminatedUnion('type', [Plan, CreditPack, AddOn]).meta({ id: 'Package' });
export type Package = z.infer<typeof Package>;

export const Catalog = z
  .object({
    features: z.array(Feature),
    plans: z.array(Plan),
    creditPacks: z.array(CreditPack),
    addOns: z.array(AddOn),
  })
  .meta({ id: 'Catalog' });
export type Catalog = z.infer<typeof Catalog>;
