import * as z from 'zod/mini';
import type { AddOn, Catalog, CreditPack, Plan, PlanEntitlement, PlanPrice } from './catalog.js';
import { RolloverOnPlanChange } from './catalog.js';
import { ensureEnglishMessages } from './english-messages.js';
import { type Feature, FeatureKind, ResetInterval } from './features.js';
import { CurrencyCode, Slug } from './primitives.js';

ensureEnglishMessages();

const nonNegativeInt = () => z.int().check(z.nonnegative());
const positiveInt = () => z.int().check(z.positive());
const nonEmpty = () => z.string().check(z.minLength(1));

/** A price in the catalog's currency, with optional prices in other currencies (minor units). */
const PriceConfig = z.strictObject({
  amount: nonNegativeInt(),
  currencyOptions: z.optional(z.record(CurrencyCode, nonNegativeInt())),
});

const Unlimited = z.literal('unlimited');

const MeteredEntitlementConfig = z.strictObject({
  allowance: z.union([nonNegativeInt(), Unlimited]),
  reset: z._default(ResetInterval, 'month'),
  /** Usage past the allowance is billed: `amount` minor units per `per` units. Without it, usage stops at 0. */
  overage: z.optional(z.strictObject({ amount: positiveInt(), per: z._default(positiveInt(), 1) })),
  /** Unused allowance carried on: at most `max` units in at once, each carry living `periods` more periods. */
  rollover: z.optional(
    z.strictObject({
      max: positiveInt(),
      periods: z.int().check(z.minimum(1), z.maximum(12)),
      /** Overrides the config's `rolloverOnPlanChange` for this allowance. */
      onPlanChange: z.optional(RolloverOnPlanChange),
    }),
  ),
});

const LimitEntitlementConfig = z.strictObject({ limit: z.union([nonNegativeInt(), Unlimited]) });

/** `true`/`false` for boolean features, `{ allowance }` for metered ones, `{ limit }` for limits. */
const EntitlementConfig = z.union([z.boolean(), MeteredEntitlementConfig, LimitEntitlementConfig]);
const EntitlementsConfig = z.record(Slug, EntitlementConfig);

const FeatureConfig = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  kind: FeatureKind,
  unit: z.optional(z.strictObject({ singular: nonEmpty(), plural: nonEmpty() })),
  description: z.optional(z.string().check(z.maxLength(500))),
  /** Priced in a credit pool (another metered feature): each unit spends `amount` of the pool. */
  creditCost: z.optional(z.strictObject({ pool: Slug, amount: positiveInt() })),
});

const PlanConfig = z.strictObject({
  name: nonEmpty(),
  description: z._default(z.string(), ''),
  /** The free tier every account without a paid subscription is on. Exactly one plan is free. */
  free: z._default(z.boolean(), false),
  highlight: z._default(z.boolean(), false),
  trialDays: z.optional(z.int().check(z.minimum(1), z.maximum(730))),
  contactSales: z.optional(z.strictObject({ label: nonEmpty(), url: z.url() })),
  prices: z._default(z.strictObject({ month: z.optional(PriceConfig), year: z.optional(PriceConfig) }), {}),
  entitlements: z._default(EntitlementsConfig, {}),
});

const CreditPackConfig = z.strictObject({
  name: nonEmpty(),
  description: z._default(z.string(), ''),
  feature: Slug,
  units: positiveInt(),
  expiresInDays: z.optional(positiveInt()),
  price: PriceConfig,
});

const AddOnConfig = z.strictObject({
  name: nonEmpty(),
  description: z._default(z.string(), ''),
  interval: z._default(z.enum(['month', 'year']), 'month'),
  price: PriceConfig,
  entitlements: EntitlementsConfig,
});

