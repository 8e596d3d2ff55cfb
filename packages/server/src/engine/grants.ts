import type { Grant, GrantSource } from '@billing-kit/contracts';
import type { Executor } from '../db/database.js';
import { planRowsQuery } from './account-plan.js';

export interface GrantRow {
  id: number;
  source: GrantSource;
  amount: number;
  remaining: number;
  effective_at: Date;
  expires_at: Date | null;
  period_key: string | null;
  reason: string | null;
  created_at: Date;
}

/**
 * The grants a feature's balance is made of at `at`, in the order they are spent: rolled-over units first,
 * then soonest to expire first, never-expiring last, and the units its live holds keep (`held`, read by the same statement so a balance
 * stays one read). A plan or add-on allowance counts only while its period key is current, so a plan
 * change stops the old plan's allowance at once without rewriting it. A locking read (one about to spend)
 * also reads the account's auto top-up threshold for the feature, when it has one on.
 */
export async function liveGrants(
  db: Executor,
  accountId: string,
  featureKey: string,
  at: Date,
  currentPeriodKeys: readonly string[],
  options: { lock?: boolean; planText?: string } = {},
): Promise<{
  grants: GrantRow[];
  held: number;
  topUpThreshold: number | null;
  planCurrent: boolean | undefined;
}> {
  // With `planText`, every row also says whether the account's plan rows still read as that text (a
  // remembered plan checked by the same statement, see plan-memory.ts); unknown without a live grant.
  const planColumn =
    options.planText === undefined ? '' : `${planRowsQuery('$1')}::text = $5 AS plan_current, `;
  const { rows } = await db.query<
    GrantRow & { held: number | string; plan_current?: boolean; top_up_threshold?: number | string | null }
  >(
    options.lock
      ? `SELECT ${planColumn}${TOP_UP_THRESHOLD}, ${LIVE_GRANTS} FOR UPDATE`
      : `SELECT ${planColumn}${LIVE_GRANTS}`,
    [
      accountId,
      featureKey,
      at,
      currentPeriodKeys,
      ...(options.planText === undefined ? [] : [options.planText]),
    ],
  );
  // Every row carries the same sums. Without a live grant they are unknown, and nothing is available anyway.
  const threshold = rows[0]?.top_up_threshold;
  return {
    grants: rows,
    held: Number(rows[0]?.held ?? 0),
    topUpThreshold: threshold === null || threshold === undefined ? null : Number(threshold),
    planCurrent: rows[0]?.plan_current,
  };
}

/** The threshold of the account's auto top-up of feature $2, when on (see `auto-top-up-crossing.ts`). */
const TOP_UP_THRESHOLD = `(SELECT s.threshold FROM auto_top_up_settings s
     WHERE s.account_id = $1 AND s.feature_key = $2 AND s.enabled) AS top_up_threshold`;

/**
 * Columns, table and conditions of live grants in spending order, with the feature's held units on every
 * row; parameters $1 account … $4 period keys.
 *
 * Rolled-over units go first, soonest to expire first, then the rest soonest to expire first. A carry is
 * what the plan gives on top of the period's allowance for a while only: spent after the allowance, it
 * would mostly expire unused whenever a period's usage stays under the allowance — which is the very case
 * a rollover exists for. Only the spending order changes; the lock order (`lockGrants`) does not.
 */
export const LIVE_GRANTS = `id, source, amount, remaining, effective_at, expires_at, period_key, reason, created_at,
    (SELECT coalesce(sum(h.amount), 0) FROM credit_holds h
     WHERE h.account_id = $1 AND h.feature_key = $2 AND h.status = 'held' AND h.expires_at > $3) AS held
  FROM credit_grants
  WHERE account_id = $1 AND feature_key = $2 AND effective_at <= $3 AND (expires_at IS NULL OR expires_at > $3)
    AND (period_key IS NULL OR period_key = ANY($4::text[]))
  ORDER BY source = 'rollover' DESC, expires_at ASC NULLS LAST, id ASC`;

/**
 * Locks, for the caller's transaction, every grant a balance of the features may be made of at `at` (each
 * unexpired one: a superset of the live ones), in the one order every locker takes them — `bk_lock_grants`
 * (migration 0015), which the track function calls too.
 *
 * Why the lock is taken before the read, by a statement of its own: a hold is a row of its own, not a
 * change to the grants. Under READ COMMITTED, a locking read that waited for a grant's lock sees that grant
 * as it is now but every other table as of the moment the statement started — so a read that waited behind
 * a reservation would miss its hold and spend held units. A read starting once the lock is held sees every
 * hold (and every spend) committed before, and no one can commit another until this transaction ends.
 */
export async function lockGrants(
  db: Executor,
  accountId: string,
  featureKeys: readonly string[],
  at: Date,
): Promise<void> {
  await db.query('SELECT bk_lock_grants($1, $2::text[], $3)', [accountId, featureKeys, at]);
}

export const toGrant = (featureKey: string, row: GrantRow): Grant => ({
  id: String(row.id),
  feature: featureKey,
  source: row.source,
  amount: Number(row.amount),
  remaining: Number(row.remaining),
  effectiveAt: row.effective_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  reason: row.reason,
  createdAt: row.created_at.toISOString(),
});

/** How many units to take from each grant, in the order given (see `LIVE_GRANTS`), for up to `units` units. */
export function planDraws(
  grants: readonly GrantRow[],
  units: number,
): { grantId: number; source: GrantSource; units: number }[] {
  const draws: { grantId: number; source: GrantSource; units: number }[] = [];
  let left = units;
  for (const grant of grants) {
    if (left <= 0) break;
    const take = Math.min(Number(grant.remaining), left);
    if (take <= 0) continue;
    draws.push({ grantId: grant.id, source: grant.source, units: take });
    left -= take;
  }
  return draws;
}

export interface NewGrant {
  accountId: string;
  featureKey: string;
  source: GrantSource;
  amount: number;
  effectiveAt: Date;
  expiresAt: Date | null;
  reference?: string | null;
  reason?: string | null;
  ledgerType: 'grant' | 'adjustment';
  description: string;
}

/**
 * Inserts one grant (a pack, an add-on, an adjustment) with its ledger entry. A reference already granted
 * from the same source (a replayed purchase webhook) creates nothing and answers null.
 */
export async function insertGrant(
  db: Executor,
  grant: NewGrant,
): Promise<{ grantId: number; ledgerId: number; at: Date } | null> {
  const { rows } = await db.query<{ grant_id: number; ledger_id: number; at: Date }>(
    `WITH inserted AS (
       INSERT INTO credit_grants (account_id, feature_key, source, amount, remaining, effective_at, expires_at, reference, reason)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)
       ON CONFLICT (source, reference) WHERE reference IS NOT NULL DO NOTHING
       RETURNING id, created_at
     ), ledger AS (
       INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, description, reference, at)
       SELECT $1, $2, $9, $4, $3, id, $10, $7, $5 FROM inserted
       RETURNING id, grant_id, at
     )
     SELECT grant_id, id AS ledger_id, at FROM ledger`,
    [
      grant.accountId,
      grant.featureKey,
      grant.source,
      grant.amount,
      grant.effectiveAt,
      grant.expiresAt,
      grant.reference ?? null,
      grant.reason ?? null,
      grant.ledgerType,
      grant.description,
    ],
  );
  const row = rows[0];
  return row ? { grantId: Number(row.grant_id), ledgerId: Number(row.ledger_id), at: row.at } : null;
}
