import type { Rollover } from '@billing-kit/contracts';
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

/** When the soonest of the allowances comes back (its period ends); null when there is none. */
export const soonestReset = (allowances: readonly PeriodAllowance[]): Date | null =>
  allowances.reduce<Date | null>(
    (soonest, item) => (soonest === null || item.period.end < soonest ? item.period.end : soonest),
    null,
  );

/** Allowances that need a grant: finite and positive (unlimited and zero ones need none). */
export const grantedAllowances = (allowances: readonly PeriodAllowance[]) =>
  allowances.filter(({ allowance }) => allowance.amount !== null && allowance.amount > 0);

/**
 * Creates the grants of the periods containing `at`, each expiring at its period's end, with a ledger entry
 * each. The unique (account, feature, period key) index makes this safe to run any number of times,
 * concurrently or late: the first writer creates the grant, everyone else changes nothing. An allowance
 * with a rollover also carries the previous period's unspent units, in the same statement (`carryRollover`).
 */
export async function ensurePeriodGrants(
  db: Executor,
  accountPlan: AccountPlan,
  featureKey: string,
  allowances: readonly PeriodAllowance[],
): Promise<number> {
  const wanted = grantedAllowances(allowances);
  const plain = wanted.filter(({ allowance }) => allowance.rollover === null);
  let created = 0;
  for (const item of wanted) {
    if (item.allowance.rollover !== null) {
      created += await openWithRollover(db, accountPlan, featureKey, item, item.allowance.rollover);
    }
  }
  if (plain.length === 0) return created;
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
      accountPlan.accountId,
      featureKey,
      plain.map((item) => item.periodKey),
      plain.map((item) => item.allowance.source),
      plain.map((item) => item.allowance.amount),
      plain.map((item) => item.period.start),
      plain.map((item) => item.period.end),
    ],
  );
  return created + rowCount;
}

/** The end of the `periods`-th period from the one given (1: its own end). */
function endAfter(item: PeriodAllowance, accountPlan: AccountPlan, periods: number): Date {
  let end = item.period.end;
  for (let step = 1; step < periods; step += 1) {
    end = periodAt(item.allowance.reset, end, accountPlan.anchor).end;
  }
  return end;
}

/**
 * Opens one period's grant of an allowance that rolls over, and — only if this call created it, so a late,
 * repeated or concurrent open never carries twice — moves the previous period's unspent units into a
 * rollover grant, all in one statement:
 *
 * - Only the immediately previous period's grant of the same allowance carries. A period nobody touched has
 *   no grant, so after idle months nothing carries (its units were never seen, and are not invented).
 * - At most `max` units are carried in, counting older carries still live at the period's start.
 * - The units are moved, not copied: the previous grant's `remaining` goes down by what was carried (a
 *   ledger entry on it says so), so the ledger's derived expiry shows only what was really lost. That grant
 *   is locked by the read that decides the amount: a track still spending from it (its clock read before
 *   the boundary) is either committed and seen, or waits and finds the lower remaining; `remaining >= 0`
 *   holds either way.
 * - The carry expires `periods` periods after the previous one ended, with a unique reference; a carry
 *   made twice for one period would fail the statement rather than count twice.
 */
async function openWithRollover(
  db: Executor,
  accountPlan: AccountPlan,
  featureKey: string,
  item: PeriodAllowance,
  rollover: Rollover,
): Promise<number> {
  const { accountId } = accountPlan;
  const previous = periodAt(
    item.allowance.reset,
    new Date(item.period.start.getTime() - 1),
    accountPlan.anchor,
  );
  const previousKey = `${item.allowance.key}:${previous.start.toISOString()}`;
  const { rows } = await db.query<{ created: number }>(
    `WITH inserted AS (
       INSERT INTO credit_grants (account_id, feature_key, source, amount, remaining, effective_at, expires_at, period_key)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)
       ON CONFLICT (account_id, feature_key, period_key) WHERE period_key IS NOT NULL DO NOTHING
       RETURNING id, source, amount, effective_at, period_key
     ), granted AS (
       INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, description, reference, at)
       SELECT $1, $2, 'grant', amount, source, id, 'Allowance for the period', period_key, effective_at FROM inserted
     ), previous AS (
       SELECT id, source, remaining FROM credit_grants
       WHERE account_id = $1 AND feature_key = $2 AND period_key = $8 AND remaining > 0
         AND EXISTS (SELECT 1 FROM inserted)
       FOR UPDATE
     ), carried_in AS (
       SELECT coalesce(sum(remaining), 0) AS units FROM credit_grants
       WHERE account_id = $1 AND feature_key = $2 AND source = 'rollover' AND effective_at <= $5 AND expires_at > $5
     ), carry AS (
       SELECT p.id, p.source, LEAST(p.remaining, GREATEST(0, $9 - c.units)) AS units
       FROM previous p, carried_in c
     ), moved AS (
       UPDATE credit_grants g SET remaining = g.remaining - c.units
       FROM carry c WHERE g.id = c.id AND c.units > 0
       RETURNING g.id, c.source, c.units
     ), carried_out AS (
       INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, description, reference, at)
       SELECT $1, $2, 'adjustment', -units, source, id, 'Rolled over to the next period', $7, $5 FROM moved
     ), rolled AS (
       INSERT INTO credit_grants (account_id, feature_key, source, amount, remaining, effective_at, expires_at, reference)
       SELECT $1, $2, 'rollover', units, units, $5, $10, $11 FROM moved
       RETURNING id, amount
     ), rolled_ledger AS (
       INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, description, reference, at)
       SELECT $1, $2, 'grant', amount, 'rollover', id, 'Rolled over from the previous period', $8, $5 FROM rolled
     )
     SELECT count(*) AS created FROM inserted`,
    [
      accountId,
      featureKey,
      item.allowance.source,
      item.allowance.amount,
      item.period.start,
      item.period.end,
      item.periodKey,
      previousKey,
      rollover.max,
      endAfter(item, accountPlan, rollover.periods),
      `${accountId}:${featureKey}:${item.periodKey}`,
    ],
  );
  return Number(rows[0]?.created ?? 0);
}
