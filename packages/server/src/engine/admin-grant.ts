import type { GrantSource, LedgerEntry } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import { type AuditActor, recordAudit } from '../domain/audit/audit-log.js';
import { featureRule, loadAccountPlan } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { insertGrant, planDraws } from './grants.js';
import { meteredBalance } from './metered-balance.js';
import { transactionWithRetry } from './transaction-retry.js';

export interface AdminGrantInput {
  feature: string;
  /** Positive grants; negative removes, soonest-to-expire first, never below zero. */
  amount: number;
  reason: string;
  source: Extract<GrantSource, 'adjustment' | 'promotion'>;
  expiresAt?: string | undefined;
}

/**
 * An operator grants or removes credits. The grant (or the removal from live grants), its ledger entry and
 * the audit entry (who, what, balance before and after, why) are one transaction.
 */
export async function adminGrant(
  context: EngineContext,
  accountId: string,
  input: AdminGrantInput,
  actor: AuditActor,
  requestId?: string,
): Promise<LedgerEntry> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const rule = featureRule(catalog, accountPlan, input.feature);
  if (rule?.kind !== 'metered' || rule.spends.key !== rule.feature.key) {
    const message = !rule
      ? `Unknown feature "${input.feature}"`
      : rule.kind === 'metered'
        ? `"${input.feature}" is paid in "${rule.spends.key}"; grant that instead`
        : `"${input.feature}" is not a metered feature`;
    throw new BillingError('validation_failed', message, { issues: [{ field: 'body.feature', message }] });
  }
  const now = context.now();
  if (input.expiresAt !== undefined && new Date(input.expiresAt) <= now) {
    throw new BillingError('validation_failed', 'expiresAt is in the past', {
      issues: [{ field: 'body.expiresAt', message: 'must be in the future' }],
    });
  }
  return transactionWithRetry(context.db, async (tx) => {
    const balance = await meteredBalance(tx, accountPlan, rule, now, { lock: true });
    let entry: { id: number; at: Date; amount: number };
    if (input.amount > 0) {
      const created = await insertGrant(tx, {
        accountId,
        featureKey: rule.feature.key,
        source: input.source,
        amount: input.amount,
        effectiveAt: now,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        reason: input.reason,
        ledgerType: 'adjustment',
        description: input.reason,
      });
      if (!created) throw new Error('A grant without a reference cannot conflict');
      entry = { id: created.ledgerId, at: created.at, amount: input.amount };
    } else {
      const draws = planDraws(balance.grants, Math.min(-input.amount, balance.remaining));
      const removed = draws.reduce((sum, draw) => sum + draw.units, 0);
      const { rows } = await tx.query<{ id: number; at: Date }>(
        `WITH draws AS (SELECT * FROM unnest($3::bigint[], $4::bigint[]) AS d(grant_id, units)),
         spent AS (UPDATE credit_grants g SET remaining = g.remaining - d.units FROM draws d WHERE g.id = d.grant_id)
         INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, description, at)
         VALUES ($1, $2, 'adjustment', $5, $6, $7, $8) RETURNING id, at`,
        [
          accountId,
          rule.feature.key,
          draws.map((d) => d.grantId),
          draws.map((d) => d.units),
          -removed,
          input.source,
          input.reason,
          now,
        ],
      );
      const row = rows[0] as { id: number; at: Date };
      entry = { id: Number(row.id), at: row.at, amount: -removed };
    }
    await recordAudit(tx, {
      accountId,
      actor,
      action: entry.amount >= 0 ? 'credits.granted' : 'credits.removed',
      subjectType: 'credits',
      subjectId: rule.feature.key,
      before: { available: balance.remaining },
      after: { available: balance.remaining + entry.amount },
      reason: input.reason,
      requestId,
      at: now,
    });
    return {
      id: `l${entry.id}`,
      at: entry.at.toISOString(),
      feature: rule.feature.key,
      type: 'adjustment',
      amount: entry.amount,
      source: input.source,
      description: input.reason,
      reference: null,
    };
  });
}
