import type { Catalog, FeatureUsage, UsageSummary } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import { loadAccountPlan } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { entitlementOf, featureStates, resetOf } from './feature-states.js';
import { monthlyPeriodAt } from './periods.js';

export interface UsageSummaryInput {
  period: 'current' | 'previous';
  from?: string | undefined;
  to?: string | undefined;
  feature?: string | undefined;
}

interface DailyRow {
  feature_key: string;
  day: string;
  used: number;
  overage: number;
}

/**
 * A feature's usage per day: its own events, and for a credit pool also what the features priced in it
 * spent (units × cost, at today's cost; their overage units are pool units already).
 */
function dailyUsage(rows: readonly DailyRow[], catalog: Catalog, featureKey: string): DailyRow[] {
  const costs = new Map<string, number>([[featureKey, 1]]);
  for (const feature of catalog.features) {
    if (feature.creditCost?.pool === featureKey) costs.set(feature.key, feature.creditCost.amount);
  }
  const days = new Map<string, DailyRow>();
  for (const row of rows) {
    const cost = costs.get(row.feature_key);
    if (cost === undefined) continue;
    const day = days.get(row.day) ?? { feature_key: featureKey, day: row.day, used: 0, overage: 0 };
    day.used = Number(day.used) + Number(row.used) * cost;
    // Overage units are stored in the units of the grants spent: a priced feature's are pool units already.
    day.overage = Number(day.overage) + Number(row.overage);
    days.set(row.day, day);
  }
  return [...days.values()];
}

/**
 * Usage per feature over the account's current or previous month (or a custom range), with a daily series.
 * Derived from usage events by one grouped, index-only scan on (account, time).
 */
export async function usageSummary(
  context: EngineContext,
  accountId: string,
  input: UsageSummaryInput,
): Promise<UsageSummary> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const now = context.now();
  const current = monthlyPeriodAt(now, accountPlan.anchor);
  const period =
    input.period === 'previous'
      ? monthlyPeriodAt(new Date(current.start.getTime() - 1), accountPlan.anchor)
      : { start: current.start, end: now };
  const from = input.from ? new Date(input.from) : period.start;
  const to = input.to ? new Date(input.to) : input.from ? now : period.end;
  if (from > to) {
    throw new BillingError('validation_failed', 'from is after to', {
      issues: [{ field: 'query.from', message: 'must not be after query.to' }],
    });
  }
  const [{ rows }, states] = await Promise.all([
    context.db.query<DailyRow>(
      `SELECT feature_key, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         sum(amount) AS used, sum(overage_units) AS overage
       FROM usage_events WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3
       GROUP BY 1, 2 ORDER BY 2`,
      [accountId, from, to],
    ),
    featureStates(context.db, catalog, accountPlan, now),
  ]);
  const features: FeatureUsage[] = [];
  for (const state of states) {
    const { rule } = state;
    if (rule.kind === 'boolean' || (input.feature !== undefined && rule.feature.key !== input.feature))
      continue;
    const days = dailyUsage(rows, catalog, rule.feature.key);
    const overageUnits = days.reduce((sum, row) => sum + Number(row.overage), 0);
    const entitlement = entitlementOf(state, 0);
    const overage = rule.kind === 'metered' ? rule.overage : null;
    features.push({
      feature: rule.feature.key,
      name: rule.feature.name,
      kind: rule.kind,
      used:
        rule.kind === 'limit'
          ? (state.count ?? 0)
          : Math.max(
              0,
              days.reduce((sum, row) => sum + Number(row.used), 0),
            ),
      limit: entitlement.limit,
      unlimited: entitlement.unlimited,
      remaining: entitlement.remaining,
      reset: resetOf(rule),
      resetsAt: entitlement.resetsAt,
      overage: overage
        ? {
            units: overageUnits,
            amount: {
              amount: Math.ceil((overageUnits * overage.price.amount) / overage.per),
              currency: overage.price.currency,
            },
          }
        : null,
      daily: days.map((row) => ({ date: row.day, used: Math.max(0, Number(row.used)) })),
      ...(rule.feature.creditCost ? { creditCost: rule.feature.creditCost } : {}),
    });
  }
  return { accountId, from: from.toISOString(), to: to.toISOString(), features };
}
