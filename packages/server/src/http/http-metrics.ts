import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  readonly registry: Registry;
  observe(route: string, method: string, status: number, seconds: number): void;
  /** One Stripe webhook delivery: applied, a duplicate, or failed (Stripe will retry). */
  webhook(type: string, outcome: 'processed' | 'duplicate' | 'failed'): void;
}

/** Request counts and durations by route template (never by raw URL, which would explode cardinality). */
export function createHttpMetrics(registry = new Registry()): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'billing_http_requests_total',
    help: 'HTTP requests answered by the billing server',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'billing_http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'billing_stripe_webhook_events_total',
    help: 'Stripe webhook deliveries by event type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    webhook(type, outcome) {
      webhooks.inc({ type, outcome });
    },
    observe(route, method, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The route template that answered, set by the route adapter; `unmatched` otherwise. */
    routeTemplate?: string;
  }
}

/** Records every request when its response finishes, whatever answered it. */
export function observeRequests(metrics: HttpMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(request.routeTemplate ?? 'unmatched', request.method, response.statusCode, seconds);
    });
    next();
  };
}
