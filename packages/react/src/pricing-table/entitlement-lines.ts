import type { Feature, PlanEntitlement } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';

const resetWords = { day: 'a day', month: 'a month', billing_period: 'a billing period' } as const;

/** Plan card bullet points, in catalog order; what a plan does not include is left out. */
export function entitlementLines(
  entitlements: readonly PlanEntitlement[],
  features: readonly Feature[],
  format: Formatters,
): string[] {
  return entitlements.flatMap((entitlement) => {
    const feature = features.find((candidate) => candidate.key === entitlement.feature);
    const name = feature?.name ?? entitlement.feature;
    const units = (amount: number) =>
      feature?.unit ? (amount === 1 ? feature.unit.singular : feature.unit.plural) : name.toLowerCase();
    switch (entitlement.kind) {
      case 'boolean':
        return entitlement.enabled ? [name] : [];
      case 'limit':
        if (entitlement.limit === null) return [`Unlimited ${name.toLowerCase()}`];
        return entitlement.limit > 0
          ? [`${format.number(entitlement.limit)} ${units(entitlement.limit)} (${name.toLowerCase()})`]
          : [];
      case 'metered': {
        if (entitlement.allowance === null) return [`Unlimited ${name.toLowerCase()}`];
        const lines: string[] = [];
        if (entitlement.allowance > 0) {
          lines.push(
            `${format.number(entitlement.allowance)} ${units(entitlement.allowance)} ${resetWords[entitlement.reset]}`,
          );
        }
        if (entitlement.overage) {
          const per =
            entitlement.overage.per === 1
              ? units(1)
              : `${format.number(entitlement.overage.per)} ${units(entitlement.overage.per)}`;
          lines.push(`${name}: ${format.money(entitlement.overage.price)} per ${per}`);
        }
        return lines;
      }
      default:
        return [];
    }
  });
}
