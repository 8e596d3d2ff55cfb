import type { Feature, PlanEntitlement } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';

const resetWords = { day: 'a day', month: 'a month', billing_period: 'a billing period' } as const;

/** A feature's name inside a sentence: "team members", but "AI tokens" and "API calls" keep their capitals. */
export function inSentence(name: string): string {
  const first = name.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * How many of a limit feature, e.g. "3 team members", "1 team member", "5 projects", "10 GB storage": the
 * name when it already says the unit, the unit then the name when it does not.
 */
function limitLine(
  count: number,
  name: string,
  unit: { singular: string; plural: string } | undefined,
  format: Formatters,
) {
  const inText = inSentence(name);
  const amount = format.number(count);
  if (!unit) return `${amount} ${inText}`;
  if (inText.toLowerCase().endsWith(unit.plural.toLowerCase())) {
    return `${amount} ${count === 1 ? inText.slice(0, inText.length - unit.plural.length) + unit.singular : inText}`;
  }
  return `${amount} ${count === 1 ? unit.singular : unit.plural} ${inText}`;
}

/** "Images: 5 credits each" for every feature priced in a pool: what one use of it costs. */
function pricedLines(pool: Feature | undefined, features: readonly Feature[], format: Formatters): string[] {
  if (!pool) return [];
  return features.flatMap((feature) => {
    if (feature.creditCost?.pool !== pool.key) return [];
    const { amount } = feature.creditCost;
    const name = feature.unit ? feature.unit.plural : feature.name;
    const poolUnits = pool.unit
      ? amount === 1
        ? pool.unit.singular
        : pool.unit.plural
      : inSentence(pool.name);
    return [`${name.charAt(0).toUpperCase()}${name.slice(1)}: ${format.number(amount)} ${poolUnits} each`];
  });
}

/**
 * Plan card bullet points, in catalog order; what a plan does not include is left out. A metered allowance
 * says its rollover ("Unused credits roll over (up to 200)") and, for a credit pool, what each feature priced
 * in it costs ("Images: 5 credits each").
 */
export function entitlementLines(
  entitlements: readonly PlanEntitlement[],
  features: readonly Feature[],
  format: Formatters,
): string[] {
  return entitlements.flatMap((entitlement) => {
    const feature = features.find((candidate) => candidate.key === entitlement.feature);
    const name = feature?.name ?? entitlement.feature;
    const units = (amount: number) =>
      feature?.unit ? (amount === 1 ? feature.unit.singular : feature.unit.plural) : inSentence(name);
    switch (entitlement.kind) {
      case 'boolean':
        return entitlement.enabled ? [name] : [];
      case 'limit':
        if (entitlement.limit === null) return [`Unlimited ${inSentence(name)}`];
        return entitlement.limit > 0 ? [limitLine(entitlement.limit, name, feature?.unit, format)] : [];
      case 'metered': {
        if (entitlement.allowance === null) return [`Unlimited ${inSentence(name)}`];
        const lines: string[] = [];
        if (entitlement.allowance > 0) {
          lines.push(
            `${format.number(entitlement.allowance)} ${units(entitlement.allowance)} ${resetWords[entitlement.reset]}`,
          );
          if (entitlement.rollover) {
            lines.push(`Unused ${units(2)} roll over (up to ${format.number(entitlement.rollover.max)})`);
          }
          lines.push(...pricedLines(feature, features, format));
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
