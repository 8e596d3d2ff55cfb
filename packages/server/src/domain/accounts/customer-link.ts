import Stripe from 'stripe';
import type { Executor } from '../../db/database.js';
import type { BillingServices } from '../../services.js';

/**
 * Makes sure the Stripe customer an event names is tied to its account. Events arrive in any order, so an
 * invoice can precede the checkout that created the customer: the customer's own metadata (written when we
 * created it) says which account it is, and an account Stripe knows but we do not yet is created.
 */
export async function linkStripeCustomer(
  services: BillingServices,
  tx: Executor,
  customer: string | { id: string } | null,
): Promise<void> {
  const customerId = customer === null ? null : typeof customer === 'string' ? customer : customer.id;
  if (!customerId) return;
  const { rowCount } = await tx.query('SELECT 1 FROM accounts WHERE stripe_customer_id = $1', [customerId]);
  if (rowCount > 0) return;
  const found = await services.stripe.call((stripe) =>
    stripe.customers.retrieve(customerId).catch((error: unknown) => {
      if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') return null;
      throw error;
    }),
  );
  if (!found || found.deleted) return;
  const accountId = found.metadata?.account_id;
  if (!accountId) return;
  await tx.query(
    `INSERT INTO accounts (id, name, email, stripe_customer_id) VALUES ($1, COALESCE($2, ''), $3, $4)
     ON CONFLICT (id) DO UPDATE SET stripe_customer_id = COALESCE(accounts.stripe_customer_id, $4)`,
    [accountId, found.name ?? null, found.email ?? null, customerId],
  );
}
