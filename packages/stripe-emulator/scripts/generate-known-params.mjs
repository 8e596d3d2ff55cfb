// Writes src/known-params.ts: the top-level parameters the pinned `stripe` SDK can send to each route,
// read from its `*Params` interfaces, so the emulator refuses unknown ones as Stripe does.
// Run after upgrading `stripe`: node scripts/generate-known-params.mjs && npx biome check --write .
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// `require.resolve('stripe')` lands in <package>/cjs/; the types sit beside it in cjs/resources.
const resources = join(dirname(require.resolve('stripe')), 'resources');

const routes = {
  'POST /v1/customers': ['Customers', 'CustomerCreateParams'],
  'GET /v1/customers/search': ['Customers', 'CustomerSearchParams'],
  'GET /v1/customers': ['Customers', 'CustomerListParams'],
  'GET /v1/customers/:id': ['Customers', 'CustomerRetrieveParams'],
  'POST /v1/customers/:id': ['Customers', 'CustomerUpdateParams'],
  'DELETE /v1/customers/:id': ['Customers', 'CustomerDeleteParams'],
  'POST /v1/payment_methods': ['PaymentMethods', 'PaymentMethodCreateParams'],
  'GET /v1/payment_methods': ['PaymentMethods', 'PaymentMethodListParams'],
  'GET /v1/customers/:customer/payment_methods': ['Customers', 'CustomerListPaymentMethodsParams'],
  'GET /v1/payment_methods/:id': ['PaymentMethods', 'PaymentMethodRetrieveParams'],
  'POST /v1/payment_methods/:id': ['PaymentMethods', 'PaymentMethodUpdateParams'],
  'POST /v1/payment_methods/:id/attach': ['PaymentMethods', 'PaymentMethodAttachParams'],
  'POST /v1/payment_methods/:id/detach': ['PaymentMethods', 'PaymentMethodDetachParams'],
  'POST /v1/products': ['Products', 'ProductCreateParams'],
  'GET /v1/products/search': ['Products', 'ProductSearchParams'],
  'GET /v1/products': ['Products', 'ProductListParams'],
  'GET /v1/products/:id': ['Products', 'ProductRetrieveParams'],
  'POST /v1/products/:id': ['Products', 'ProductUpdateParams'],
  'DELETE /v1/products/:id': ['Products', 'ProductDeleteParams'],
  'POST /v1/prices': ['Prices', 'PriceCreateParams'],
  'GET /v1/prices/search': ['Prices', 'PriceSearchParams'],
  'GET /v1/prices': ['Prices', 'PriceListParams'],
  'GET /v1/prices/:id': ['Prices', 'PriceRetrieveParams'],
  'POST /v1/prices/:id': ['Prices', 'PriceUpdateParams'],
  'POST /v1/subscriptions': ['Subscriptions', 'SubscriptionCreateParams'],
  'GET /v1/subscriptions/search': ['Subscriptions', 'SubscriptionSearchParams'],
  'GET /v1/subscriptions': ['Subscriptions', 'SubscriptionListParams'],
  'GET /v1/subscriptions/:id': ['Subscriptions', 'SubscriptionRetrieveParams'],
  'POST /v1/subscriptions/:id': ['Subscriptions', 'SubscriptionUpdateParams'],
  'DELETE /v1/subscriptions/:id': ['Subscriptions', 'SubscriptionCancelParams'],
  'GET /v1/subscription_items': ['SubscriptionItems', 'SubscriptionItemListParams'],
  'POST /v1/subscription_items': ['SubscriptionItems', 'SubscriptionItemCreateParams'],
  'GET /v1/subscription_items/:id': ['SubscriptionItems', 'SubscriptionItemRetrieveParams'],
  'POST /v1/subscription_items/:id': ['SubscriptionItems', 'SubscriptionItemUpdateParams'],
  'DELETE /v1/subscription_items/:id': ['SubscriptionItems', 'SubscriptionItemDeleteParams'],
  'POST /v1/invoices/create_preview': ['Invoices', 'InvoiceCreatePreviewParams'],
  'GET /v1/invoices/search': ['Invoices', 'InvoiceSearchParams'],
  'POST /v1/invoices': ['Invoices', 'InvoiceCreateParams'],
  'GET /v1/invoices': ['Invoices', 'InvoiceListParams'],
  'GET /v1/invoices/:id': ['Invoices', 'InvoiceRetrieveParams'],
  'GET /v1/invoices/:id/lines': ['Invoices', 'InvoiceListLineItemsParams'],
  'POST /v1/invoices/:id': ['Invoices', 'InvoiceUpdateParams'],
  'DELETE /v1/invoices/:id': ['Invoices', 'InvoiceDeleteParams'],
  'POST /v1/invoices/:id/finalize': ['Invoices', 'InvoiceFinalizeInvoiceParams'],
  'POST /v1/invoices/:id/pay': ['Invoices', 'InvoicePayParams'],
  'POST /v1/invoices/:id/void': ['Invoices', 'InvoiceVoidInvoiceParams'],
  'POST /v1/invoices/:id/mark_uncollectible': ['Invoices', 'InvoiceMarkUncollectibleParams'],
  'POST /v1/invoices/:id/send': ['Invoices', 'InvoiceSendInvoiceParams'],
  'POST /v1/invoiceitems': ['InvoiceItems', 'InvoiceItemCreateParams'],
  'GET /v1/invoiceitems': ['InvoiceItems', 'InvoiceItemListParams'],
  'GET /v1/invoiceitems/:id': ['InvoiceItems', 'InvoiceItemRetrieveParams'],
  'POST /v1/invoiceitems/:id': ['InvoiceItems', 'InvoiceItemUpdateParams'],
  'DELETE /v1/invoiceitems/:id': ['InvoiceItems', 'InvoiceItemDeleteParams'],
  'POST /v1/payment_intents': ['PaymentIntents', 'PaymentIntentCreateParams'],
  'GET /v1/payment_intents/search': ['PaymentIntents', 'PaymentIntentSearchParams'],
  'GET /v1/payment_intents': ['PaymentIntents', 'PaymentIntentListParams'],
  'GET /v1/payment_intents/:id': ['PaymentIntents', 'PaymentIntentRetrieveParams'],
  'POST /v1/payment_intents/:id': ['PaymentIntents', 'PaymentIntentUpdateParams'],
  'POST /v1/payment_intents/:id/confirm': ['PaymentIntents', 'PaymentIntentConfirmParams'],
  'POST /v1/payment_intents/:id/cancel': ['PaymentIntents', 'PaymentIntentCancelParams'],
  'GET /v1/setup_intents': ['SetupIntents', 'SetupIntentListParams'],
  'GET /v1/setup_intents/:id': ['SetupIntents', 'SetupIntentRetrieveParams'],
  'POST /v1/checkout/sessions': ['Checkout/Sessions', 'SessionCreateParams'],
  'GET /v1/checkout/sessions': ['Checkout/Sessions', 'SessionListParams'],
  'GET /v1/checkout/sessions/:id': ['Checkout/Sessions', 'SessionRetrieveParams'],
  'GET /v1/checkout/sessions/:id/line_items': ['Checkout/Sessions', 'SessionListLineItemsParams'],
  'POST /v1/checkout/sessions/:id/expire': ['Checkout/Sessions', 'SessionExpireParams'],
  'POST /v1/billing_portal/sessions': ['BillingPortal/Sessions', 'SessionCreateParams'],
  'POST /v1/billing/meters': ['Billing/Meters', 'MeterCreateParams'],
  'GET /v1/billing/meters': ['Billing/Meters', 'MeterListParams'],
  'GET /v1/billing/meters/:id': ['Billing/Meters', 'MeterRetrieveParams'],
  'POST /v1/billing/meters/:id': ['Billing/Meters', 'MeterUpdateParams'],
  'POST /v1/billing/meters/:id/deactivate': ['Billing/Meters', 'MeterDeactivateParams'],
  'POST /v1/billing/meters/:id/reactivate': ['Billing/Meters', 'MeterReactivateParams'],
  'GET /v1/billing/meters/:id/event_summaries': ['Billing/Meters', 'MeterListEventSummariesParams'],
  'POST /v1/billing/meter_events': ['Billing/MeterEvents', 'MeterEventCreateParams'],
  'POST /v1/test_helpers/test_clocks': ['TestHelpers/TestClocks', 'TestClockCreateParams'],
  'GET /v1/test_helpers/test_clocks': ['TestHelpers/TestClocks', 'TestClockListParams'],
  'GET /v1/test_helpers/test_clocks/:id': ['TestHelpers/TestClocks', 'TestClockRetrieveParams'],
  'DELETE /v1/test_helpers/test_clocks/:id': ['TestHelpers/TestClocks', 'TestClockDeleteParams'],
  'POST /v1/test_helpers/test_clocks/:id/advance': ['TestHelpers/TestClocks', 'TestClockAdvanceParams'],
  'GET /v1/events': ['Events', 'EventListParams'],
  'GET /v1/events/:id': ['Events', 'EventRetrieveParams'],
  'POST /v1/webhook_endpoints': ['WebhookEndpoints', 'WebhookEndpointCreateParams'],
  'GET /v1/webhook_endpoints': ['WebhookEndpoints', 'WebhookEndpointListParams'],
  'GET /v1/webhook_endpoints/:id': ['WebhookEndpoints', 'WebhookEndpointRetrieveParams'],
  'POST /v1/webhook_endpoints/:id': ['WebhookEndpoints', 'WebhookEndpointUpdateParams'],
  'DELETE /v1/webhook_endpoints/:id': ['WebhookEndpoints', 'WebhookEndpointDeleteParams'],
};

