import type { Executor } from '../db/database.js';
import type { AccountPlan, FeatureRule } from './account-plan.js';
import {
  ensurePeriodGrants,
  grantedAllowances,
  type PeriodAllowance,
  periodAllowances,
} from './allowances.js';
import { type GrantRow, liveGrants } from './grants.js';

export type MeteredRule = Extract<FeatureRule, { kind: 'metered' }>;

/** A metered feature's balance at an instant: the live grants behind it and what they add up to. */
export interface MeteredBalance {
  allowances: PeriodAllowance[];
  grants: GrantRow[];
  unlimited: boolean;
  /** Units still available (0 when unlimited: nothing is drawn then). */
  remaining: number;
  /** What the live grants granted in total. */
  granted: number;
  /** When the soonest allowance comes back; null when the feature has no allowance. */
  resetsAt: Date | null;
}

/**
 * Reads a metered feature's live grants, creating the current period's allowance grants first if this is
 * the first touch of the period. With `lock`, the grants are locked for the caller's transaction.
 */
export async function meteredBalance(
  db: Executor,
  accountPlan: AccountPlan,
  rule: MeteredRule,
  at: Date,
  options: {
    lock?: boolean;
    /** Reads the live grants the first time instead of `liveGrants` (track folds its event insert into it). */
    firstRead?: (periodKeys: string[]) => Promise<GrantRow[]>;
  } = {},
): Promise<MeteredBalance> {
  const allowances = periodAllowances(accountPlan, rule.allowances, at);
  const keys = allowances.map((item) => item.periodKey);
  const featureKey = rule.feature.key;
  let grants = options.firstRead
    ? await options.firstRead(keys)
    : await liveGrants(db, accountPlan.accountId, featureKey, at, keys, options);
  const missing = grantedAllowances(allowances).some(
    (item) => !grants.some((grant) => grant.period_key === item.periodKey),
  );
  if (missing) {
    await ensurePeriodGrants(db, accountPlan.accountId, featureKey, allowances);
    grants = await liveGrants(db, accountPlan.accountId, featureKey, at, keys, options);
  }
  const resetsAt = allowances.reduce<Date | null>(
    (soonest, item) => (soonest === null || item.period.end < soonest ? item.period.end : soonest),
    null,
  );
  return {
    allowances,
    grants,
    unlimited: rule.unlimited,
    remaining: grants.reduce((sum, grant) => sum + Number(grant.remaining), 0),
    granted: grants.reduce((sum, grant) => sum + Number(grant.amount), 0),
    resetsAt,
  };
}
