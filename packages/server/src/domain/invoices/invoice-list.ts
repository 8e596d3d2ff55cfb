import type { Invoice, Page } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';

interface InvoiceRow {
  id: string;
  account_id: string;
  number: string | null;
  status: Invoice['status'];
  currency: string;
  total: number;
  amount_due: number;
  amount_paid: number;
  period_start: Date | null;
  period_end: Date | null;
  stripe_created_at: Date;
  paid_at: Date | null;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  lines: Invoice['lines'];
}

const toInvoice = (row: InvoiceRow): Invoice => ({
  id: row.id,
  accountId: row.account_id,
  number: row.number,
  status: row.status,
  total: { amount: row.total, currency: row.currency },
  amountDue: { amount: row.amount_due, currency: row.currency },
  amountPaid: { amount: row.amount_paid, currency: row.currency },
  periodStart: row.period_start?.toISOString() ?? null,
  periodEnd: row.period_end?.toISOString() ?? null,
  createdAt: row.stripe_created_at.toISOString(),
  paidAt: row.paid_at?.toISOString() ?? null,
  hostedInvoiceUrl: row.hosted_invoice_url,
  invoicePdfUrl: row.invoice_pdf,
  lines: row.lines,
});

export interface InvoiceFilter {
  accountId?: string | undefined;
  status?: Invoice['status'] | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Invoices newest first, by keyset on (created, id) so pages stay stable while invoices arrive. */
export async function listInvoices(db: Executor, filter: InvoiceFilter): Promise<Page<Invoice>> {
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const { rows } = await db.query<InvoiceRow>(
    `SELECT * FROM invoices
     WHERE ($1::text IS NULL OR account_id = $1) AND ($2::text IS NULL OR status = $2)
       AND ($3::timestamptz IS NULL OR (stripe_created_at, id) < ($3::timestamptz, $4::text))
     ORDER BY stripe_created_at DESC, id DESC LIMIT $5`,
    [
      filter.accountId ?? null,
      filter.status ?? null,
      after ? new Date(after.sortValue) : null,
      after?.id ?? null,
      filter.limit + 1,
    ],
  );
  const hasMore = rows.length > filter.limit;
  const data = rows.slice(0, filter.limit).map(toInvoice);
  const last = data.at(-1);
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null };
}
