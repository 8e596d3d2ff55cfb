import type { Executor } from '../../db/database.js';
import { settleAutoTopUp, type TopUpFailure } from '../../engine/auto-top-up-settle.js';
import { grantPaidPurchase } from '../../engine/purchase-grants.js';
import { type AuditActor, recordAudit } from '../audit/audit-log.js';

export interface PaymentReference {
  purchaseId?: string | undefined;
  checkoutSessionId?: string | undefined;
  paymentIntentId?: string | undefined;
}

/**
 * Settles a credit-pack purchase from whichever Stripe object reported it first (checkout session or
 * payment intent). A purchase already settled stays as it is, so repeated and crossing events agree.
 * `at` is when Stripe says it happened (the event's time, a test clock's time for a customer on one): the
 * pack's credits are dated from it and expire its days later. A purchase an auto top-up made settles its
 * attempt too (`failure` says why it failed, when known).
 */
export async function settlePurchase(
  tx: Executor,
  reference: PaymentReference,
  outcome: 'paid' | 'failed',
  actor: AuditActor,
  at: Date,
  failure?: TopUpFailure,
): Promise<void> {
  const { rows } = await tx.query<{ id: string; account_id: string; status: string }>(
    `UPDATE purchases SET
       status = $4,
       stripe_payment_intent_id = COALESCE(stripe_payment_intent_id, $3),
       paid_at = CASE WHEN $4 = 'paid' AND paid_at IS NULL THEN $5::timestamptz ELSE paid_at END,
       updated_at = now()
     WHERE (id = $1 OR stripe_checkout_session_id = $2 OR stripe_payment_intent_id = $3)
       AND (status = 'pending' OR (status = 'failed' AND $4 = 'paid'))
     RETURNING id, account_id, status`,
    [
      reference.purchaseId ?? null,
      reference.checkoutSessionId ?? null,
      reference.paymentIntentId ?? null,
      outcome,
      at,
    ],
  );
  for (const row of rows) {
    // The pack's credits land in the same transaction that marks it paid: both or neither.
    if (outcome === 'paid') await grantPaidPurchase(tx, row.id);
    await settleAutoTopUp(tx, row.id, outcome, at, failure);
    await recordAudit(tx, {
      accountId: row.account_id,
      actor,
      action: `purchase.${outcome}`,
      subjectType: 'purchase',
      subjectId: row.id,
      after: { status: row.status },
      at,
    });
  }
}
