import * as z from 'zod/mini';
import { BillingInterval, CurrencyCode, Money, Slug, Timestamp } from './primitives.js';

const quantity = () => z._default(z.int().check(z.minimum(1), z.maximum(100)), 1);

export const CheckoutItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('plan'),
      planId: Slug,
      interval: BillingInterval,
      trialDays: z
        .optional(z.int().check(z.minimum(1), z.maximum(730)))
        .check(z.describe('Defaults to the plan’s own trial, if any.')),
    }),
    z.object({ kind: z.literal('credit_pack'), packId: Slug, quantity: quantity() }),
    z.object({ kind: z.literal('add_on'), addOnId: Slug, quantity: quantity() }),
  ])
  .check(z.meta({ id: 'CheckoutItem' }));
export type CheckoutItem = z.infer<typeof CheckoutItem>;

export const CheckoutRequest = z
  .object({
    item: CheckoutItem,
    currency: z.optional(CurrencyCode).check(z.describe('Defaults to the catalog currency.')),
    uiMode: z._default(z.enum(['redirect', 'embedded']), 'redirect'),
    successUrl: z
      .url()
      .check(z.describe('Where Stripe sends the buyer after paying (`{CHECKOUT_SESSION_ID}` is filled in).')),
    cancelUrl: z.optional(z.url()).check(z.describe('Required for redirect mode.')),
  })
  .check(
    z.refine((request) => request.uiMode === 'embedded' || request.cancelUrl !== undefined, {
      path: ['cancelUrl'],
      message: 'cancelUrl is required in redirect mode',
    }),
    z.meta({ id: 'CheckoutRequest' }),
  );
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

export const CheckoutSession = z
  .discriminatedUnion('uiMode', [
    z.object({ uiMode: z.literal('redirect'), sessionId: z.string(), url: z.url() }),
    z.object({ uiMode: z.literal('embedded'), sessionId: z.string(), clientSecret: z.string() }),
  ])
  .check(z.meta({ id: 'CheckoutSession' }));
export type CheckoutSession = z.infer<typeof CheckoutSession>;

export const PortalRequest = z.object({ returnUrl: z.url() }).check(z.meta({ id: 'PortalRequest' }));
export const PortalSession = z.object({ url: z.url() }).check(z.meta({ id: 'PortalSession' }));
export type PortalSession = z.infer<typeof PortalSession>;

export const ChangePlanRequest = z
  .object({ planId: Slug, interval: BillingInterval })
  .check(z.meta({ id: 'ChangePlanRequest' }));

export const ChangePlanDirection = z
  .enum(['upgrade', 'downgrade', 'interval_change'])
  .check(z.meta({ id: 'ChangePlanDirection' }));

/** What a plan change would cost, computed by Stripe; confirm with the same `prorationDate`. */
export const ChangePlanPreview = z
  .object({
    planId: Slug,
    interval: BillingInterval,
    direction: ChangePlanDirection,
    amountDueNow: Money,
    nextInvoiceTotal: Money,
    prorationDate: Timestamp,
    lines: z.array(z.object({ description: z.string(), amount: Money })),
  })
  .check(z.meta({ id: 'ChangePlanPreview' }));
export type ChangePlanPreview = z.infer<typeof ChangePlanPreview>;

export const ConfirmChangePlanRequest = z
  .object({
    planId: Slug,
    interval: BillingInterval,
    prorationDate: z
      .optional(Timestamp)
      .check(z.describe('From the preview, so the charge matches what was shown.')),
  })
  .check(z.meta({ id: 'ConfirmChangePlanRequest' }));

export const CancelRequest = z
  .object({
    atPeriodEnd: z._default(z.boolean(), true),
    reason: z.optional(z.string().check(z.maxLength(500))),
  })
  .check(z.meta({ id: 'CancelRequest' }));

export const AddOnRequest = z
  .object({ addOnId: Slug, quantity: quantity() })
  .check(z.meta({ id: 'AddOnRequest' }));
