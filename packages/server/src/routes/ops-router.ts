import { createOpenApiDocument, systemRoutes } from '@billing-kit/contracts';
import express, { type Router } from 'express';
import type { Executor } from '../db/database.js';
import type { HttpMetrics } from '../http/http-metrics.js';

export interface OpsRouterOptions {
  db: Executor;
  metrics?: HttpMetrics | undefined;
  /** Where the billing API is mounted, for the OpenAPI document's paths. */
  prefix?: string | undefined;
}

/** `/healthz`, `/readyz` (the database answers), `/openapi.json` and, with metrics, Prometheus `/metrics`. */
export function opsRouter(options: OpsRouterOptions): Router {
  const router = express.Router();
  let openApi: unknown;

  router.get(systemRoutes.healthz.path, (request, response) => {
    request.routeTemplate = systemRoutes.healthz.path;
    response.json({ status: 'ok' });
  });

  router.get(systemRoutes.readyz.path, async (request, response) => {
    request.routeTemplate = systemRoutes.readyz.path;
    const database = await options.db.query('SELECT 1').then(
      () => 'ok' as const,
      () => 'failing' as const,
    );
    response.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ready' : 'unavailable',
      checks: { database },
    });
  });

  router.get('/openapi.json', (request, response) => {
    request.routeTemplate = '/openapi.json';
    openApi ??= createOpenApiDocument(options.prefix === undefined ? {} : { prefix: options.prefix });
    response.json(openApi);
  });

  const { metrics } = options;
  if (metrics) {
    router.get('/metrics', async (request, response) => {
      request.routeTemplate = '/metrics';
      response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  return router;
}