/** The catalog a team edits in `billing.config.ts`. Plans are ranked in the order they are written. */
export const BillingConfig = z
  .strictObject({
    currency: z._default(CurrencyCode, 'USD'),
    features: z.record(Slug, FeatureConfig),
    plans: z.record(Slug, PlanConfig),
    creditPacks: z._default(z.record(Slug, CreditPackConfig), {}),
    addOns: z._default(z.record(Slug, AddOnConfig), {}),
    /**
     * What a plan change does to units rolled over under the plan left: `keep` them live until they
     * expire, or `forfeit` them at the change (audited, with a ledger entry saying why).
     */
    rolloverOnPlanChange: z._default(RolloverOnPlanChange, 'keep'),
  })
  .check(
    z.superRefine((config, ctx) => {
      const freePlans = Object.entries(config.plans).filter(([, plan]) => plan.free);
      if (freePlans.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans'],
          message: `exactly one plan must be free (found ${freePlans.length})`,
        });
      }
      const checkEntitlements = (
        path: (string | number)[],
        entitlements: Record<string, EntitlementConfigValue>,
      ) => {
        for (const [featureKey, entitlement] of Object.entries(entitlements)) {
          const feature = config.features[featureKey];
          if (!feature) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, featureKey],
              message: `unknown feature "${featureKey}"`,
            });
            continue;
          }
          if (feature.creditCost) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, featureKey],
              message: `"${featureKey}" is priced in "${feature.creditCost.pool}"; give the allowance to the pool`,
            });
            continue;
          }
          const shape = entitlementKindOf(entitlement);
          if (shape !== feature.kind) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, featureKey],
              message: `feature "${featureKey}" is ${feature.kind}; ${expectedShape[feature.kind]}`,
            });
          }
        }
      };
      for (const [featureKey, feature] of Object.entries(config.features)) {
        if (!feature.creditCost) continue;
        const path = ['features', featureKey, 'creditCost', 'pool'];
        const pool = config.features[feature.creditCost.pool];
        const problem =
          feature.kind !== 'metered'
            ? 'only a metered feature can be priced in a credit pool'
            : !pool
              ? `unknown feature "${feature.creditCost.pool}"`
              : pool.kind !== 'metered'
                ? `the pool "${feature.creditCost.pool}" is not a metered feature`
                : pool.creditCost
                  ? `the pool "${feature.creditCost.pool}" is itself priced in a pool`
                  : null;
        if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
      }
      for (const [planId, plan] of Object.entries(config.plans)) {
        checkEntitlements(['plans', planId, 'entitlements'], plan.entitlements);
        const priced = plan.prices.month !== undefined || plan.prices.year !== undefined;
        if (plan.free && (priced || plan.contactSales)) {
          ctx.addIssue({ code: 'custom', path: ['plans', planId], message: 'the free plan has no prices' });
        }
        if (!plan.free && !priced && !plan.contactSales) {
          ctx.addIssue({
            code: 'custom',
            path: ['plans', planId, 'prices'],
            message: 'a paid plan needs a price or contactSales',
          });
        }
      }
      for (const [packId, pack] of Object.entries(config.creditPacks)) {
        const feature = config.features[pack.feature];
        if (feature?.kind !== 'metered' || feature.creditCost) {
          ctx.addIssue({
            code: 'custom',
            path: ['creditPacks', packId, 'feature'],
            message: feature?.creditCost
              ? `"${pack.feature}" is priced in "${feature.creditCost.pool}"; a pack grants the pool`
              : `"${pack.feature}" is not a metered feature`,
          });
        }
      }
      for (const [addOnId, addOn] of Object.entries(config.addOns)) {
        checkEntitlements(['addOns', addOnId, 'entitlements'], addOn.entitlements);
      }
    }),
  );

export type BillingConfig = z.output<typeof BillingConfig>;
export type BillingConfigInput = z.input<typeof BillingConfig>;
type EntitlementConfigValue = z.output<typeof EntitlementConfig>;

const expectedShape = {
  metered: 'give it { allowance, reset }',
  limit: 'give it { limit }',
  boolean: 'give it true or false',
} as const;

function entitlementKindOf(entitlement: EntitlementConfigValue): FeatureKind {
  if (typeof entitlement === 'boolean') return 'boolean';
  return 'allowance' in entitlement ? 'metered' : 'limit';
}

