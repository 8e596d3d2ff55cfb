import type { Catalog, Plan } from '@billing-kit/contracts';

export function freePlanOf(catalog: Catalog): Plan {
  const free = catalog.plans.find((plan) => plan.isFree);
  if (!free) throw new Error('The catalog has no free plan; run `billing-kit sync` with a billing config');
  return free;
}

export function planById(catalog: Catalog, planId: string | null): Plan | undefined {
  return planId === null ? undefined : catalog.plans.find((plan) => plan.id === planId);
}
