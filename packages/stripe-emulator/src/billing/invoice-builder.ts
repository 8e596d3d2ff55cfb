import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import type {
  CustomerObject,
  InvoiceLineObject,
  InvoiceObject,
  PriceObject,
  SubscriptionObject,
} from '../objects.js';

/** One line to bill: a subscription item's period, a proration, a metered usage total or an invoice item. */
export interface LineSpec {
  amount: number;
  currency: string;
  description: string;
  quantity: number;
  price: PriceObject | null;
  period: { start: number; end: number };
  proration: boolean;
  subscriptionId: string | null;
  subscriptionItemId: string | null;
  invoiceItemId: string | null;
  metadata: Record<string, string>;
}

export type BillingReason = NonNullable<InvoiceObject['billing_reason']>;

export interface DraftInvoiceInput {
  customer: CustomerObject;
  subscription: SubscriptionObject | null;
  billingReason: BillingReason;
  lines: LineSpec[];
  currency: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  collectionMethod?: 'charge_automatically' | 'send_invoice';
  autoAdvance?: boolean;
  description?: string | null;
  metadata?: Record<string, string>;
  daysUntilDue?: number | null;
  defaultPaymentMethod?: string | null;
  /** Previews are built the same way but never stored and emit nothing. */
  preview?: boolean;
}

export function lineFromSpec(invoiceId: string | null, spec: LineSpec): InvoiceLineObject {
  const productId = spec.price
    ? typeof spec.price.product === 'string'
      ? spec.price.product
      : spec.price.product.id
    : null;
  const fromItem = spec.invoiceItemId !== null;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: spec.amount,
    currency: spec.currency,
    description: spec.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: spec.metadata,
    parent: fromItem
      ? {
          invoice_item_details: {
            invoice_item: spec.invoiceItemId ?? '',
            proration: spec.proration,
            proration_details: spec.proration ? { credited_items: null } : null,
            subscription: spec.subscriptionId,
          },
          subscription_item_details: null,
          type: 'invoice_item_details',
        }
      : {
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: spec.proration,
            proration_details: spec.proration ? { credited_items: null } : null,
            subscription: spec.subscriptionId,
            subscription_item: spec.subscriptionItemId ?? '',
          },
          type: 'subscription_item_details',
        },
    period: spec.period,
    pretax_credit_amounts: [],
    pricing:
      spec.price && productId
        ? {
            price_details: { price: spec.price.id, product: productId },
            type: 'price_details',
            unit_amount_decimal: spec.price.unit_amount_decimal,
          }
        : null,
    quantity: spec.quantity,
    quantity_decimal: String(spec.quantity),
    subscription: spec.subscriptionId,
    subtotal: spec.amount,
    taxes: [],
  } satisfies InvoiceLineObject;
}

export function recomputeTotals(invoice: InvoiceObject): void {
  const subtotal = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal;
  invoice.total = subtotal;
  invoice.total_excluding_tax = subtotal;
  // A negative total becomes customer credit in Stripe; here it is simply not charged.
  invoice.amount_due = Math.max(0, subtotal);
  invoice.amount_remaining = Math.max(0, subtotal - invoice.amount_paid);
}

export function createDraftInvoice(context: EmulatorContext, input: DraftInvoiceInput): InvoiceObject {
  const { customer, subscription } = input;
  const id = input.preview ? `upcoming_${newId('in')}` : newId('in');
  const invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Billing Kit Emulator',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: input.autoAdvance ?? true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: input.collectionMethod ?? 'charge_automatically',
    created: input.created,
    currency: input.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: input.defaultPaymentMethod ?? null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: [],
    due_date:
      input.collectionMethod === 'send_invoice' ? input.created + (input.daysUntilDue ?? 30) * 86_400 : null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: [] as InvoiceLineObject[],
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: input.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: { object: 'list', data: [], has_more: false, url: `/v1/invoice_payments?invoice=${id}` },
    period_end: input.periodEnd,
    period_start: input.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: typeof customer.test_clock === 'string' ? customer.test_clock : null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  } satisfies InvoiceObject;
  const stored: InvoiceObject = invoice;
  for (const spec of input.lines) stored.lines.data.push(lineFromSpec(id, spec));
  recomputeTotals(stored);
  if (input.preview) return stored;
  for (const spec of input.lines) {
    const item = spec.invoiceItemId ? context.store.invoiceItems.get(spec.invoiceItemId) : undefined;
    if (item) item.invoice = id;
  }
  context.store.invoices.set(id, stored);
  emit(context, 'invoice.created', stored, input.created);
  return stored;
}
