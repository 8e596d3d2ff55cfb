import type { Invoice } from '@billing-kit/contracts';
import type Stripe from 'stripe';

type InvoiceLine = Invoice['lines'][number];

import type { Executor } from '../../db/database.js';
import { accountIdForStripe, type MirrorOutcome } from '../subscriptions/subscription-mirror.js';

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

/** The subscription an invoice bills, where Stripe's current API version keeps it. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const subscription = invoice.parent?.subscription_details?.subscription;
  if (!subscription) return null;
  return typeof subscription === 'string' ? subscription : subscription.id;
}

/** The lines Stripe included with the invoice (its first page), in the API's shape. */
export function linesOf(invoice: Stripe.Invoice): InvoiceLine[] {
  return (invoice.lines?.data ?? []).map((line) => ({
    description: line.description ?? '',
    amount: { amount: line.amount, currency: line.currency.toUpperCase() },
    quantity: line.quantity ?? null,
  }));
}

/** Writes Stripe's view of an invoice into the mirror unless a newer view is already there. */
export async function mirrorInvoice(
  tx: Executor,
  invoice: Stripe.Invoice,
  observedAt: Date,
  options: { fresh?: boolean } = {},
): Promise<MirrorOutcome> {
  if (!invoice.id) return 'unknown_account';
  const accountId = await accountIdForStripe(tx, invoice.metadata, invoice.customer);
  if (!accountId) return 'unknown_account';
  const { rows } = await tx.query<{ stripe_updated_at: Date }>(
    'SELECT stripe_updated_at FROM invoices WHERE id = $1 FOR UPDATE',
    [invoice.id],
  );
  if (rows[0] && rows[0].stripe_updated_at > observedAt && !options.fresh) return 'stale';
  await tx.query(
    `INSERT INTO invoices (id, account_id, subscription_id, number, status, billing_reason, currency, subtotal, total,
       amount_due, amount_paid, amount_remaining, hosted_invoice_url, invoice_pdf, period_start, period_end, paid_at,
       stripe_created_at, stripe_updated_at, lines)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::jsonb)
     ON CONFLICT (id) DO UPDATE SET subscription_id = $3, number = $4, status = $5, billing_reason = $6, currency = $7,
       subtotal = $8, total = $9, amount_due = $10, amount_paid = $11, amount_remaining = $12,
       hosted_invoice_url = $13, invoice_pdf = $14, period_start = $15, period_end = $16, paid_at = $17,
       lines = $20::jsonb, stripe_updated_at = GREATEST(invoices.stripe_updated_at, $19), updated_at = now()`,
    [
      invoice.id,
      accountId,
      invoiceSubscriptionId(invoice),
      invoice.number ?? null,
      invoice.status ?? 'draft',
      invoice.billing_reason ?? null,
      invoice.currency.toUpperCase(),
      invoice.subtotal,
      invoice.total,
      invoice.amount_due,
      invoice.amount_paid,
      invoice.amount_remaining,
      invoice.hosted_invoice_url ?? null,
      invoice.invoice_pdf ?? null,
      fromUnix(invoice.period_start),
      fromUnix(invoice.period_end),
      fromUnix(invoice.status_transitions?.paid_at),
      fromUnix(invoice.created),
      observedAt,
      JSON.stringify(linesOf(invoice)),
    ],
  );
  return 'applied';
}
