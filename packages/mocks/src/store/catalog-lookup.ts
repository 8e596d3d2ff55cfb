import type { AddOn, Catalog, CreditPack, Feature, Plan, PlanEntitlement } from '@billing-kit/contracts';

export function findPlan(catalog: Catalog, planId: string): Plan | undefined {
  return catalog.plans.find((plan) => plan.id === planId);
}

export function planOf(catalog: Catalog, planId: string): Plan {
  const plan = findPlan(catalog, planId);
  if (!plan) throw new Error(`The catalog has no plan "${planId}"`);
  return plan;
}

export function freePlanOf(catalog: Catalog): Plan {
  const plan = catalog.plans.find((candidate) => candidate.isFree);
  if (!plan) throw new Error('The catalog has no free plan');
  return plan;
}

export const findFeature = (catalog: Catalog, key: string): Feature | undefined =>
  catalog.features.find((feature) => feature.key === key);

export const findPack = (catalog: Catalog, packId: string): CreditPack | undefined =>
  catalog.creditPacks.find((pack) => pack.id === packId);

export const findAddOn = (catalog: Catalog, addOnId: string): AddOn | undefined =>
  catalog.addOns.find((addOn) => addOn.id === addOnId);

/** The catalog's own currency: the first price of anything priced. */
export function catalogCurrency(catalog: Catalog): string {
  const price = catalog.plans.flatMap((plan) => plan.prices)[0]?.price ?? catalog.creditPacks[0]?.prices[0];
  return price?.currency ?? 'USD';
}

export function planPrice(plan: Plan, interval: 'month' | 'year', currency: string): number | null {
  return (
    plan.prices.find((price) => price.interval === interval && price.price.currency === currency)?.price
      .amount ?? null
  );
}

export function moneyIn(prices: readonly { amount: number; currency: string }[], currency: string): number {
  return (prices.find((price) => price.currency === currency) ?? prices[0])?.amount ?? 0;
}

/**
 * The feature whose grants a use of `featureKey` spends, and how many of its units one use costs: the
 * credit pool for a feature priced in one (an image spends 5 credits), else the feature itself at 1.
 */
export function spendingOf(catalog: Catalog, featureKey: string): { spends: string; cost: number } {
  const creditCost = findFeature(catalog, featureKey)?.creditCost;
  return creditCost ? { spends: creditCost.pool, cost: creditCost.amount } : { spends: featureKey, cost: 1 };
}

/**
 * What one unit of each feature drawing on `featureKey`'s grants costs in its units: the feature itself
 * at 1, and for a credit pool every feature priced in it.
 */
export function poolCosts(catalog: Catalog, featureKey: string): ReadonlyMap<string, number> {
  const costs = new Map([[featureKey, 1]]);
  for (const feature of catalog.features) {
    if (feature.creditCost?.pool === featureKey) costs.set(feature.key, feature.creditCost.amount);
  }
  return costs;
}

/** Features that credit packs top up: running out of them is "insufficient credits", not a quota. */
export function isCreditFeature(catalog: Catalog, feature: string): boolean {
  return catalog.creditPacks.some((pack) => pack.feature === feature);
}

type Metered = Extract<PlanEntitlement, { kind: 'metered' }>;

/** A plan's entitlement for one feature plus what the subscribed add-ons add. */
export interface EffectiveEntitlement {
  kind: 'metered' | 'limit' | 'boolean';
  /** Metered allowance or limit; null is unlimited. */
  amount: number | null;
  enabled: boolean;
  reset: Metered['reset'] | null;
  overage: Metered['overage'];
}

export function effectiveEntitlement(
  catalog: Catalog,
  plan: Plan,
  addOns: readonly { addOnId: string; quantity: number }[],
  featureKey: string,
): EffectiveEntitlement | undefined {
  const feature = findFeature(catalog, featureKey);
  if (!feature) return undefined;
  const parts: { entitlement: PlanEntitlement; quantity: number }[] = [];
  const own = plan.entitlements.find((entitlement) => entitlement.feature === featureKey);
  if (own) parts.push({ entitlement: own, quantity: 1 });
  for (const subscribed of addOns) {
    const addOn = findAddOn(catalog, subscribed.addOnId);
    const extra = addOn?.entitlements.find((entitlement) => entitlement.feature === featureKey);
    if (extra) parts.push({ entitlement: extra, quantity: subscribed.quantity });
  }
  const effective: EffectiveEntitlement = {
    kind: feature.kind,
    amount: 0,
    enabled: false,
    reset: null,
    overage: null,
  };
  for (const { entitlement, quantity } of parts) {
    if (entitlement.kind === 'boolean') {
      effective.enabled ||= entitlement.enabled;
      continue;
    }
    const amount = entitlement.kind === 'metered' ? entitlement.allowance : entitlement.limit;
    effective.amount =
      amount === null || effective.amount === null ? null : effective.amount + amount * quantity;
    if (entitlement.kind === 'metered') {
      effective.reset ??= entitlement.reset;
      effective.overage ??= entitlement.overage;
    }
  }
  if (feature.kind !== 'boolean') {
    effective.enabled = effective.amount === null || effective.amount > 0 || effective.overage !== null;
  } else {
    effective.amount = null;
  }
  return effective;
}
