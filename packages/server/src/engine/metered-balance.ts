import type { Executor } from '../db/database.js';
import type { AccountPlan, FeatureRule, PlanRows } from './account-plan.js';
import {
  ensurePeriodGrants,
  grantedAllowances,
  type PeriodAllowance,
  periodAllowances,
  soonestReset,
} from './allowances.js';
import { type GrantRow, liveGrants, lockGrants } from './grants.js';
import { PlanChanged } from './plan-memory.js';

export type MeteredRule = Extract<FeatureRule, { kind: 'metered' }>;

/** A metered feature's balance at an instant: the live grants behind it and what they add up to. */
export interface MeteredBalance {
  allowances: PeriodAllowance[];
  grants: GrantRow[];
  unlimited: boolean;
  /**
   * Units available: what the live grants have left less what live holds keep, never below 0 (when
   * unlimited nothing is drawn). Spending must leave the held units in the grants.
   */
  remaining: number;
  /** Units kept by the feature's live reservations (see `credit_holds`); counted as spent by `remaining`. */
  held: number;
  /** What the live grants granted in total. */
  granted: number;
  /** When the soonest allowance comes back; null when the feature has no allowance. */
  resetsAt: Date | null;
  /**
   * The account's auto top-up threshold for the feature, read only by a locking read (one about to spend);
   * null when it has none on, or when not read.
   */
  topUpThreshold: number | null;
}

/**
 * Reads a metered feature's live grants and held units, creating the current period's allowance grants
 * first if this is the first touch of the period. With `lock`, the grants are locked for the caller's
 * transaction by a statement before the read (see `lockGrants` for why). `planRows`: the rows
 * `accountPlan` was built from, remembered rather than read; the grants read checks them, and throws
 * `PlanChanged` (before opening anything) when they are no longer the account's or no live grant can tell.
 */
export async function meteredBalance(
  db: Executor,
  accountPlan: AccountPlan,
  rule: MeteredRule,
  at: Date,
  options: { lock?: boolean; planRows?: PlanRows } = {},
): Promise<MeteredBalance> {
  const allowances = periodAllowances(accountPlan, rule.allowances, at);
  const keys = allowances.map((item) => item.periodKey);
  const featureKey = rule.spends.key;
  const { accountId } = accountPlan;
  const lock = options.lock === true;
  if (lock) await lockGrants(db, accountId, [featureKey], at);
  let { grants, held, topUpThreshold, planCurrent } = await liveGrants(db, accountId, featureKey, at, keys, {
    lock,
    ...(options.planRows ? { planText: options.planRows.text } : {}),
  });
  // A remembered plan is checked by that read; if it changed (or no grant could say), nothing is opened
  // under it: the caller reads the plan and asks again.
  if (options.planRows && planCurrent !== true) throw new PlanChanged();
  const missing = grantedAllowances(allowances).some(
    (item) => !grants.some((grant) => grant.period_key === item.periodKey),
  );
  if (missing) {
    await ensurePeriodGrants(db, accountPlan, featureKey, allowances);
    // The new grant may be locked by a concurrent first toucher by now: lock it before reading again.
    if (lock) await lockGrants(db, accountId, [featureKey], at);
    ({ grants, held, topUpThreshold } = await liveGrants(db, accountId, featureKey, at, keys, { lock }));
  }
  const unspent = grants.reduce((sum, grant) => sum + Number(grant.remaining), 0);
  return {
    allowances,
    grants,
    unlimited: rule.unlimited,
    remaining: Math.max(0, unspent - held),
    held,
    granted: grants.reduce((sum, grant) => sum + Number(grant.amount), 0),
    resetsAt: soonestReset(allowances),
    topUpThreshold,
  };
}
