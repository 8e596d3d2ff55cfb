import { productName } from '../billing/subscription-items.js';
import type { EmulatorContext } from '../context.js';
import { newId, randomToken } from '../ids.js';
import type { CheckoutLineItemObject, CheckoutSessionObject, PriceObject } from '../objects.js';
import { clone } from '../wire.js';

export interface SessionInput {
  mode: 'payment' | 'subscription' | 'setup';
  uiMode: 'hosted_page' | 'embedded_page';
  lineItems: { price: PriceObject; quantity: number }[];
  customerId: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  returnUrl: string | null;
  created: number;
  expiresAt: number;
}

export function buildLineItems(
  context: EmulatorContext,
  lines: SessionInput['lineItems'],
): CheckoutLineItemObject[] {
  return lines.map(({ price, quantity }) => {
    // Metered usage is billed in arrears, so Checkout charges nothing for it up front.
    const amount = price.recurring?.usage_type === 'metered' ? 0 : (price.unit_amount ?? 0) * quantity;
    return {
      id: newId('li'),
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: productName(context.store.products, price),
      metadata: {},
      price: clone(price),
      quantity,
    } satisfies CheckoutLineItemObject;
  });
}

export function buildCheckoutSession(context: EmulatorContext, input: SessionInput): CheckoutSessionObject {
  const id = `cs_test_${randomToken(58)}`;
  const lineItems = buildLineItems(context, input.lineItems);
  const total = input.mode === 'setup' ? null : lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const embedded = input.uiMode === 'embedded_page';
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: embedded ? `${id}_secret_${randomToken(24)}` : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: input.created,
    currency: input.lineItems[0]?.price.currency ?? null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: input.customerId,
    customer_account: null,
    customer_creation:
      input.customerId || input.mode === 'setup'
        ? null
        : input.mode === 'subscription'
          ? 'always'
          : 'if_required',
    customer_details: input.customerEmail
      ? {
          address: null,
          business_name: null,
          email: input.customerEmail,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      input.mode === 'payment'
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    line_items: {
      object: 'list',
      data: lineItems,
      has_more: false,
      url: `/v1/checkout/sessions/${id}/line_items`,
    },
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: input.mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_status: input.mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    ...(embedded ? { redirect_on_completion: 'always', return_url: input.returnUrl ?? '' } : {}),
    saved_payment_method_options: {
      allow_redisplay_filters: ['always'],
      payment_method_remove: null,
      payment_method_save: null,
    },
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: input.mode === 'setup' ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: input.uiMode,
    url: embedded ? null : `${context.baseUrl}/checkout/${id}`,
    wallet_options: null,
  } satisfies CheckoutSessionObject;
}