export class BillingConfigError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `Invalid billing config:\n${issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'BillingConfigError';
  }
}

/** Validates a catalog config, throwing a `BillingConfigError` that names every bad field. */
export function defineBillingConfig(input: BillingConfigInput): BillingConfig {
  const parsed = BillingConfig.safeParse(input);
  if (!parsed.success) {
    throw new BillingConfigError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

function pricesOf(config: BillingConfig, price: z.output<typeof PriceConfig>) {
  const others = Object.entries(price.currencyOptions ?? {}).filter(
    ([currency]) => currency !== config.currency,
  );
  return [
    { amount: price.amount, currency: config.currency },
    ...others.map(([currency, amount]) => ({ amount, currency })),
  ];
}

function toEntitlement(
  featureKey: string,
  kind: FeatureKind,
  value: EntitlementConfigValue | undefined,
  config: BillingConfig,
): PlanEntitlement {
  const limitOf = (amount: number | 'unlimited') => (amount === 'unlimited' ? null : amount);
  if (kind === 'boolean') return { feature: featureKey, kind, enabled: value === true };
  if (kind === 'limit') {
    return {
      feature: featureKey,
      kind,
      limit: value && typeof value === 'object' && 'limit' in value ? limitOf(value.limit) : 0,
    };
  }
  const metered = value && typeof value === 'object' && 'allowance' in value ? value : undefined;
  return {
    feature: featureKey,
    kind,
    allowance: metered ? limitOf(metered.allowance) : 0,
    reset: metered?.reset ?? 'month',
    overage: metered?.overage
      ? { price: { amount: metered.overage.amount, currency: config.currency }, per: metered.overage.per }
      : null,
    rollover: metered?.rollover
      ? {
          max: metered.rollover.max,
          periods: metered.rollover.periods,
          onPlanChange: metered.rollover.onPlanChange ?? config.rolloverOnPlanChange,
        }
      : null,
  };
}

/**
 * The catalog as the API serves it. Plans list every feature (absent ones as zero or off) so pricing
 * tables can compare plans column by column — except features priced in a credit pool, which the pool's
 * entitlement covers; add-ons list only what they add.
 */
export function catalogFromConfig(config: BillingConfig): Catalog {
  const features: Feature[] = Object.entries(config.features).map(([key, feature]) => ({ key, ...feature }));
  const plans: Plan[] = Object.entries(config.plans).map(([id, plan], rank) => {
    const prices: PlanPrice[] = (['month', 'year'] as const).flatMap((interval) => {
      const price = plan.prices[interval];
      return price ? pricesOf(config, price).map((money) => ({ interval, price: money })) : [];
    });
    return {
      type: 'plan',
      id,
      name: plan.name,
      description: plan.description,
      rank,
      isFree: plan.free,
      highlight: plan.highlight,
      trialDays: plan.trialDays ?? null,
      contactSales: plan.contactSales ?? null,
      prices,
      // A feature priced in a pool has no allowance of its own: the pool's entitlement is what it spends.
      entitlements: features
        .filter((feature) => !feature.creditCost)
        .map((feature) => toEntitlement(feature.key, feature.kind, plan.entitlements[feature.key], config)),
    };
  });
  const creditPacks: CreditPack[] = Object.entries(config.creditPacks).map(([id, pack]) => ({
    type: 'credit_pack',
    id,
    name: pack.name,
    description: pack.description,
    feature: pack.feature,
    units: pack.units,
    expiresInDays: pack.expiresInDays ?? null,
    prices: pricesOf(config, pack.price),
  }));
  const addOns: AddOn[] = Object.entries(config.addOns).map(([id, addOn]) => ({
    type: 'add_on',
    id,
    name: addOn.name,
    description: addOn.description,
    interval: addOn.interval,
    prices: pricesOf(config, addOn.price),
    entitlements: Object.entries(addOn.entitlements).map(([featureKey, value]) =>
      toEntitlement(featureKey, config.features[featureKey]?.kind ?? 'boolean', value, config),
    ),
  }));
  return { features, plans, creditPacks, addOns };
}
