export { type BillingAppOptions, createBillingApp } from './app.js';
export type { ApiKeyIdentity, IdentifyFn, Identity, UserIdentity } from './auth/identity.js';
export { createJwtIdentify, identityFromClaims, type JwtIdentifyOptions } from './auth/jwt-identify.js';
export type { RateLimit } from './auth/rate-limiter.js';
export { BillingError } from './billing-error.js';
export {
  assertStartable,
  ConfigError,
  loadConfig,
  missingProductionSecrets,
  type ServerConfig,
} from './config.js';
export type { Database, DatabaseDialect, Executor, QueryResult, Row } from './db/database.js';
export { loadMigrations, type Migration, type MigrationReport, migrate } from './db/migrations.js';
export { type DatabaseLocation, openDatabase } from './db/open-database.js';
export { openPgliteDatabase, type PgliteDatabaseOptions, pgliteDatabase } from './db/pglite-database.js';
export { openPostgresDatabase, type PostgresDatabaseOptions } from './db/postgres-database.js';
export { cachedCatalog } from './domain/catalog/catalog-cache.js';
export { loadCatalog } from './domain/catalog/catalog-store.js';
export { type CatalogSyncResult, syncCatalog } from './domain/catalog/catalog-sync.js';
export { handleStripeWebhook } from './domain/webhooks/webhook-handler.js';
export { type BillingEngine, createBillingEngine, type EngineContext } from './engine/index.js';
export { createHttpMetrics, type HttpMetrics } from './http/http-metrics.js';
export type { RouteCall, RouteHandler, RouteHandlers } from './http/route-handler.js';
export { type BillingRouterOptions, createBillingRouter } from './router.js';
export { closeHttpServer } from './server/close-http-server.js';
export { createLogger, type RunningServer, runBillingServer } from './server/run-server.js';
export type { BillingServices } from './services.js';
export { createStripeGateway, type StripeGateway, type StripeSettings } from './stripe/stripe-gateway.js';
