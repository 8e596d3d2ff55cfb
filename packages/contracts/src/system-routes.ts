import * as z from 'zod/mini';
import { ensureEnglishMessages } from './english-messages.js';
import { defineRoute } from './route.js';

ensureEnglishMessages();

/** Routes that are not for the client: Stripe's webhook and the operations endpoints. */
export const systemRoutes = {
  stripeWebhook: defineRoute({
    method: 'POST',
    path: '/webhooks/stripe',
    auth: 'stripe_signature',
    tag: 'Webhooks',
    summary: 'Stripe events, verified by their signature; stored once by id',
    body: z
      .record(z.string(), z.unknown())
      .check(z.describe('The raw Stripe event, exactly as Stripe signed it.')),
    responses: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }) },
    errors: ['validation_failed', 'internal'],
  }),
  healthz: defineRoute({
    method: 'GET',
    path: '/healthz',
    auth: 'public',
    tag: 'Operations',
    summary: 'The process is up',
    responses: { 200: z.object({ status: z.literal('ok') }) },
    errors: [],
  }),
  readyz: defineRoute({
    method: 'GET',
    path: '/readyz',
    auth: 'public',
    tag: 'Operations',
    summary: 'The database answers (503 when it does not)',
    responses: {
      200: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.enum(['ok', 'failing'])) }),
    },
    errors: ['internal'],
  }),
} as const;
