import { hostedCheckoutRoutes } from './pages/hosted-checkout-page.js';
import { hostedInvoiceRoutes } from './pages/hosted-invoice-page.js';
import { hostedPortalRoutes } from './pages/hosted-portal-page.js';
import { paymentAuthenticationRoutes } from './pages/payment-authentication-page.js';
import { checkoutSessionRoutes } from './resources/checkout-sessions.js';
import { customerRoutes } from './resources/customers.js';
import { eventRoutes } from './resources/events.js';
import { invoiceItemRoutes } from './resources/invoice-items.js';
import { invoiceRoutes } from './resources/invoices.js';
import { meterEventV2Routes } from './resources/meter-events-v2.js';
import { meterRoutes } from './resources/meters.js';
import { paymentIntentRoutes } from './resources/payment-intents.js';
import { paymentMethodRoutes } from './resources/payment-methods.js';
import { portalSessionRoutes } from './resources/portal-sessions.js';
import { priceRoutes } from './resources/prices.js';
import { productRoutes } from './resources/products.js';
import { setupIntentRoutes } from './resources/setup-intents.js';
import { subscriptionItemRoutes } from './resources/subscription-items.js';
import { subscriptionRoutes } from './resources/subscriptions.js';
import { testClockRoutes } from './resources/test-clocks.js';
import { webhookEndpointRoutes } from './resources/webhook-endpoints.js';
import type { Route } from './router.js';

/** Every endpoint the emulator answers; within a group, literal paths come before `:id` ones. */
export const routes: readonly Route[] = [
  ...customerRoutes,
  ...paymentMethodRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...subscriptionRoutes,
  ...subscriptionItemRoutes,
  ...invoiceRoutes,
  ...invoiceItemRoutes,
  ...paymentIntentRoutes,
  ...setupIntentRoutes,
  ...checkoutSessionRoutes,
  ...meterRoutes,
  ...meterEventV2Routes,
  ...testClockRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
  ...portalSessionRoutes,
  ...hostedCheckoutRoutes,
  ...hostedPortalRoutes,
  ...hostedInvoiceRoutes,
  ...paymentAuthenticationRoutes,
];
