import type { AccountEntitlement, Catalog, CreditBalance, ResetInterval } from '@billing-kit/contracts';
import type { Executor } from '../db/database.js';
import { type AccountPlan, type FeatureRule, featureRule } from './account-plan.js';
import { toGrant } from './grants.js';
import { type MeteredBalance, meteredBalance } from './metered-balance.js';

/** One feature of one account at an instant: its rule and, by kind, its balance or count. */
export interface FeatureState {
  rule: FeatureRule;
  balance: MeteredBalance | null;
  count: number | null;
}

/** Every catalog feature's state for the account, each metered one's period opened if first touched. */
export async function featureStates(
  db: Executor,
  catalog: Catalog,
  accountPlan: AccountPlan,
  at: Date,
): Promise<FeatureState[]> {
  const { rows: counts } = await db.query<{ feature_key: string; count: number }>(
    'SELECT feature_key, count FROM feature_counts WHERE account_id = $1',
    [accountPlan.accountId],
  );
  const states: FeatureState[] = [];
  for (const feature of catalog.features) {
    const rule = featureRule(catalog, accountPlan, feature.key);
    if (!rule) continue;
    const balance = rule.kind === 'metered' ? await meteredBalance(db, accountPlan, rule, at) : null;
    const count =
      rule.kind === 'limit'
        ? Number(counts.find((row) => row.feature_key === feature.key)?.count ?? 0)
        : null;
    states.push({ rule, balance, count });
  }
  return states;
}

/** The plan's reset interval of a metered feature (its first allowance's), for display. */
export function resetOf(rule: FeatureRule): ResetInterval | null {
  return rule.kind === 'metered' ? (rule.allowances[0]?.reset ?? null) : null;
}

const unspentOf = (balance: MeteredBalance) =>
  balance.grants.reduce((sum, grant) => sum + Number(grant.remaining), 0);

export function entitlementOf(state: FeatureState, overageUnits: number): AccountEntitlement {
  const { rule } = state;
  const common = { feature: rule.feature.key, name: rule.feature.name, kind: rule.kind };
  if (rule.kind === 'boolean') {
    return {
      ...common,
      enabled: rule.enabled,
      unlimited: false,
      limit: null,
      used: null,
      remaining: null,
      resetsAt: null,
      overageAllowed: false,
    };
  }
  if (rule.kind === 'limit') {
    const count = state.count ?? 0;
    return {
      ...common,
      enabled: rule.limit === null || rule.limit > 0,
      unlimited: rule.limit === null,
      limit: rule.limit,
      used: count,
      remaining: rule.limit === null ? null : Math.max(0, rule.limit - count),
      resetsAt: null,
      overageAllowed: false,
    };
  }
  const balance = state.balance as MeteredBalance;
  return {
    ...common,
    enabled: balance.unlimited || balance.granted > 0 || rule.overage !== null,
    unlimited: balance.unlimited,
    limit: balance.unlimited ? null : balance.granted,
    // Consumed units only: held ones are neither used nor remaining until their reservation settles.
    used: Math.max(0, balance.granted - unspentOf(balance)) + overageUnits,
    remaining: balance.unlimited ? null : balance.remaining,
    held: balance.held,
    resetsAt: balance.resetsAt?.toISOString() ?? null,
    overageAllowed: rule.overage !== null,
    ...(rule.feature.creditCost ? { creditCost: rule.feature.creditCost } : {}),
  };
}

export function creditBalanceOf(state: FeatureState): CreditBalance | null {
  // A feature priced in a credit pool has no grants of its own: the pool's balance is the one shown.
  if (state.rule.kind !== 'metered' || !state.balance || state.rule.spends.key !== state.rule.feature.key) {
    return null;
  }
  const featureKey = state.rule.feature.key;
  return {
    feature: featureKey,
    available: state.balance.remaining,
    held: state.balance.held,
    unlimited: state.balance.unlimited,
    grants: state.balance.grants
      .filter((grant) => Number(grant.amount) > 0)
      .map((grant) => toGrant(featureKey, grant)),
  };
}
