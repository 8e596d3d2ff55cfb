import type { Executor } from '../../db/database.js';
import type { StripeReader } from '../webhooks/stripe-reader.js';

/** The id of an expandable Stripe field, whether Stripe sent the id or the object. */
export const stripeIdOf = (customer: string | { id: string } | null | undefined): string | null =>
  customer === null || customer === undefined ? null : typeof customer === 'string' ? customer : customer.id;

export async function isCustomerLinked(db: Executor, customerId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM accounts WHERE stripe_customer_id = $1', [customerId]);
  return rowCount > 0;
}

/**
 * Makes sure the Stripe customer an event names is tied to its account. Events arrive in any order, so an
 * invoice can precede the checkout that created the customer: the customer's own metadata (written when we
 * created it) says which account it is, and an account Stripe knows but we do not yet is created.
 */
export async function linkStripeCustomer(
  reader: StripeReader,
  tx: Executor,
  customer: string | { id: string } | null,
): Promise<void> {
  const customerId = stripeIdOf(customer);
  if (!customerId || (await isCustomerLinked(tx, customerId))) return;
  const found = await reader.customer(customerId);
  const accountId = found?.metadata?.account_id;
  if (!found || !accountId) return;
  await tx.query(
    `INSERT INTO accounts (id, name, email, stripe_customer_id) VALUES ($1, COALESCE($2, ''), $3, $4)
     ON CONFLICT (id) DO UPDATE SET stripe_customer_id = COALESCE(accounts.stripe_customer_id, $4)`,
    [accountId, found.name ?? null, found.email ?? null, customerId],
  );
}
