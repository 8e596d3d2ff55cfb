import {
  type AccountEntitlement,
  type CheckResult,
  type DenialReason,
  type Entitlements,
  unknownFeatureCheck,
} from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { activityOf } from './accounts.js';
import {
  type EffectiveEntitlement,
  effectiveEntitlement,
  findFeature,
  isCreditFeature,
  planOf,
  poolCosts,
  spendingOf,
} from './catalog-lookup.js';
import { featureLedger, liveGrants } from './credit-ledger.js';
import { heldUnits } from './held-units.js';
import type { MockStore } from './mock-store.js';
import { resetWindow } from './reset-windows.js';
import type { AccountRecord } from './store-types.js';

export interface FeatureStanding {
  /** The entitlement of the feature spent: the credit pool's, for a feature priced in one. */
  entitlement: EffectiveEntitlement;
  /** The feature whose grants are spent (the pool, for a feature priced in one) and its units a use costs. */
  spends: string;
  cost: number;
  /** Units of the spent feature held by live reservations (metered features only, else 0). */
  held: number;
  /** Null when unlimited. For metered features: every grant live now (allowance, packs, adjustments). */
  limit: number | null;
  used: number | null;
  remaining: number | null;
  resetsAt: number | null;
}

export function entitlementOf(store: MockStore, account: AccountRecord, feature: string) {
  const plan = planOf(store.catalog, account.subscription.planId);
  return effectiveEntitlement(store.catalog, plan, account.subscription.addOns, feature);
}

/**
 * Where one feature stands for an account now, derived from grants and usage events. A feature priced in
 * a credit pool stands as its pool does (limit, used and remaining in pool units), with its cost.
 */
export function featureStanding(
  store: MockStore,
  account: AccountRecord,
  feature: string,
): FeatureStanding | undefined {
  const { spends, cost } = spendingOf(store.catalog, feature);
  if (spends === feature) return ownStanding(store, account, feature);
  if (!findFeature(store.catalog, feature)) return undefined;
  const pool = ownStanding(store, account, spends);
  return pool && { ...pool, cost };
}

function ownStanding(store: MockStore, account: AccountRecord, feature: string): FeatureStanding | undefined {
  const entitlement = entitlementOf(store, account, feature);
  if (!entitlement) return undefined;
  const activity = activityOf(account);
  const common = { entitlement, spends: feature, cost: 1, held: 0 };
  if (entitlement.kind === 'boolean') {
    return { ...common, limit: null, used: null, remaining: null, resetsAt: null };
  }
  if (entitlement.kind === 'limit') {
    const used = Math.max(
      0,
      activity.usage
        .filter((event) => event.feature === feature)
        .reduce((sum, event) => sum + event.amount, 0),
    );
    const limit = entitlement.amount;
    return {
      ...common,
      limit,
      used,
      remaining: limit === null ? null : Math.max(0, limit - used),
      resetsAt: null,
    };
  }
  const window = resetWindow(account.subscription, entitlement.reset ?? 'month', store.now);
  const costs = poolCosts(store.catalog, feature);
  const held = heldUnits(activity, store.now, costs);
  // What was used in this allowance window, overage included, so unlimited and overage-billed features
  // still show their use; a pool's includes what the features priced in it spent.
  const used = activity.usage
    .filter((event) => costs.has(event.feature) && event.kind === 'usage' && event.at >= window.start)
    .reduce((sum, event) => sum + event.amount * (costs.get(event.feature) ?? 1), 0);
  if (entitlement.amount === null) {
    return { ...common, held, limit: null, used, remaining: null, resetsAt: window.end };
  }
  const live = liveGrants(featureLedger(activity, feature, store.now, costs), store.now);
  const unspent = live.reduce((sum, balance) => sum + balance.remaining, 0);
  return {
    ...common,
    held,
    limit: live.reduce((sum, balance) => sum + balance.grant.amount, 0),
    used,
    // Reserved units count as spent until their hold is confirmed, released or expired.
    remaining: Math.max(0, unspent - held),
    resetsAt: window.end,
  };
}

export function entitlementsView(store: MockStore, account: AccountRecord): Entitlements {
  const entitlements: AccountEntitlement[] = store.catalog.features.map((feature) => {
    const standing = featureStanding(store, account, feature.key);
    if (!standing) throw new Error(`Feature "${feature.key}" vanished from the catalog`);
    const { entitlement } = standing;
    return {
      feature: feature.key,
      name: feature.name,
      kind: feature.kind,
      enabled: entitlement.enabled,
      unlimited: entitlement.kind !== 'boolean' && entitlement.amount === null,
      limit: standing.limit,
      used: standing.used,
      remaining: standing.remaining,
      ...(feature.kind === 'metered' ? { held: standing.held } : {}),
      resetsAt: standing.resetsAt === null ? null : iso(standing.resetsAt),
      overageAllowed: entitlement.overage !== null,
      ...(feature.creditCost ? { creditCost: feature.creditCost } : {}),
    };
  });
  return { accountId: account.id, planId: account.subscription.planId, entitlements };
}

/** The answer to "may this account use `amount` units of `feature` now?". */
export function checkUsage(
  store: MockStore,
  account: AccountRecord,
  input: { feature: string; amount: number; currentCount?: number | undefined },
): CheckResult {
  const standing = featureStanding(store, account, input.feature);
  const base = { feature: input.feature, requested: input.amount, overage: false };
  if (!standing) return unknownFeatureCheck(input.feature, input.amount);
  const { entitlement } = standing;
  const unlimited = entitlement.kind !== 'boolean' && entitlement.amount === null;
  const view = {
    ...base,
    kind: entitlement.kind,
    unlimited,
    limit: standing.limit,
    remaining: standing.remaining,
    resetsAt: standing.resetsAt === null ? null : iso(standing.resetsAt),
  };
  const deny = (reason: DenialReason): CheckResult => ({ ...view, allowed: false, reason });
  if (!entitlement.enabled) return deny('not_entitled');
  if (entitlement.kind === 'boolean' || unlimited) return { ...view, allowed: true, reason: null };
  if (entitlement.kind === 'limit') {
    const count = input.currentCount ?? standing.used ?? 0;
    const within = count + input.amount <= (standing.limit ?? 0);
    return within ? { ...view, allowed: true, reason: null } : deny('quota_exceeded');
  }
  // A feature priced in a credit pool needs `cost` pool units a use; remaining is the pool's.
  if ((standing.remaining ?? 0) >= input.amount * standing.cost)
    return { ...view, allowed: true, reason: null };
  if (entitlement.overage !== null) return { ...view, allowed: true, overage: true, reason: null };
  return deny(isCreditFeature(store.catalog, standing.spends) ? 'insufficient_credits' : 'quota_exceeded');
}
