import type { Executor } from '../db/database.js';
import type { AccountPlan, AllowanceSource } from './account-plan.js';
import { type Period, periodAt } from './periods.js';

/** One allowance as it applies at an instant: its period and the unique key of that period's grant. */
export interface PeriodAllowance {
  allowance: AllowanceSource;
  period: Period;
  periodKey: string;
}

export function periodAllowances(
  accountPlan: AccountPlan,
  allowances: readonly AllowanceSource[],
  at: Date,
): PeriodAllowance[] {
  return allowances.map((allowance) => {
    const period = periodAt(allowance.reset, at, accountPlan.anchor);
    return { allowance, period, periodKey: `${allowance.key}:${period.start.toISOString()}` };
  });
}

/** Allowances that need a grant: finite and positive (unlimited and zero ones need none). */
export const grantedAllowances = (allowances: readonly PeriodAllowance[]) =>
  allowances.filter(({ allowance }) => allowance.amount !== null && allowance.amount > 0);

/**
 * Creates the grants of the periods containing `at`, each expiring at its period's end, with a ledger entry
 * each. The unique (account, feature, period key) index makes this safe to run any number of times,
 * concurrently or late: the first writer creates the grant, everyone else changes nothing.
 */
export async function ensurePeriodGrants(
  db: Executor,
  accountId: string,
  featureKey: string,
  allowances: readonly PeriodAllowance[],
): Promise<number> {
  const wanted = grantedAllowances(allowances);
  if (wanted.length === 0) return 0;
  const { rowCount } = await db.query(
    `WITH wanted AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::timestamptz[])
         AS w(period_key, source, amount, effective_at, expires_at)
     ), inserted AS (
       INSERT INTO credit_grants (account_id, feature_key, source, amount, remaining, effective_at, expires_at, period_key)
       SELECT $1, $2, source, amount, amount, effective_at, expires_at, period_key FROM wanted
       ON CONFLICT (account_id, feature_key, period_key) WHERE period_key IS NOT NULL DO NOTHING
       RETURNING id, source, amount, effective_at, period_key
     )
     INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, description, reference, at)
     SELECT $1, $2, 'grant', amount, source, id, 'Allowance for the period', period_key, effective_at FROM inserted`,
    [
      accountId,
      featureKey,
      wanted.map((item) => item.periodKey),
      wanted.map((item) => item.allowance.source),
      wanted.map((item) => item.allowance.amount),
      wanted.map((item) => item.period.start),
      wanted.map((item) => item.period.end),
    ],
  );
  return rowCount;
}