const pagination = ['limit', 'starting_after', 'ending_before'];

function topLevelKeys(file, name) {
  const lines = readFileSync(join(resources, `${file}.d.ts`), 'utf8').split('\n');
  const pattern = new RegExp(`^(\\s*)(export )?interface ${name}\\b`);
  const start = lines.findIndex((line) => pattern.test(line));
  if (start === -1) throw new Error(`${name} not found in ${file}.d.ts`);
  const indent = pattern.exec(lines[start])[1].length;
  const member = new RegExp(`^ {${indent + 4}}([a-z_0-9]+)\\??:`);
  const end = new RegExp(`^ {${indent}}}`);
  const keys = new Set(lines[start].includes('PaginationParams') ? pagination : []);
  for (let index = start + 1; index < lines.length && !end.test(lines[index]); index++) {
    const match = member.exec(lines[index]);
    if (match) keys.add(match[1]);
  }
  return [...keys].sort();
}

const entries = Object.entries(routes).map(
  ([route, [file, name]]) => `  '${route}': '${topLevelKeys(file, name).join(' ')}',`,
);
const source = `// Generated by scripts/generate-known-params.mjs from the stripe package's *Params types; do not edit.
// One space-separated string per route keeps the table one line per route.
const table: Record<string, string> = {
${entries.join('\n')}
};

/** Top-level parameters the SDK may send to each route; anything else is refused as Stripe does. */
export const knownParams: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(table).map(([route, keys]) => [route, keys.split(' ')]),
);
`;
writeFileSync(new URL('../src/known-params.ts', import.meta.url), source);
