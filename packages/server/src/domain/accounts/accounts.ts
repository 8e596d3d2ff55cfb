import type { Identity } from '../../auth/identity.js';
import { notFound } from '../../billing-error.js';
import type { Executor } from '../../db/database.js';
import type { BillingServices } from '../../services.js';

export interface AccountRecord {
  id: string;
  name: string;
  email: string | null;
  stripeCustomerId: string | null;
  planId: string | null;
  createdAt: Date;
}

interface AccountRow {
  id: string;
  name: string;
  email: string | null;
  stripe_customer_id: string | null;
  plan_id: string | null;
  created_at: Date;
}

const toRecord = (row: AccountRow): AccountRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  stripeCustomerId: row.stripe_customer_id,
  planId: row.plan_id,
  createdAt: row.created_at,
});

export async function findAccount(db: Executor, accountId: string): Promise<AccountRecord | null> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [accountId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findAccountByCustomer(db: Executor, customerId: string): Promise<AccountRecord | null> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE stripe_customer_id = $1', [
    customerId,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * The account a call acts on. Accounts come into being the first time the host vouches for them — a
 * member's own token or the server-to-server key — so host apps need no separate sign-up call. Admins
 * only see accounts that exist.
 */
export async function accountForCall(
  db: Executor,
  identity: Identity | null,
  accountId: string,
): Promise<AccountRecord> {
  const vouched =
    identity?.kind === 'api_key' || (identity?.kind === 'user' && identity.accountId === accountId);
  if (!vouched) {
    const existing = await findAccount(db, accountId);
    if (!existing) throw notFound('Account');
    return existing;
  }
  const name = identity.kind === 'user' ? (identity.name ?? null) : null;
  const email = identity.kind === 'user' ? (identity.email ?? null) : null;
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, name, email) VALUES ($1, COALESCE($2, ''), $3)
     ON CONFLICT (id) DO UPDATE SET
       name = CASE WHEN accounts.name = '' AND $2::text IS NOT NULL THEN $2 ELSE accounts.name END,
       email = COALESCE(accounts.email, $3)
     RETURNING *`,
    [accountId, name, email],
  );
  if (identity.kind === 'user' && identity.role !== 'admin') {
    await db.query(
      `INSERT INTO account_members (account_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, user_id) DO UPDATE SET role = $3`,
      [accountId, identity.userId, identity.role],
    );
  }
  return toRecord(rows[0] as AccountRow);
}

/** The account's Stripe customer, created once; the idempotency key stops two requests creating two. */
export async function ensureStripeCustomer(
  services: BillingServices,
  account: AccountRecord,
): Promise<string> {
  if (account.stripeCustomerId) return account.stripeCustomerId;
  const customer = await services.stripe.call((stripe) =>
    stripe.customers.create(
      {
        ...(account.name ? { name: account.name } : {}),
        ...(account.email ? { email: account.email } : {}),
        metadata: { account_id: account.id },
      },
      { idempotencyKey: `billing-kit-customer-${account.id}` },
    ),
  );
  const { rows } = await services.db.query<{ stripe_customer_id: string }>(
    `UPDATE accounts SET stripe_customer_id = COALESCE(stripe_customer_id, $2), updated_at = now()
     WHERE id = $1 RETURNING stripe_customer_id`,
    [account.id, customer.id],
  );
  return rows[0]?.stripe_customer_id ?? customer.id;
}
