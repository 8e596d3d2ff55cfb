import type { Executor } from '../db/database.js';
import { recordAudit } from '../domain/audit/audit-log.js';

/** Why a top-up's charge failed, as Stripe said it (`card_declined`, …) or as the server found it. */
export interface TopUpFailure {
  code: string;
  message: string;
}

const declined: TopUpFailure = { code: 'payment_failed', message: 'The payment failed.' };

/**
 * Settles the auto top-up a purchase paid for, in the transaction that settles the purchase (so the attempt,
 * the purchase and the pack's grant agree). A failure turns the account's setting off with its reason: a
 * declined card is reported, never charged again by itself; the account turns it back on after fixing the
 * card. A purchase that is not an auto top-up's changes nothing.
 */
export async function settleAutoTopUp(
  tx: Executor,
  purchaseId: string,
  outcome: 'paid' | 'failed',
  at: Date,
  failure: TopUpFailure | undefined,
): Promise<void> {
  const reason = outcome === 'failed' ? (failure ?? declined) : null;
  const { rows } = await tx.query<{ account_id: string; feature_key: string }>(
    `UPDATE auto_top_ups SET status = $2, settled_at = $3, failure_code = $4, failure_message = $5
     WHERE purchase_id = $1 AND (status = 'pending' OR (status = 'failed' AND $2 = 'paid'))
     RETURNING account_id, feature_key`,
    [purchaseId, outcome, at, reason?.code ?? null, reason?.message ?? null],
  );
  const attempt = rows[0];
  if (!attempt || !reason) return;
  await disableAutoTopUp(tx, attempt.account_id, attempt.feature_key, reason, at);
}

/** Turns an account's auto top-up of a feature off after a failure, with the reason, audited. */
export async function disableAutoTopUp(
  tx: Executor,
  accountId: string,
  featureKey: string,
  failure: TopUpFailure,
  at: Date,
): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE auto_top_up_settings SET enabled = false, disabled_reason = $3, updated_at = $4
     WHERE account_id = $1 AND feature_key = $2 AND enabled RETURNING feature_key`,
    [accountId, featureKey, failure.message, at],
  );
  if (rows.length === 0) return;
  await recordAudit(tx, {
    accountId,
    actor: { type: 'system', id: 'auto_top_up' },
    action: 'auto_top_up.disabled',
    subjectType: 'auto_top_up_setting',
    subjectId: featureKey,
    after: { enabled: false, failure },
    at,
  });
}
