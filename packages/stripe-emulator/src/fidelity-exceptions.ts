/**
 * Every way the emulator's objects differ from Stripe's published examples
 * (`shared/stripe-openapi/fixtures3.json`, July 2026), with the reason. The `stripe` package's types
 * (API 2026-10-28.endive) are the first authority. Keys are `<object>.<path>: missing|extra|type`;
 * the fidelity test fails on a difference not listed here and on an entry that no longer occurs.
 */
export const fidelityExceptions: Record<string, string> = {
  // Newer than the example: fields the SDK types for 2026-10-28.endive have and the example lacks.
  'checkout.session.allowed_payment_method_types: extra':
    'Required (nullable) in Stripe.Checkout.Session for 2026-10-28.endive; the example predates it.',
  'customer.customer_account: extra':
    'Stripe.Customer has customer_account (Accounts v2); the example predates it.',
  'invoice.subscription: missing':
    'Removed from Stripe.Invoice; the subscription is at invoice.parent.subscription_details.subscription.',
  'invoice.lines.data[].pricing.price_details: extra':
    'Stripe.InvoiceLineItem.Pricing.price_details names the price and product; the example shows an empty pricing.',
  'invoice.parent.subscription_details.subscription_proration_date: extra':
    'Set on previews of a subscription change (invoices.createPreview with proration_date), as the SDK type allows.',
  'invoiceitem.pricing.price_details: extra':
    'Stripe.InvoiceItem.Pricing.price_details names the price and product; the example shows an empty pricing.',
  'invoiceitem.parent.subscription_details.subscription_item: extra':
    'Optional in Stripe.InvoiceItem.Parent.SubscriptionDetails; set on proration items of a subscription item.',
  'invoiceitem.proration_details: extra':
    'Optional in Stripe.InvoiceItem; present on proration items (credited_items, discount_amounts).',
  'payment_intent.allowed_payment_method_types: extra':
    'Required (nullable) in Stripe.PaymentIntent for 2026-10-28.endive; the example predates it.',
  'payment_intent.payment_record: extra':
    'Required (nullable) in Stripe.PaymentIntent; the example predates it.',
  'setup_intent.allowed_payment_method_types: extra':
    'Required (nullable) in Stripe.SetupIntent for 2026-10-28.endive; the example predates it.',
  'setup_intent.customer_account: extra':
    'Stripe.SetupIntent has customer_account (Accounts v2); the example predates it.',
  'product.tax_details: extra': 'Required (nullable) in Stripe.Product; the example predates it.',
  'subscription.cancellation_details.feedback_option: extra':
    'Required (nullable) in Stripe.Subscription.CancellationDetails; the example predates it.',
  'subscription.items.data[].current_trial: extra':
    'Required (nullable) in Stripe.SubscriptionItem; the example predates per-item trials.',
  'subscription_item.current_trial: extra':
    'Required (nullable) in Stripe.SubscriptionItem; the example predates per-item trials.',
  'subscription.trial_settings.end_behavior.billing_cycle_anchor: extra':
    'Required (nullable) in Stripe.Subscription.TrialSettings.EndBehavior; the example predates it.',
  'billing_portal.session.flow.customer_update: extra':
    'Required (nullable) in Stripe.BillingPortal.Session.Flow for 2026-10-28.endive; the example predates it.',
  'billing_portal.session.flow.subscription_pause: extra':
    'Required (nullable) in Stripe.BillingPortal.Session.Flow for 2026-10-28.endive; the example predates it.',
  'checkout.session.redirect_on_completion: extra':
    'Embedded sessions (ui_mode embedded_page) carry redirect_on_completion, optional in the SDK type.',
  'checkout.session.return_url: extra':
    'Embedded sessions carry return_url instead of success_url, as Stripe does.',

  // Present only in some responses, as in Stripe.
  'checkout.session.line_items: extra': 'Only when asked for with expand[]=line_items (an includable field).',
  'webhook_endpoint.secret: extra': 'Only in the response that creates the endpoint, as Stripe does.',
  'payment_intent.next_action.redirect_to_url: extra':
    'The example shows an empty next_action; a 3-D Secure challenge fills redirect_to_url (Stripe.PaymentIntent.NextAction).',
  'event.data.previous_attributes: extra': 'Only on *.updated events: the changed fields’ old values.',
  'subscription.items.data[].quantity: missing':
    'Metered items (usage_type metered) have no quantity; Stripe omits it and the SDK type makes it optional.',
  'subscription_item.quantity: missing':
    'Metered items (usage_type metered) have no quantity; Stripe omits it and the SDK type makes it optional.',
};
