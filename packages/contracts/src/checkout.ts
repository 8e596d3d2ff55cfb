import { z } from 'zod';
import { BillingInterval, CurrencyCode, Money, Slug, Timestamp } from './primitives.js';

export const CheckoutItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('plan'),
      planId: Slug,
      interval: BillingInterval,
      trialDays: z.int().min(1).max(730).optional().describe('Defaults to the plan’s own trial, if any.'),
    }),
    z.object({ kind: z.literal('credit_pack'), packId: Slug, quantity: z.int().min(1).max(100).default(1) }),
    z.object({ kind: z.literal('add_on'), addOnId: Slug, quantity: z.int().min(1).max(100).default(1) }),
  ])
  .meta({ id: 'CheckoutItem' });
export type CheckoutItem = z.infer<typeof CheckoutItem>;

export const CheckoutRequest = z
  .object({
    item: CheckoutItem,
    currency: CurrencyCode.optional().describe('Defaults to the catalog currency.'),
    uiMode: z.enum(['redirect', 'embedded']).default('redirect'),
    successUrl: z
      .url()
      .describe('Where Stripe sends the buyer after paying (`{CHECKOUT_SESSION_ID}` is filled in).'),
    cancelUrl: z.url().optional().describe('Required for redirect mode.'),
  })
  .refine((request) => request.uiMode === 'embedded' || request.cancelUrl !== undefined, {
    path: ['cancelUrl'],
    message: 'cancelUrl is required in redirect mode',
  })
  .meta({ id: 'CheckoutRequest' });
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

export const CheckoutSession = z
  .discriminatedUnion('uiMode', [
    z.object({ uiMode: z.literal('redirect'), sessionId: z.string(), url: z.url() }),
    z.object({ uiMode: z.literal('embedded'), sessionId: z.string(), clientSecret: z.string() }),
  ])
  .meta({ id: 'CheckoutSession' });
export type CheckoutSession = z.infer<typeof CheckoutSession>;

export const PortalRequest = z.object({ returnUrl: z.url() }).meta({ id: 'PortalRequest' });
export const PortalSession = z.object({ url: z.url() }).meta({ id: 'PortalSession' });
export type PortalSession = z.infer<typeof PortalSession>;

export const ChangePlanRequest = z
  .object({ planId: Slug, interval: BillingInterval })
  .meta({ id: 'ChangePlanRequest' });

export const ChangePlanDirection = z
  .enum(['upgrade', 'downgrade', 'interval_change'])
  .meta({ id: 'ChangePlanDirection' });

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
  .meta({ id: 'ChangePlanPreview' });
export type ChangePlanPreview = z.infer<typeof ChangePlanPreview>;

export const ConfirmChangePlanRequest = z
  .object({
    planId: Slug,
    interval: BillingInterval,
    prorationDate: Timestamp.optional().describe('From the preview, so the charge matches what was shown.'),
  })
  .meta({ id: 'ConfirmChangePlanRequest' });

export const CancelRequest = z
  .object({
    atPeriodEnd: z.boolean().default(true),
    reason: z.string().max(500).optional(),
  })
  .meta({ id: 'CancelRequest' });

export const AddOnRequest = z
  .object({ addOnId: Slug, quantity: z.int().min(1).max(100).default(1) })
  .meta({ id: 'AddOnRequest' });
