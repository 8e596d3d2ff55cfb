import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { newId } from '../ids.js';
import { idOf } from '../lookups.js';
import type { InvoiceObject, InvoicePaymentObject } from '../objects.js';
import { cardDeclined, invalidRequest } from '../stripe-errors.js';
import { charge } from './payments.js';
import { subscriptionAfterPayment } from './subscription-status.js';

export function invoiceSubscriptionId(invoice: InvoiceObject): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription ?? null);
}

export function finalizeInvoice(context: EmulatorContext, invoice: InvoiceObject, now: number): void {
  if (invoice.status !== 'draft') {
    throw invalidRequest(
      `This invoice is already finalized (status: ${invoice.status}).`,
      'invoice_not_editable',
    );
  }
  const customer = context.store.customers.get(idOf(invoice.customer) ?? '');
  const sequence = customer?.next_invoice_sequence ?? 1;
  if (customer) customer.next_invoice_sequence = sequence + 1;
  invoice.number = `${customer?.invoice_prefix ?? 'EMU'}-${String(sequence).padStart(4, '0')}`;
  invoice.status = 'open';
  invoice.effective_at = now;
  invoice.status_transitions.finalized_at = now;
  invoice.hosted_invoice_url = `${context.baseUrl}/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${context.baseUrl}/invoices/${invoice.id}/pdf`;
  invoice.ending_balance = 0;
  emit(context, 'invoice.finalized', invoice, now);
}

function markPaid(context: EmulatorContext, invoice: InvoiceObject, now: number): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  invoice.auto_advance = false;
  emit(context, 'invoice.paid', invoice, now);
}

export interface AttemptOptions {
  paymentMethodId?: string | null;
  /** When the next automatic retry happens if this attempt fails; undefined keeps the current one. */
  nextAttemptAt?: number | null;
}

export type AttemptResult = { paid: true } | { paid: false; declineCode: string; message: string };

/** Charges an open invoice's amount due; zero-amount invoices are simply marked paid. */
export function attemptInvoicePayment(
  context: EmulatorContext,
  invoice: InvoiceObject,
  now: number,
  options: AttemptOptions = {},
): AttemptResult {
  if (invoice.status !== 'open') {
    throw invalidRequest(
      `Invoice is ${invoice.status ?? 'unknown'}; only open invoices can be paid.`,
      'invoice_not_open',
    );
  }
  const customerId = idOf(invoice.customer);
  const subscription = context.store.subscriptions.get(invoiceSubscriptionId(invoice) ?? '');
  if (invoice.amount_due === 0) {
    markPaid(context, invoice, now);
    subscriptionAfterPayment(context, invoice, true, now);
    return { paid: true };
  }
  const customer = context.store.customers.get(customerId ?? '');
  const paymentMethodId =
    options.paymentMethodId ??
    idOf(invoice.default_payment_method) ??
    idOf(subscription?.default_payment_method ?? null) ??
    customer?.invoice_settings.default_payment_method ??
    null;
  const result = charge(context, {
    amount: invoice.amount_remaining,
    currency: invoice.currency,
    customerId,
    paymentMethodId: typeof paymentMethodId === 'string' ? paymentMethodId : null,
    description: invoice.billing_reason?.startsWith('subscription')
      ? 'Subscription update'
      : (invoice.description ?? null),
    metadata: {},
    created: now,
  });
  invoice.attempted = true;
  invoice.attempt_count += 1;
  const record = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: result.succeeded ? invoice.amount_remaining : null,
    amount_requested: invoice.amount_remaining,
    created: now,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: result.paymentIntent.id, type: 'payment_intent' },
    status: result.succeeded ? 'paid' : 'open',
    status_transitions: { canceled_at: null, paid_at: result.succeeded ? now : null },
  } satisfies InvoicePaymentObject;
  const payments = invoice.payments ?? {
    object: 'list',
    data: [],
    has_more: false,
    url: '/v1/invoice_payments',
  };
  for (const earlier of payments.data) earlier.is_default = false;
  payments.data.unshift(record);
  invoice.payments = payments;
  if (result.succeeded) {
    markPaid(context, invoice, now);
    emit(context, 'invoice.payment_succeeded', invoice, now);
    subscriptionAfterPayment(context, invoice, true, now);
    return { paid: true };
  }
  if (options.nextAttemptAt !== undefined) invoice.next_payment_attempt = options.nextAttemptAt;
  emit(context, 'invoice.payment_failed', invoice, now);
  subscriptionAfterPayment(context, invoice, false, now);
  // Renewals and retries are off session, where a 3-D Secure card pays: only declines get here.
  if (result.requiresAction)
    return { paid: false, declineCode: 'authentication_required', message: 'Authentication required.' };
  return { paid: false, declineCode: result.declineCode, message: result.message };
}

/** `invoices.pay`: a failed attempt answers Stripe's card error, after recording the attempt. */
export function payInvoiceOrThrow(
  context: EmulatorContext,
  invoice: InvoiceObject,
  paymentMethodId: string | undefined,
): void {
  const now = nowForCustomer(context, idOf(invoice.customer));
  if (invoice.status === 'draft') finalizeInvoice(context, invoice, now);
  const result = attemptInvoicePayment(context, invoice, now, { paymentMethodId: paymentMethodId ?? null });
  if (!result.paid) throw cardDeclined(result.message, result.declineCode);
}

export function voidInvoice(context: EmulatorContext, invoice: InvoiceObject, now: number): void {
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
    throw invalidRequest(
      `You can only void open or uncollectible invoices (status: ${invoice.status}).`,
      'invoice_not_open',
    );
  }
  invoice.status = 'void';
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.voided_at = now;
  emit(context, 'invoice.voided', invoice, now);
}

export function markUncollectible(context: EmulatorContext, invoice: InvoiceObject, now: number): void {
  if (invoice.status !== 'open') {
    throw invalidRequest(
      `You can only mark open invoices uncollectible (status: ${invoice.status}).`,
      'invoice_not_open',
    );
  }
  invoice.status = 'uncollectible';
  invoice.next_payment_attempt = null;
  invoice.status_transitions.marked_uncollectible_at = now;
  emit(context, 'invoice.marked_uncollectible', invoice, now);
}

/** After a new default card: retry each open subscription invoice of the customer, as Stripe does. */
export function retryPastDueInvoices(context: EmulatorContext, customerId: string): void {
  const now = nowForCustomer(context, customerId);
  for (const invoice of context.store.invoices.values()) {
    if (invoice.customer !== customerId || invoice.status !== 'open') continue;
    const subscription = context.store.subscriptions.get(invoiceSubscriptionId(invoice) ?? '');
    if (!subscription || !['past_due', 'unpaid', 'incomplete'].includes(subscription.status)) continue;
    attemptInvoicePayment(context, invoice, now);
  }
}
