import type { Executor } from '../db/database.js';
import { insertGrant } from './grants.js';

const DAY_MS = 86_400_000;

/**
 * The grant a paid credit pack buys: units × quantity, expiring its days after payment — a `top_up` when an
 * auto top-up bought it. Keyed by the
 * purchase id, so the checkout and payment-intent events that both report the payment grant once.
 * Call it in the transaction that marks the purchase paid.
 */
export async function grantPaidPurchase(tx: Executor, purchaseId: string): Promise<boolean> {
  const { rows } = await tx.query<{
    account_id: string;
    quantity: number;
    paid_at: Date | null;
    feature_key: string;
    amount: number;
    expires_after_days: number | null;
    name: string;
    origin: 'checkout' | 'auto_top_up';
  }>(
    `SELECT p.account_id, p.quantity, p.paid_at, p.origin, c.feature_key, c.amount, c.expires_after_days, c.name
     FROM purchases p JOIN credit_packs c ON c.id = p.credit_pack_id
     WHERE p.id = $1 AND p.status = 'paid'`,
    [purchaseId],
  );
  const purchase = rows[0];
  if (!purchase) return false;
  const paidAt = purchase.paid_at ?? new Date();
  const created = await insertGrant(tx, {
    accountId: purchase.account_id,
    featureKey: purchase.feature_key,
    source: purchase.origin === 'auto_top_up' ? 'top_up' : 'credit_pack',
    amount: Number(purchase.amount) * Number(purchase.quantity),
    effectiveAt: paidAt,
    expiresAt:
      purchase.expires_after_days === null
        ? null
        : new Date(paidAt.getTime() + purchase.expires_after_days * DAY_MS),
    reference: purchaseId,
    ledgerType: 'grant',
    description:
      purchase.origin === 'auto_top_up' ? `Auto top-up: ${purchase.name}` : `Purchased ${purchase.name}`,
  });
  return created !== null;
}
