import type { EmulatorContext } from './context.js';
import type {
  CustomerObject,
  InvoiceObject,
  MeterObject,
  PaymentMethodObject,
  PriceObject,
  ProductObject,
  SubscriptionObject,
} from './objects.js';
import { resourceMissing } from './stripe-errors.js';

function find<T>(map: Map<string, T>, id: string, param: string, kind: string): T {
  const found = map.get(id);
  if (!found) throw resourceMissing(param, kind, id);
  return found;
}

export const requireCustomer = (context: EmulatorContext, id: string, param = 'customer'): CustomerObject =>
  find(context.store.customers, id, param, 'customer');

export const requirePrice = (context: EmulatorContext, id: string, param = 'price'): PriceObject =>
  find(context.store.prices, id, param, 'price');

export const requireProduct = (context: EmulatorContext, id: string, param = 'product'): ProductObject =>
  find(context.store.products, id, param, 'product');

export const requireSubscription = (
  context: EmulatorContext,
  id: string,
  param = 'subscription',
): SubscriptionObject => find(context.store.subscriptions, id, param, 'subscription');

export const requireInvoice = (context: EmulatorContext, id: string, param = 'invoice'): InvoiceObject =>
  find(context.store.invoices, id, param, 'invoice');

export const requirePaymentMethod = (
  context: EmulatorContext,
  id: string,
  param = 'payment_method',
): PaymentMethodObject => find(context.store.paymentMethods, id, param, 'PaymentMethod');

export const requireMeter = (context: EmulatorContext, id: string, param = 'meter'): MeterObject =>
  find(context.store.meters, id, param, 'billing meter');

export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;
