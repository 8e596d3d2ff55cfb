import { type RouteDefinition, type RouteName, routes } from '@billing-kit/contracts';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { type Logger, pino } from 'pino';
import { API_KEY_HEADER, apiKeyMatcher } from './auth/api-key.js';
import type { IdentifyFn, Identity } from './auth/identity.js';
import { createJwtIdentify, type JwtIdentifyOptions } from './auth/jwt-identify.js';
import { type RateLimit, RateLimiter } from './auth/rate-limiter.js';
import { BillingError } from './billing-error.js';
import type { Database } from './db/database.js';
import { cachedCatalog } from './domain/catalog/catalog-cache.js';
import { createBillingEngine } from './engine/engine.js';
import { handleErrors, unknownRoute } from './http/error-handler.js';
import { type HttpMetrics, observeRequests } from './http/http-metrics.js';
import { mountRoute } from './http/mount-route.js';
import { requestId } from './http/request-id.js';
import { logRequests } from './http/request-logger.js';
import type { RouteHandler, RouteHandlers } from './http/route-handler.js';
import { routeHandlers } from './routes/route-handlers.js';
import { systemRouter } from './routes/system-router.js';
import type { BillingServices, PastDueAccess } from './services.js';
import { createStripeGateway, type StripeGateway, type StripeSettings } from './stripe/stripe-gateway.js';

export interface BillingRouterOptions {
  database: Database;
  /** A gateway, or the settings to build one (`STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`, `STRIPE_API_BASE`). */
  stripe?: StripeGateway | StripeSettings;
  /** Who is calling. Default: a bearer JWT verified with `jwt`. */
  identify?: IdentifyFn;
  jwt?: JwtIdentifyOptions;
  /** Server-to-server key accepted in the `x-billing-api-key` header. */
  apiKey?: string | undefined;
  logger?: Logger;
  /** Counts and times requests; `/metrics` is served when given. */
  metrics?: HttpMetrics;
  /** Per-route token buckets; `false` turns rate limiting off. */
  rateLimits?: Partial<Record<RouteName, RateLimit>> | false;
  /** Past-due accounts keep access while Stripe retries (`keep`, default) or are limited at once. */
  pastDueAccess?: PastDueAccess;
  /** Origins (`https://app.example.com`) checkout and portal may return to; unset allows any. */
  returnUrlOrigins?: readonly string[] | undefined;
  /** Where the router is mounted, for the OpenAPI document. */
  prefix?: string;
  now?: () => Date;
}

const defaultRateLimits: Partial<Record<RouteName, RateLimit>> = {
  createCheckoutSession: { capacity: 10, refillPerSecond: 10 / 60 },
  createPortalSession: { capacity: 10, refillPerSecond: 10 / 60 },
  // Generous: one host backend's API key carries every end user's traffic.
  track: { capacity: 2_000, refillPerSecond: 1_000 },
  trackBatch: { capacity: 200, refillPerSecond: 100 },
};

function isGateway(stripe: StripeGateway | StripeSettings): stripe is StripeGateway {
  return 'call' in stripe && typeof stripe.call === 'function';
}

function identityKey(identity: Identity | null, request: Request): string {
  if (!identity) return `ip:${request.ip}`;
  return identity.kind === 'api_key' ? 'api_key' : `user:${identity.userId}`;
}

/**
 * The billing API as one Express router: `app.use('/api/billing', createBillingRouter(options))`. It brings
 * its own body parsing, so mount it before (or beside) the host's `express.json()`; the Stripe webhook
 * needs the raw body.
 */
export function createBillingRouter(options: BillingRouterOptions): Router {
  const logger = options.logger ?? pino({ name: 'billing-kit' });
  const stripeOption = options.stripe ?? {};
  const catalog = cachedCatalog(options.database);
  const stripe = isGateway(stripeOption) ? stripeOption : createStripeGateway(stripeOption);
  const now = options.now ?? (() => new Date());
  const services: BillingServices = {
    db: options.database,
    catalog,
    stripe,
    now,
    pastDueAccess: options.pastDueAccess ?? 'keep',
    returnUrlOrigins: options.returnUrlOrigins,
    logger,
    engine: createBillingEngine({
      db: options.database,
      catalog,
      now,
      stripe,
      onBackgroundError: (error) =>
        logger.warn({ err: error }, 'charging auto top-ups failed; retried later'),
    }),
  };
  const jwtIdentify = createJwtIdentify(options.jwt ?? {});
  const identify = options.identify ?? jwtIdentify;
  const limiter = new RateLimiter();
  const apiKeyMatches = options.apiKey ? apiKeyMatcher(options.apiKey) : undefined;
  const rateLimits = options.rateLimits === false ? {} : { ...defaultRateLimits, ...options.rateLimits };

  const router = express.Router();
  router.use(requestId);
  if (options.metrics) router.use(observeRequests(options.metrics));
  router.use(logRequests(logger));

  const guards = {
    callerKey: identityKey,
    idempotencyStore: options.database,
    // The ledger stores each usage event (and each hold) under its key, and a hold's status makes confirm and
    // release answer alike when repeated: a second store per request would only cost time.
    selfIdempotentRoutes: new Set([
      'track',
      'trackBatch',
      'reserve',
      'confirmReservation',
      'releaseReservation',
    ]),
    async identify(request: Request): Promise<Identity | null> {
      const key = request.get(API_KEY_HEADER);
      if (key !== undefined) {
        if (apiKeyMatches?.(key)) return { kind: 'api_key' };
        throw new BillingError('unauthenticated', 'The API key is not valid');
      }
      return identify(request);
    },
    limitRate(routeName: string, identity: Identity | null, request: Request) {
      const limit = rateLimits[routeName as RouteName];
      if (!limit) return;
      const decision = limiter.take(`${identityKey(identity, request)}:${routeName}`, limit);
      if (!decision.allowed) {
        throw new BillingError('rate_limited', 'Too many requests; retry later', {
          retryAfterSeconds: decision.retryAfterSeconds,
        });
      }
    },
  };

  const handlers: RouteHandlers = routeHandlers(services);
  const json = express.json({ limit: '256kb' });
  const mount = (names: (name: RouteName) => boolean, before: RequestHandler[]) => {
    for (const [name, route] of Object.entries(routes) as [RouteName, RouteDefinition][]) {
      const handler = handlers[name] as RouteHandler<RouteDefinition> | undefined;
      if (handler && names(name)) mountRoute(router, name, route, handler, guards, before);
    }
  };
  // Express tries what was mounted in order, matching each path in turn: the metering calls a host makes on
  // every user action go first, each with its own body parser so the webhook below still gets raw bytes.
  // Order changes nothing else: no route's path matches a request another route's path matches.
  const hot = new Set<RouteName>(['check', 'track', 'trackBatch']);
  mount((name) => hot.has(name), [json]);
  router.use(systemRouter(services, { metrics: options.metrics, prefix: options.prefix }));
  router.use(json);
  mount((name) => !hot.has(name), []);
  router.use(unknownRoute);
  router.use(handleErrors(logger));
  return router;
}
