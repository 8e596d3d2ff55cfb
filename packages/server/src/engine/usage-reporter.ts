import type { BillUsageResult } from '@billing-kit/contracts';
import { BillingError, notConfigured, notFound } from '../billing-error.js';
import type { StripeGateway } from '../stripe/stripe-gateway.js';
import type { EngineContext } from './engine-context.js';

export interface ReportUsageOptions {
  accountId?: string | undefined;
  /** Rows per run. */
  limit?: number;
}

export interface BillUsageInput {
  accountId?: string | undefined;
}

interface OutboxRow {
  usage_event_id: number;
  account_id: string;
  feature_key: string;
  units: number;
  amount: number;
  currency: string;
  occurred_at: Date;
  per: number;
  stripe_customer_id: string | null;
}

/** The Stripe meter event name of a feature's usage; catalog sync creates a meter for it. */
export const meterEventName = (featureKey: string) => `bk_${featureKey}`;

/** Each usage event's own identifier at Stripe: resending it after a crash is counted once. */
export const usageIdentifier = (usageEventId: number) => `bk_usage_${usageEventId}`;

/** The meter value: usage in the price's billing units (1,500 words at $1.00 per 1,000 → "1.5"). */
const billingUnits = (row: OutboxRow) => String(Number(row.units) / Number(row.per));

function gatewayOf(context: EngineContext): StripeGateway {
  if (!context.stripe?.configured) throw notConfigured(['STRIPE_SECRET_KEY']);
  return context.stripe;
}

async function pendingRows(context: EngineContext, accountId: string | undefined, limit: number) {
  const { rows } = await context.db.query<OutboxRow>(
    `SELECT o.*, a.stripe_customer_id FROM usage_outbox o JOIN accounts a ON a.id = o.account_id
     WHERE o.reported_at IS NULL AND ($1::text IS NULL OR o.account_id = $1)
     ORDER BY o.usage_event_id LIMIT $2`,
    [accountId ?? null, limit],
  );
  return rows;
}

async function markReported(context: EngineContext, id: number, via: 'meter_event' | 'invoice_item') {
  await context.db.query(
    `UPDATE usage_outbox SET reported_at = $2, reported_via = $3, attempts = attempts + 1, last_error = NULL
     WHERE usage_event_id = $1 AND reported_at IS NULL`,
    [id, context.now(), via],
  );
}

async function markFailed(context: EngineContext, id: number, message: string) {
  await context.db.query(
    'UPDATE usage_outbox SET attempts = attempts + 1, last_error = $2 WHERE usage_event_id = $1',
    [id, message],
  );
}

/**
 * Sends pending overage to Stripe as billing meter events, oldest first, marking each row after Stripe
 * accepted it. A crash between the two leaves the row pending; the next run sends the same identifier and
 * Stripe keeps the first event, so every usage event is billed exactly once. Safe on every replica.
 */
export async function reportUsage(
  context: EngineContext,
  options: ReportUsageOptions = {},
): Promise<{ reported: number; failed: number }> {
  const stripe = gatewayOf(context);
  let reported = 0;
  let failed = 0;
  for (const row of await pendingRows(context, options.accountId, options.limit ?? 500)) {
    if (!row.stripe_customer_id) {
      await markFailed(context, row.usage_event_id, 'The account has no Stripe customer');
      failed += 1;
      continue;
    }
    try {
      await stripe.call((client) =>
        client.billing.meterEvents.create({
          event_name: meterEventName(row.feature_key),
          payload: { stripe_customer_id: row.stripe_customer_id as string, value: billingUnits(row) },
          identifier: usageIdentifier(row.usage_event_id),
          timestamp: Math.floor(row.occurred_at.getTime() / 1000),
        }),
      );
    } catch (error) {
      if (!(error instanceof BillingError)) throw error;
      await markFailed(context, row.usage_event_id, error.message);
      failed += 1;
      continue;
    }
    await markReported(context, row.usage_event_id, 'meter_event');
    reported += 1;
  }
  return { reported, failed };
}

/**
 * "Bill usage now": pending overage becomes invoice items (each with its usage event's idempotency key, so a
 * retry creates none twice) on an invoice created, finalized and charged at once. Usage already sent as meter
 * events stays on the subscription's next invoice, so no unit is billed through both.
 */
export async function billUsage(context: EngineContext, input: BillUsageInput): Promise<BillUsageResult> {
  const stripe = gatewayOf(context);
  if (input.accountId) {
    const { rowCount } = await context.db.query('SELECT 1 FROM accounts WHERE id = $1', [input.accountId]);
    if (rowCount === 0) throw notFound('Account');
  }
  const rows = await pendingRows(context, input.accountId, 10_000);
  const byCustomer = new Map<string, { accountId: string; rows: OutboxRow[] }>();
  for (const row of rows) {
    if (!row.stripe_customer_id) continue;
    const entry = byCustomer.get(row.stripe_customer_id) ?? { accountId: row.account_id, rows: [] };
    entry.rows.push(row);
    byCustomer.set(row.stripe_customer_id, entry);
  }
  const invoices: BillUsageResult['invoices'] = [];
  let reportedEvents = 0;
  for (const [customer, entry] of byCustomer) {
    for (const row of entry.rows) {
      await stripe.call((client) =>
        client.invoiceItems.create(
          {
            customer,
            amount: Number(row.amount),
            currency: row.currency.toLowerCase(),
            description: `${row.feature_key}: ${row.units} units of usage`,
            metadata: { usage_event_id: String(row.usage_event_id) },
          },
          { idempotencyKey: `${usageIdentifier(row.usage_event_id)}_item` },
        ),
      );
      await markReported(context, row.usage_event_id, 'invoice_item');
      reportedEvents += 1;
    }
    const invoice = await stripe.call(async (client) => {
      const draft = await client.invoices.create({
        customer,
        pending_invoice_items_behavior: 'include',
        auto_advance: false,
        metadata: { billing_kit: 'usage' },
      });
      return client.invoices.finalizeInvoice(draft.id as string);
    });
    invoices.push({
      accountId: entry.accountId,
      invoiceId: invoice.id as string,
      total: { amount: invoice.total, currency: invoice.currency.toUpperCase() },
    });
  }
  return { reportedEvents, invoices };
}
