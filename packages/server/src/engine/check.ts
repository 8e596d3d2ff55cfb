import { type CheckResult, unknownFeatureCheck } from '@billing-kit/contracts';
import { accountPlanOf, featureRule, readPlanRows } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import type { Settled } from './group-queue.js';
import { type MeteredBalance, type MeteredRule, meteredBalance } from './metered-balance.js';
import { PlanChanged } from './plan-memory.js';
import { retryOnConflict } from './transaction-retry.js';

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
  const [outcome] = await checkGroup(context, accountId, input.feature, [input]);
  if (!outcome) throw new Error('check answered nothing');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Answers several checks of one feature of one account from one read of its plan and balance (the group
 * queue gathers concurrent checks): each answer reflects the balance as of a moment after it was asked.
 * A metered feature's read also checks the plan the engine remembers for the account (plan-memory.ts),
 * so the plan is read by a statement of its own only when it was not remembered or has changed.
 */
export async function checkGroup(
  context: EngineContext,
  accountId: string,
  feature: string,
  inputs: readonly CheckInput[],
): Promise<Settled<CheckResult>[]> {
  const catalog = await context.catalog();
  const remembered = context.plans?.recall(accountId);
  if (remembered) {
    const accountPlan = accountPlanOf(catalog, accountId, remembered);
    const rule = featureRule(catalog, accountPlan, feature);
    if (rule?.kind === 'metered') {
      try {
        const balance = await retryOnConflict(() =>
          meteredBalance(context.db, accountPlan, rule, context.now(), { planRows: remembered }),
        );
        return meteredAnswers(feature, rule, balance, inputs);
      } catch (error) {
        if (!(error instanceof PlanChanged)) throw error;
      }
    }
  }
  const planRows = await readPlanRows(context.db, accountId);
  const accountPlan = accountPlanOf(catalog, accountId, planRows);
  context.plans?.remember(accountId, planRows);
  const rule = featureRule(catalog, accountPlan, feature);
  const base = (input: CheckInput) => ({ feature, requested: input.amount, overage: false });
  if (!rule) return inputs.map((input) => ({ ok: true, value: unknownFeatureCheck(feature, input.amount) }));
  if (rule.kind === 'boolean') {
    return inputs.map((input) => ({
      ok: true,
      value: {
        ...base(input),
        allowed: rule.enabled,
        kind: 'boolean',
        unlimited: false,
        limit: null,
        remaining: null,
        resetsAt: null,
        reason: rule.enabled ? null : 'not_entitled',
      },
    }));
  }
  if (rule.kind === 'limit') {
    let tracked: number | undefined;
    const trackedCount = async () => {
      if (tracked === undefined) {
        const { rows } = await context.db.query<{ count: number }>(
          'SELECT count FROM feature_counts WHERE account_id = $1 AND feature_key = $2',
          [accountId, rule.feature.key],
        );
        tracked = Number(rows[0]?.count ?? 0);
      }
      return tracked;
    };
    const outcomes: Settled<CheckResult>[] = [];
    for (const input of inputs) {
      const count = input.currentCount ?? (await trackedCount());
      const allowed = rule.limit === null || count + input.amount <= rule.limit;
      outcomes.push({
        ok: true,
        value: {
          ...base(input),
          allowed,
          kind: 'limit',
          unlimited: rule.limit === null,
          limit: rule.limit,
          remaining: rule.limit === null ? null : Math.max(0, rule.limit - count),
          resetsAt: null,
          reason: allowed ? null : rule.limit === 0 ? 'not_entitled' : 'quota_exceeded',
        },
      });
    }
    return outcomes;
  }
  // A check's first touch of a period opens it (with rollover, moving the last period's units), which can
  // meet a track doing the same at a month's boundary: a deadlock PostgreSQL breaks is retried, not a 500.
  const balance = await retryOnConflict(() => meteredBalance(context.db, accountPlan, rule, context.now()));
  return meteredAnswers(feature, rule, balance, inputs);
}

function meteredAnswers(
  feature: string,
  rule: MeteredRule,
  balance: MeteredBalance,
  inputs: readonly CheckInput[],
): Settled<CheckResult>[] {
  const base = (input: CheckInput) => ({ feature, requested: input.amount, overage: false });
  const entitled = balance.unlimited || balance.granted > 0 || rule.overage !== null;
  return inputs.map((input) => {
    // A feature priced in a credit pool needs `cost` pool units a unit; limit and remaining are the pool's.
    const covered = balance.unlimited || balance.remaining >= input.amount * rule.cost;
    const allowed = covered || rule.overage !== null;
    return {
      ok: true,
      value: {
        ...base(input),
        allowed,
        kind: 'metered',
        unlimited: balance.unlimited,
        limit: balance.unlimited ? null : balance.granted,
        remaining: balance.unlimited ? null : balance.remaining,
        resetsAt: balance.resetsAt?.toISOString() ?? null,
        overage: !covered && allowed,
        reason: allowed ? null : entitled ? 'insufficient_credits' : 'not_entitled',
      },
    };
  });
}
