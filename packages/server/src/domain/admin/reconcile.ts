import type { ReconcileResult } from '@billing-kit/contracts';
import { notFound } from '../../billing-error.js';
import type { Executor } from '../../db/database.js';
import type { BillingServices } from '../../services.js';
import type { AuditActor } from '../audit/audit-log.js';
import { recordAudit } from '../audit/audit-log.js';
import { mirrorInvoice } from '../invoices/invoice-mirror.js';
import { mirrorSubscription } from '../subscriptions/subscription-mirror.js';

type Change = ReconcileResult['changes'][number];

const subscriptionFields = [
  'status',
  'plan_id',
  'cancel_at_period_end',
  'current_period_end',
  'trial_end',
] as const;
const invoiceFields = ['status', 'total', 'amount_paid', 'amount_remaining'] as const;

async function snapshot(
  tx: Executor,
  table: 'subscriptions' | 'invoices',
  id: string,
  fields: readonly string[],
) {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT ${fields.join(', ')} FROM ${table} WHERE id = $1`,
    [id],
  );
  return rows[0];
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

function diff(
  accountId: string,
  object: string,
  fields: readonly string[],
  before?: Record<string, unknown>,
  after?: Record<string, unknown>,
): Change[] {
  if (!before) return after ? [{ accountId, object, field: '*', before: null, after: 'created' }] : [];
  return fields
    .filter(
      (field) => JSON.stringify(comparable(before[field])) !== JSON.stringify(comparable(after?.[field])),
    )
    .map((field) => ({
      accountId,
      object,
      field,
      before: comparable(before[field]),
      after: comparable(after?.[field]),
    }));
}

async function reconcileAccount(
  services: BillingServices,
  accountId: string,
  customerId: string,
  actor: AuditActor,
): Promise<Change[]> {
  const { subscriptions, invoices } = await services.stripe.call(async (stripe) => ({
    subscriptions: await stripe.subscriptions
      .list({ customer: customerId, status: 'all', limit: 100 })
      .autoPagingToArray({ limit: 1000 }),
    invoices: await stripe.invoices
      .list({ customer: customerId, limit: 100 })
      .autoPagingToArray({ limit: 1000 }),
  }));
  return services.db.transaction(async (tx) => {
    const changes: Change[] = [];
    const observedAt = services.now();
    for (const subscription of subscriptions) {
      const before = await snapshot(tx, 'subscriptions', subscription.id, subscriptionFields);
      await mirrorSubscription(tx, subscription, observedAt, actor, { fresh: true });
      const after = await snapshot(tx, 'subscriptions', subscription.id, subscriptionFields);
      changes.push(...diff(accountId, `subscription ${subscription.id}`, subscriptionFields, before, after));
    }
    for (const invoice of invoices) {
      if (!invoice.id) continue;
      const before = await snapshot(tx, 'invoices', invoice.id, invoiceFields);
      await mirrorInvoice(tx, invoice, observedAt, { fresh: true });
      const after = await snapshot(tx, 'invoices', invoice.id, invoiceFields);
      changes.push(...diff(accountId, `invoice ${invoice.id}`, invoiceFields, before, after));
    }
    if (changes.length > 0) {
      await recordAudit(tx, {
        accountId,
        actor,
        action: 'reconcile.repaired',
        subjectType: 'account',
        subjectId: accountId,
        after: changes,
        reason: 'mirror differed from Stripe',
        at: observedAt,
      });
    }
    return changes;
  });
}

/**
 * Re-reads one account's (or every account's) subscriptions and invoices from Stripe and repairs the
 * mirror after missed webhooks, reporting each field it changed.
 */
export async function reconcile(
  services: BillingServices,
  scope: { accountId?: string | undefined },
  actor: AuditActor,
): Promise<ReconcileResult> {
  const { rows } = await services.db.query<{ id: string; stripe_customer_id: string | null }>(
    scope.accountId
      ? 'SELECT id, stripe_customer_id FROM accounts WHERE id = $1'
      : 'SELECT id, stripe_customer_id FROM accounts WHERE stripe_customer_id IS NOT NULL ORDER BY id',
    scope.accountId ? [scope.accountId] : [],
  );
  if (scope.accountId && rows.length === 0) throw notFound('Account');
  const changes: Change[] = [];
  for (const account of rows) {
    if (account.stripe_customer_id) {
      changes.push(...(await reconcileAccount(services, account.id, account.stripe_customer_id, actor)));
    }
  }
  return { accountsChecked: rows.length, changes };
}
