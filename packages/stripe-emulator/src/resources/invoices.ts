import { createDraftInvoice } from '../billing/invoice-builder.js';
import {
  finalizeInvoice,
  invoiceSubscriptionId,
  markUncollectible,
  payInvoiceOrThrow,
  voidInvoice,
} from '../billing/invoice-payment.js';
import { previewInvoice } from '../billing/invoice-preview.js';
import { lineFromInvoiceItem, pendingInvoiceItems } from '../billing/pending-items.js';
import { subscriptionAfterPayment } from '../billing/subscription-status.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer, requireInvoice, requireSubscription } from '../lookups.js';
import type { InvoiceObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import { invalidRequest } from '../stripe-errors.js';
import { clone } from '../wire.js';

function createInvoice(context: EmulatorContext, params: Params): InvoiceObject {
  params.rejectUnsupported(['discounts', 'automatic_tax', 'default_tax_rates', 'shipping_cost']);
  const customer = requireCustomer(context, params.requiredString('customer'));
  const subscriptionId = params.string('subscription');
  const subscription = subscriptionId ? requireSubscription(context, subscriptionId) : null;
  const now = nowForCustomer(context, customer.id);
  const include =
    params.oneOf('pending_invoice_items_behavior', ['include', 'exclude'] as const) === 'include';
  const lines = include
    ? pendingInvoiceItems(context, customer.id, subscription?.id ?? null).map((item) =>
        lineFromInvoiceItem(context, item),
      )
    : [];
  return createDraftInvoice(context, {
    customer,
    subscription,
    billingReason: 'manual',
    lines,
    currency: params.string('currency') ?? lines[0]?.currency ?? 'usd',
    created: now,
    periodStart: now,
    periodEnd: now,
    collectionMethod: params.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const),
    autoAdvance: params.boolean('auto_advance') ?? false,
    description: params.string('description') ?? null,
    metadata: params.metadata(),
    daysUntilDue: params.integer('days_until_due') ?? null,
    defaultPaymentMethod: params.string('default_payment_method') ?? null,
  });
}

function invoiceNow(context: EmulatorContext, invoice: InvoiceObject): number {
  return nowForCustomer(context, idOf(invoice.customer));
}

export const invoiceRoutes: Route[] = [
  api('POST', '/v1/invoices/create_preview', ({ params }, context) => previewInvoice(context, params)),
  api('GET', '/v1/invoices/search', ({ params }, context) =>
    search(newestFirst(context.store.invoices.values()), params, '/v1/invoices/search'),
  ),
  api('POST', '/v1/invoices', ({ params }, context) => createInvoice(context, params)),
  api('GET', '/v1/invoices', ({ params }, context) => {
    const customer = params.string('customer');
    const subscription = params.string('subscription');
    const status = params.string('status');
    const invoices = newestFirst(context.store.invoices.values()).filter(
      (invoice) =>
        (customer === undefined || invoice.customer === customer) &&
        (subscription === undefined || invoiceSubscriptionId(invoice) === subscription) &&
        (status === undefined || invoice.status === status) &&
        matchesRange(invoice.created, params, 'created'),
    );
    return paginate(invoices, params, '/v1/invoices');
  }),
  api('GET', '/v1/invoices/:id', ({ pathParams }, context) =>
    requireInvoice(context, pathParams.id ?? '', 'invoice'),
  ),
  api('GET', '/v1/invoices/:id/lines', ({ params, pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    return paginate(invoice.lines.data, params, `/v1/invoices/${invoice.id}/lines`);
  }),
  api('POST', '/v1/invoices/:id', ({ params, pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    const before = clone(invoice);
    if (params.has('metadata')) invoice.metadata = params.metadata(invoice.metadata ?? {});
    if (params.has('description')) {
      if (invoice.status !== 'draft')
        throw invalidRequest('Only draft invoices can change their description.', 'invoice_not_editable');
      invoice.description = params.string('description') ?? null;
    }
    if (params.has('auto_advance'))
      invoice.auto_advance = params.boolean('auto_advance') ?? invoice.auto_advance;
    emit(context, 'invoice.updated', invoice, invoiceNow(context, invoice), before);
    return invoice;
  }),
  api('DELETE', '/v1/invoices/:id', ({ pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    if (invoice.status !== 'draft')
      throw invalidRequest('You can only delete draft invoices.', 'invoice_not_editable');
    context.store.invoices.delete(invoice.id);
    for (const item of context.store.invoiceItems.values())
      if (item.invoice === invoice.id) item.invoice = null;
    emit(context, 'invoice.deleted', invoice, invoiceNow(context, invoice));
    return { id: invoice.id, object: 'invoice', deleted: true };
  }),
  api('POST', '/v1/invoices/:id/finalize', ({ params, pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    if (params.has('auto_advance'))
      invoice.auto_advance = params.boolean('auto_advance') ?? invoice.auto_advance;
    finalizeInvoice(context, invoice, invoiceNow(context, invoice));
    return invoice;
  }),
  api('POST', '/v1/invoices/:id/pay', ({ params, pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    if (params.boolean('paid_out_of_band')) {
      const now = invoiceNow(context, invoice);
      if (invoice.status === 'draft') finalizeInvoice(context, invoice, now);
      if (invoice.status !== 'open')
        throw invalidRequest('Invoice is already paid or closed.', 'invoice_not_open');
      invoice.status = 'paid';
      invoice.amount_paid_off_stripe = invoice.amount_remaining;
      invoice.amount_remaining = 0;
      invoice.next_payment_attempt = null;
      invoice.status_transitions.paid_at = now;
      emit(context, 'invoice.paid', invoice, now);
      subscriptionAfterPayment(context, invoice, true, now);
      return invoice;
    }
    payInvoiceOrThrow(context, invoice, params.string('payment_method'));
    return invoice;
  }),
  api('POST', '/v1/invoices/:id/void', ({ pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    voidInvoice(context, invoice, invoiceNow(context, invoice));
    return invoice;
  }),
  api('POST', '/v1/invoices/:id/mark_uncollectible', ({ pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    markUncollectible(context, invoice, invoiceNow(context, invoice));
    return invoice;
  }),
  api('POST', '/v1/invoices/:id/send', ({ pathParams }, context) => {
    const invoice = requireInvoice(context, pathParams.id ?? '', 'invoice');
    if (invoice.status !== 'open')
      throw invalidRequest('Only open invoices can be sent.', 'invoice_not_open');
    emit(context, 'invoice.sent', invoice, invoiceNow(context, invoice));
    return invoice;
  }),
];
