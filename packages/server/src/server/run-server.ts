import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, pino } from 'pino';
import { createBillingApp } from '../app.js';
import { assertStartable, type ServerConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { loadBillingConfig } from '../domain/catalog/load-billing-config.js';
import { createBillingEngine } from '../engine/engine.js';
import { createStripeGateway } from '../stripe/stripe-gateway.js';
import { closeHttpServer } from './close-http-server.js';
import { scheduleUsageReports, type UsageSchedule } from './usage-schedule.js';

export interface RunningServer {
  url: string;
  database: Database;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the database. */
  close(graceMs?: number): Promise<void>;
}

export function createLogger(level: ServerConfig['logLevel']): Logger {
  return pino({ name: 'billing-kit', level });
}

/** Opens the database, migrates it, and serves the billing app; refuses a production start without secrets. */
export async function runBillingServer(
  config: ServerConfig,
  logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  assertStartable(config);
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir });
  const report = await migrate(database);
  logger.info({ dialect: database.dialect, applied: report.applied }, 'database ready');
  const stripe = createStripeGateway(config.stripe);
  if (config.catalog) {
    // Syncing is idempotent (lookup keys), so every replica may do it on every start.
    const synced = await syncCatalog(database, stripe, await loadBillingConfig(config.catalog));
    logger.info(
      { stripe: synced.stripe, created: synced.created.length, archived: synced.archived.length },
      'catalog synced',
    );
  }
  const app = createBillingApp({
    database,
    stripe,
    jwt: {
      secret: config.auth.jwtSecret,
      jwksUrl: config.auth.jwksUrl,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    },
    apiKey: config.auth.apiKey,
    pastDueAccess: config.pastDueAccess,
    returnUrlOrigins: config.returnUrlOrigins,
    logger,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  // Overage reaches Stripe on a schedule when Stripe is configured (meter events, each once). The same
  // tick charges auto top-ups left pending (a charge that could not reach Stripe, a process that stopped
  // mid-charge): each under its own idempotency key, so never twice.
  let usageReports: UsageSchedule | undefined;
  if (config.stripe.secretKey && config.usageReportIntervalMs > 0) {
    const engine = createBillingEngine({
      db: database,
      catalog: cachedCatalog(database),
      now: () => new Date(),
      stripe,
    });
    const chargeLeftovers = async () => {
      const charged = await engine.chargeAutoTopUps().catch((error: unknown) => {
        logger.warn({ err: error }, 'charging auto top-ups failed; retrying at the next tick');
        return { paid: 0, failed: 0, pending: 0 };
      });
      if (charged.paid > 0 || charged.failed > 0) logger.info(charged, 'pending auto top-ups charged');
    };
    usageReports = scheduleUsageReports(
      async () => {
        await chargeLeftovers();
        return engine.reportUsage();
      },
      {
        intervalMs: config.usageReportIntervalMs,
        logger,
      },
    );
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info(
    { url, stripe: config.stripe.secretKey ? 'configured' : 'not configured' },
    'billing server listening',
  );
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    logger,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        await closeHttpServer(server, graceMs);
        await usageReports?.stop();
        await database.close();
        logger.info('billing server stopped');
      })();
      return closing;
    },
  };
}
