import type { AccountEntitlement } from '@billing-kit/contracts';

/**
 * The entitlements UsageMeters draws, in order: every enabled metered and limit feature, or exactly the
 * `features` asked for. By default a feature priced in a credit pool (`creditCost`) is left out — its
 * spending is the pool's meter, and a second bar of the same pool would only repeat it; ask for it by key
 * to show it anyway.
 */
export function metersOf(entitlements: readonly AccountEntitlement[], features?: readonly string[]) {
  const shown = entitlements.filter((entitlement) => entitlement.enabled && entitlement.kind !== 'boolean');
  if (!features) return shown.filter((entitlement) => !entitlement.creditCost);
  return features.flatMap((key) => shown.filter((entitlement) => entitlement.feature === key));
}
