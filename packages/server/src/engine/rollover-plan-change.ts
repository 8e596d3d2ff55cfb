import type { Catalog } from '@billing-kit/contracts';
import type { Executor } from '../db/database.js';
import { type AuditActor, recordAudit } from '../domain/audit/audit-log.js';

export interface PlanChange {
  accountId: string;
  /** The plans before and after; null is the free tier. */
  fromPlanId: string | null;
  toPlanId: string | null;
  at: Date;
  actor: AuditActor;
}

interface CarryRow {
  id: number | string;
  remaining: number | string;
  expires_at: Date;
}

/**
 * What a plan change does to units rolled over under the plan left, as its rollover says (`onPlanChange`,
 * from the config's `rolloverOnPlanChange`): `keep` leaves them live until they expire — carries are not
 * tied to a period key, so they outlive the plan — and `forfeit` ends them at the change, their reason
 * saying why (the ledger's derived expiry shows it). Either way the audit log says what happened to which
 * units, so none are lost silently. Runs in the transaction that moves the account's plan.
 */
export async function settleRolloversOnPlanChange(
  tx: Executor,
  catalog: Catalog,
  change: PlanChange,
): Promise<void> {
  if (change.fromPlanId === change.toPlanId) return;
  const planOf = (id: string | null) =>
    catalog.plans.find((plan) => plan.id === id) ?? catalog.plans.find((plan) => plan.isFree);
  const from = planOf(change.fromPlanId);
  const to = planOf(change.toPlanId);
  if (!from || from.id === to?.id) return;
  for (const entitlement of from.entitlements) {
    if (entitlement.kind !== 'metered' || !entitlement.rollover) continue;
    const policy = entitlement.rollover.onPlanChange;
    const reason = `Forfeited: the plan changed from ${from.name} to ${to?.name ?? 'none'}`;
    const live = `account_id = $1 AND feature_key = $2 AND source = 'rollover' AND remaining > 0
      AND effective_at <= $3 AND expires_at > $3`;
    const params = [change.accountId, entitlement.feature, change.at];
    const { rows } =
      policy === 'forfeit'
        ? await tx.query<CarryRow>(
            `UPDATE credit_grants SET expires_at = $3, reason = $4 WHERE ${live}
             RETURNING id, remaining, expires_at`,
            [...params, reason],
          )
        : await tx.query<CarryRow>(
            `SELECT id, remaining, expires_at FROM credit_grants WHERE ${live}`,
            params,
          );
    if (rows.length === 0) continue;
    const units = rows.reduce((sum, row) => sum + Number(row.remaining), 0);
    await recordAudit(tx, {
      accountId: change.accountId,
      actor: change.actor,
      action: policy === 'forfeit' ? 'credits.rollover_forfeited' : 'credits.rollover_kept',
      at: change.at,
      subjectType: 'credits',
      subjectId: entitlement.feature,
      before: { planId: from.id, rolledOver: units },
      after: {
        planId: to?.id ?? null,
        rolledOver: policy === 'forfeit' ? 0 : units,
        grants: rows.map((row) => ({
          id: String(row.id),
          remaining: Number(row.remaining),
          expiresAt: row.expires_at.toISOString(),
        })),
      },
      reason:
        policy === 'forfeit'
          ? reason
          : `Kept until they expire: the plan changed from ${from.name} to ${to?.name ?? 'none'}`,
    });
  }
}
