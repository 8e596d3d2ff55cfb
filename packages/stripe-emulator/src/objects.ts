import type Stripe from 'stripe';
import type { Wire } from './wire.js';

// The emulator stores and answers exactly these JSON shapes; `satisfies` on each builder keeps them
// in step with the pinned SDK's types.
export type CustomerObject = Wire<Stripe.Customer>;
export type PaymentMethodObject = Wire<Stripe.PaymentMethod>;
export type ProductObject = Wire<Stripe.Product>;
export type PriceObject = Wire<Stripe.Price>;
export type SubscriptionObject = Wire<Stripe.Subscription>;
export type SubscriptionItemObject = Wire<Stripe.SubscriptionItem>;
export type InvoiceObject = Wire<Stripe.Invoice>;
export type InvoiceLineObject = Wire<Stripe.InvoiceLineItem>;
export type InvoiceItemObject = Wire<Stripe.InvoiceItem>;
export type InvoicePaymentObject = Wire<Stripe.InvoicePayment>;
export type PaymentIntentObject = Wire<Stripe.PaymentIntent>;
export type SetupIntentObject = Wire<Stripe.SetupIntent>;
export type CheckoutSessionObject = Wire<Stripe.Checkout.Session>;
export type CheckoutLineItemObject = Wire<Stripe.LineItem>;
export type PortalSessionObject = Wire<Stripe.BillingPortal.Session>;
export type MeterObject = Wire<Stripe.Billing.Meter>;
export type MeterEventObject = Wire<Stripe.Billing.MeterEvent>;
export type TestClockObject = Wire<Stripe.TestHelpers.TestClock>;
export type EventObject = Wire<Stripe.Event>;
export type WebhookEndpointObject = Wire<Stripe.WebhookEndpoint>;

/**
 * How a test card behaves (Stripe's test tokens and numbers): `charge_fails` attaches but every
 * charge is declined; `declined` is refused as soon as it is attached or charged;
 * `requires_authentication` (4000 0025 0000 3155) needs 3-D Secure on session, not off session.
 */
export type CardBehavior = 'succeeds' | 'charge_fails' | 'declined' | 'requires_authentication';

/** Whether a card pays when the customer is not there (renewals, retries, invoices.pay). */
export const chargesOffSession = (behavior: CardBehavior | undefined): boolean =>
  behavior === 'succeeds' || behavior === 'requires_authentication';

/** Emulator-only bookkeeping for a subscription's billing cycle (not part of Stripe's object). */
export interface SubscriptionBilling {
  /** When the first attempt of the current unpaid renewal failed; retries are counted from it. */
  dunningStartedAt: number | null;
  retriesDone: number;
  trialWillEndSent: boolean;
  /** The period end whose `invoice.upcoming` was sent (absent in state saved by older versions). */
  upcomingSentFor?: number | null;
}

/** What Checkout applies on completion but does not show on the session object. */
export interface CheckoutOptions {
  trialPeriodDays: number | null;
  trialEnd: number | null;
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
}
