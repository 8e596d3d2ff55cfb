import { lineFromSpec, recomputeTotals } from '../billing/invoice-builder.js';
import { createInvoiceItem } from '../billing/invoice-item-factory.js';
import { lineFromInvoiceItem } from '../billing/pending-items.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer, requireInvoice, requirePrice, requireSubscription } from '../lookups.js';
import type { InvoiceItemObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { invalidParam, invalidRequest, missingParam, resourceMissing } from '../stripe-errors.js';

function requireInvoiceItem(context: EmulatorContext, id: string): InvoiceItemObject {
  const item = context.store.invoiceItems.get(id);
  if (!item) throw resourceMissing('id', 'invoiceitem', id);
  return item;
}

function createFromParams(context: EmulatorContext, params: Params): InvoiceItemObject {
  const customer = requireCustomer(context, params.requiredString('customer'));
  const now = nowForCustomer(context, customer.id);
  const priceId = params.object('pricing')?.string('price') ?? params.string('price');
  const price = priceId
    ? requirePrice(context, priceId, params.has('price') ? 'price' : 'pricing[price]')
    : null;
  const quantity = params.integer('quantity') ?? 1;
  const amount = params.integer('amount');
  const unitAmount = params.integer('unit_amount') ?? price?.unit_amount ?? null;
  if (amount === undefined && unitAmount === null) throw missingParam('amount');
  const total = amount ?? (unitAmount ?? 0) * quantity;
  const invoiceId = params.string('invoice') ?? null;
  const invoice = invoiceId ? requireInvoice(context, invoiceId) : null;
  if (invoice && invoice.status !== 'draft')
    throw invalidParam('invoice', 'You can only add items to draft invoices.', 'invoice_not_editable');
  const subscriptionId = params.string('subscription') ?? null;
  if (subscriptionId) requireSubscription(context, subscriptionId);
  const currency = params.string('currency') ?? price?.currency;
  if (!currency) throw missingParam('currency');
  const period = params.object('period');
  const item = createInvoiceItem(
    context,
    customer,
    {
      amount: total,
      currency,
      description:
        params.string('description') ??
        (price ? `${quantity} × ${price.nickname ?? price.id}` : 'Invoice item'),
      quantity,
      price,
      period: { start: period?.integer('start') ?? now, end: period?.integer('end') ?? now },
      proration: false,
      subscriptionId,
      subscriptionItemId: null,
      invoiceItemId: null,
      metadata: params.metadata(),
    },
    now,
    invoice?.id ?? null,
  );
  if (invoice) {
    invoice.lines.data.push(lineFromSpec(invoice.id, lineFromInvoiceItem(context, item)));
    recomputeTotals(invoice);
  }
  return item;
}

export const invoiceItemRoutes: Route[] = [
  api('POST', '/v1/invoiceitems', ({ params }, context) => createFromParams(context, params)),
  api('GET', '/v1/invoiceitems', ({ params }, context) => {
    const customer = params.string('customer');
    const invoice = params.string('invoice');
    const pending = params.boolean('pending');
    const items = newestFirst(context.store.invoiceItems.values()).filter(
      (item) =>
        (customer === undefined || idOf(item.customer) === customer) &&
        (invoice === undefined || idOf(item.invoice) === invoice) &&
        (pending === undefined || (item.invoice === null) === pending),
    );
    return paginate(items, params, '/v1/invoiceitems');
  }),
  api('GET', '/v1/invoiceitems/:id', ({ pathParams }, context) =>
    requireInvoiceItem(context, pathParams.id ?? ''),
  ),
  api('POST', '/v1/invoiceitems/:id', ({ params, pathParams }, context) => {
    const item = requireInvoiceItem(context, pathParams.id ?? '');
    if (params.has('metadata')) item.metadata = params.metadata(item.metadata ?? {});
    if (params.has('description')) item.description = params.string('description') ?? null;
    return item;
  }),
  api('DELETE', '/v1/invoiceitems/:id', ({ pathParams }, context) => {
    const item = requireInvoiceItem(context, pathParams.id ?? '');
    const invoiceId = idOf(item.invoice);
    const invoice = invoiceId ? context.store.invoices.get(invoiceId) : undefined;
    if (invoice && invoice.status !== 'draft') {
      throw invalidRequest(
        'This invoice item is on a finalized invoice and cannot be deleted.',
        'invoice_not_editable',
      );
    }
    if (invoice) {
      invoice.lines.data = invoice.lines.data.filter(
        (line) => line.parent?.invoice_item_details?.invoice_item !== item.id,
      );
      recomputeTotals(invoice);
    }
    context.store.invoiceItems.delete(item.id);
    emit(context, 'invoiceitem.deleted', item, nowForCustomer(context, idOf(item.customer)));
    return { id: item.id, object: 'invoiceitem', deleted: true };
  }),
];
