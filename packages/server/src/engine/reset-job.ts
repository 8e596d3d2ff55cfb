import { featureRule, loadAccountPlan } from './account-plan.js';
import { ensurePeriodGrants, periodAllowances } from './allowances.js';
import type { EngineContext } from './engine-context.js';

/**
 * Opens the current period's allowances for the given accounts (every account when none is named). Nothing
 * depends on it running — the first check or track of a period does the same — and running it late or
 * twice creates nothing more: each period's grant is unique.
 */
export async function openCurrentPeriods(
  context: EngineContext,
  accountIds?: readonly string[],
): Promise<number> {
  const catalog = await context.catalog();
  const ids =
    accountIds ??
    (await context.db.query<{ id: string }>('SELECT id FROM accounts ORDER BY id')).rows.map((row) => row.id);
  const now = context.now();
  let created = 0;
  for (const accountId of ids) {
    const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
    for (const feature of catalog.features) {
      const rule = featureRule(catalog, accountPlan, feature.key);
      // A feature priced in a pool has no grants of its own: the pool's turn opens them.
      if (rule?.kind !== 'metered' || rule.spends.key !== feature.key) continue;
      created += await ensurePeriodGrants(
        context.db,
        accountPlan,
        feature.key,
        periodAllowances(accountPlan, rule.allowances, now),
      );
    }
  }
  return created;
}
