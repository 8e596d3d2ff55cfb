import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { handleErrors, unknownRoute } from './http/error-handler.js';
import { createHttpMetrics } from './http/http-metrics.js';
import { requestId } from './http/request-id.js';
import { type BillingRouterOptions, createBillingRouter } from './router.js';
import { opsRouter } from './routes/ops-router.js';

export interface BillingAppOptions extends BillingRouterOptions {
  /** Where the API lives; default `/api/billing`. */
  prefix?: string;
  /** Express's `trust proxy`, for client addresses behind a load balancer. */
  trustProxy?: boolean | number | string;
}

/**
 * The standalone server: the billing router under its prefix, plus `/healthz`, `/readyz` and `/metrics` at
 * the root for load balancers and Prometheus. Returned without listening, so tests drive it in-process.
 */
export function createBillingApp(options: BillingAppOptions): Express {
  const prefix = options.prefix ?? '/api/billing';
  const logger = options.logger ?? pino({ name: 'billing-kit' });
  const metrics = options.metrics ?? createHttpMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(helmet());
  app.use(prefix, createBillingRouter({ ...options, prefix, logger, metrics }));
  app.use(requestId);
  app.use(opsRouter({ db: options.database, metrics, prefix }));
  app.use(unknownRoute);
  app.use(handleErrors(logger));
  return app;
}
