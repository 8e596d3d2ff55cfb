'use client';
import { useBillingContext } from '../billing-provider.js';
import { useInvoices } from '../hooks/use-billing-queries.js';
import { PagedList } from '../internal/paged-list.js';
import { useCursorPager } from '../internal/use-cursor-pager.js';

const statusLabels = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  uncollectible: 'Uncollectible',
  void: 'Void',
} as const;

export function InvoiceList({ accountId, pageSize = 10 }: { accountId: string; pageSize?: number }) {
  const { format } = useBillingContext('BillingDashboard');
  const pager = useCursorPager();
  const invoices = useInvoices(
    { limit: pageSize, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
    accountId,
  );
  return (
    <PagedList query={invoices} pager={pager} noun="invoices">
      {(items) => (
        <table className="bk-table">
          <caption className="bk-visually-hidden">Invoices</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Number</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="bk-visually-hidden">Links</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((invoice) => (
              <tr key={invoice.id}>
                <td>{format.date(invoice.createdAt)}</td>
                <td>{invoice.number ?? '—'}</td>
                <td>{format.money(invoice.total)}</td>
                <td>
                  <span className="bk-badge" data-status={invoice.status}>
                    {statusLabels[invoice.status]}
                  </span>
                </td>
                <td className="bk-table__links">
                  {invoice.hostedInvoiceUrl ? (
                    <a
                      href={invoice.hostedInvoiceUrl}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={`View invoice ${invoice.number ?? invoice.id}`}
                    >
                      View
                    </a>
                  ) : null}{' '}
                  {invoice.invoicePdfUrl ? (
                    <a
                      href={invoice.invoicePdfUrl}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={`PDF of invoice ${invoice.number ?? invoice.id}`}
                    >
                      PDF
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}
