import { type EmulatorContext, emit } from './context.js';
import { newId, randomToken } from './ids.js';
import type { CustomerObject } from './objects.js';

export interface NewCustomer {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  preferredLocales: string[];
  testClock: string | null;
  created: number;
}

/** Stores a customer and announces `customer.created` (the API and Checkout both make them). */
export function createCustomerRecord(context: EmulatorContext, input: NewCustomer): CustomerObject {
  const customer = {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: input.created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    discount: null,
    email: input.email,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone,
    preferred_locales: input.preferredLocales,
    shipping: null,
    tax_exempt: 'none',
    test_clock: input.testClock,
  } satisfies CustomerObject;
  const stored: CustomerObject = customer;
  context.store.customers.set(stored.id, stored);
  emit(context, 'customer.created', stored, input.created);
  return stored;
}
