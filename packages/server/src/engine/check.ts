import type { CheckResult } from '@billing-kit/contracts';
import { featureRule, loadAccountPlan } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { meteredBalance } from './metered-balance.js';

export interface CheckInput {
  feature: string;
  amount: number;
  /** For limit features: the count the host has now; the tracked count when absent. */
  currentCount?: number | undefined;
}

/** May the account use `amount` of `feature` now, and if not, why. Reads only (but may open a period). */
export async function check(
  context: EngineContext,
  accountId: string,
  input: CheckInput,
): Promise<CheckResult> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const rule = featureRule(catalog, accountPlan, input.feature);
  const base = { feature: input.feature, requested: input.amount, overage: false };
  if (!rule) {
    return {
      ...base,
      allowed: false,
      kind: null,
      unlimited: false,
      limit: null,
      remaining: null,
      resetsAt: null,
      reason: 'unknown_feature',
    };
  }
  if (rule.kind === 'boolean') {
    return {
      ...base,
      allowed: rule.enabled,
      kind: 'boolean',
      unlimited: false,
      limit: null,
      remaining: null,
      resetsAt: null,
      reason: rule.enabled ? null : 'not_entitled',
    };
  }
  if (rule.kind === 'limit') {
    let count = input.currentCount;
    if (count === undefined) {
      const { rows } = await context.db.query<{ count: number }>(
        'SELECT count FROM feature_counts WHERE account_id = $1 AND feature_key = $2',
        [accountId, rule.feature.key],
      );
      count = Number(rows[0]?.count ?? 0);
    }
    const allowed = rule.limit === null || count + input.amount <= rule.limit;
    return {
      ...base,
      allowed,
      kind: 'limit',
      unlimited: rule.limit === null,
      limit: rule.limit,
      remaining: rule.limit === null ? null : Math.max(0, rule.limit - count),
      resetsAt: null,
      reason: allowed ? null : rule.limit === 0 ? 'not_entitled' : 'quota_exceeded',
    };
  }
  const balance = await meteredBalance(context.db, accountPlan, rule, context.now());
  const covered = balance.unlimited || balance.remaining >= input.amount;
  const allowed = covered || rule.overage !== null;
  const entitled = balance.unlimited || balance.granted > 0 || rule.overage !== null;
  return {
    ...base,
    allowed,
    kind: 'metered',
    unlimited: balance.unlimited,
    limit: balance.unlimited ? null : balance.granted,
    remaining: balance.unlimited ? null : balance.remaining,
    resetsAt: balance.resetsAt?.toISOString() ?? null,
    overage: !covered && allowed,
    reason: allowed ? null : entitled ? 'insufficient_credits' : 'not_entitled',
  };
}
