import { payInvoiceOrThrow } from '../billing/invoice-payment.js';
import { formatDate, formatMoney } from '../billing/periods.js';
import type { EmulatorContext } from '../context.js';
import { idOf } from '../lookups.js';
import type { InvoiceObject } from '../objects.js';
import { replaceDefaultCard } from '../resources/payment-methods.js';
import { type PageResponse, page, type Route } from '../router.js';
import { StripeApiError } from '../stripe-errors.js';
import { escapeHtml, formString, htmlPage, redirect } from './html.js';
import { textPdf } from './invoice-pdf.js';

function invoicePage(invoice: InvoiceObject, message: string | null, status = 200): PageResponse {
  const rows = invoice.lines.data
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description ?? '')}</td><td>${escapeHtml(formatMoney(line.amount, line.currency))}</td></tr>`,
    )
    .join('');
  const payForm =
    invoice.status === 'open'
      ? `<form method="post" action="/invoices/${escapeHtml(invoice.id)}/pay">
<label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric" required>
<button type="submit">Pay ${escapeHtml(formatMoney(invoice.amount_remaining, invoice.currency))}</button></form>`
      : '';
  return htmlPage(
    `Invoice ${invoice.number ?? invoice.id}`,
    `<h1>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</h1>
<p>Status: <strong>${escapeHtml(invoice.status ?? '')}</strong> · Issued ${escapeHtml(formatDate(invoice.created))}</p>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<table aria-label="Invoice lines"><thead><tr><th>Description</th><th>Amount</th></tr></thead><tbody>${rows}</tbody></table>
<p>Total: <strong>${escapeHtml(formatMoney(invoice.total, invoice.currency))}</strong> · Amount due: ${escapeHtml(formatMoney(invoice.amount_remaining, invoice.currency))}</p>
${payForm}
<p><a href="/invoices/${escapeHtml(invoice.id)}/pdf">Download PDF</a></p>`,
    status,
  );
}

const missing = () => htmlPage('Not found', '<h1>Invoice not found</h1>', 404);

export const hostedInvoiceRoutes: Route[] = [
  page('GET', '/invoices/:id', ({ pathParams }, context) => {
    const invoice = context.store.invoices.get(pathParams.id ?? '');
    return invoice && invoice.status !== 'draft' ? invoicePage(invoice, null) : missing();
  }),
  page('GET', '/invoices/:id/pdf', ({ pathParams }, context) => {
    const invoice = context.store.invoices.get(pathParams.id ?? '');
    if (!invoice || invoice.status === 'draft') return missing();
    const lines = [
      `Invoice ${invoice.number ?? invoice.id}`,
      `Status: ${invoice.status}`,
      `Date: ${formatDate(invoice.created)}`,
      '',
      ...invoice.lines.data.map(
        (line) => `${line.description ?? ''}  ${formatMoney(line.amount, line.currency)}`,
      ),
      '',
      `Total: ${formatMoney(invoice.total, invoice.currency)}`,
      `Amount due: ${formatMoney(invoice.amount_remaining, invoice.currency)}`,
    ];
    return {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${invoice.number ?? invoice.id}.pdf"`,
      },
      body: textPdf(lines),
    };
  }),
  page('POST', '/invoices/:id/pay', ({ pathParams, form }, context: EmulatorContext) => {
    const invoice = context.store.invoices.get(pathParams.id ?? '');
    if (!invoice || invoice.status === 'draft') return missing();
    try {
      const customerId = idOf(invoice.customer);
      if (customerId) replaceDefaultCard(context, customerId, formString(form, 'card_number'));
      if (invoice.status === 'open') payInvoiceOrThrow(context, invoice, undefined);
      return redirect(`/invoices/${invoice.id}`);
    } catch (error) {
      if (error instanceof StripeApiError) return invoicePage(invoice, error.message, error.status);
      throw error;
    }
  }),
];
