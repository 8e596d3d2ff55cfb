import { systemRoutes } from '@billing-kit/contracts';
import express, { type Router } from 'express';
import { handleStripeWebhook } from '../domain/webhooks/webhook-handler.js';
import type { HttpMetrics } from '../http/http-metrics.js';
import type { BillingServices } from '../services.js';
import { opsRouter } from './ops-router.js';

export interface SystemRouterOptions {
  metrics?: HttpMetrics | undefined;
  prefix?: string | undefined;
}

/** Operations endpoints and Stripe's webhook, which must see the raw body before any JSON parser. */
export function systemRouter(services: BillingServices, options: SystemRouterOptions): Router {
  const router = express.Router();
  router.use(opsRouter({ db: services.db, metrics: options.metrics, prefix: options.prefix }));
  router.post(
    systemRoutes.stripeWebhook.path,
    express.raw({ type: () => true, limit: '1mb' }),
    async (request, response) => {
      request.routeTemplate = systemRoutes.stripeWebhook.path;
      const rawBody: unknown = request.body;
      if (!Buffer.isBuffer(rawBody)) {
        // A host-level express.json() ran first and consumed the bytes Stripe signed.
        throw new Error(
          'The Stripe webhook received a parsed body; mount the billing router before express.json()',
        );
      }
      const event = services.stripe.verifyEvent(rawBody, request.get('stripe-signature'));
      const outcome = await handleStripeWebhook(services, event).catch((error: unknown) => {
        options.metrics?.webhook(event.type, 'failed');
        throw error;
      });
      options.metrics?.webhook(event.type, outcome.duplicate ? 'duplicate' : 'processed');
      response.json({ received: true, duplicate: outcome.duplicate });
    },
  );
  return router;
}
