import type { Credits, Entitlements } from '@billing-kit/contracts';
import { loadAccountPlan } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { creditBalanceOf, entitlementOf, featureStates } from './feature-states.js';
import { monthlyPeriodAt } from './periods.js';

/** Every feature as it stands for the account now. */
export async function entitlements(context: EngineContext, accountId: string): Promise<Entitlements> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const now = context.now();
  const states = await featureStates(context.db, catalog, accountPlan, now);
  const period = monthlyPeriodAt(now, accountPlan.anchor);
  const { rows } = await context.db.query<{ feature_key: string; units: number }>(
    `SELECT feature_key, sum(overage_units) AS units FROM usage_events
     WHERE account_id = $1 AND occurred_at >= $2 AND overage_units > 0 GROUP BY feature_key`,
    [accountId, period.start],
  );
  // Overage units are the spent feature's: a pool's include those of the features priced in it.
  const spentOf = (key: string) =>
    catalog.features.find((feature) => feature.key === key)?.creditCost?.pool ?? key;
  const overageOf = (key: string) =>
    rows.filter((row) => spentOf(row.feature_key) === key).reduce((sum, row) => sum + Number(row.units), 0);
  return {
    accountId,
    planId: accountPlan.plan.id,
    entitlements: states.map((state) =>
      entitlementOf(
        state,
        overageOf(state.rule.kind === 'metered' ? state.rule.spends.key : state.rule.feature.key),
      ),
    ),
  };
}

/** Balances of every metered feature, with the live grants behind each in the order they are spent. */
export async function credits(context: EngineContext, accountId: string): Promise<Credits> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const states = await featureStates(context.db, catalog, accountPlan, context.now());
  return { accountId, balances: states.flatMap((state) => creditBalanceOf(state) ?? []) };
}
