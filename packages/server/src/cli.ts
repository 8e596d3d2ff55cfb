#!/usr/bin/env node
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { migrate } from './db/migrations.js';
import { openDatabase } from './db/open-database.js';
import { reconcile } from './domain/admin/reconcile.js';
import { cachedCatalog } from './domain/catalog/catalog-cache.js';
import { syncCatalog } from './domain/catalog/catalog-sync.js';
import { loadBillingConfig } from './domain/catalog/load-billing-config.js';
import { createBillingEngine } from './engine/engine.js';
import { createStripeGateway } from './stripe/stripe-gateway.js';

const usage = `billing-kit <command>

  migrate                 apply pending database migrations
  sync [config-file]      push the catalog (default ./billing.config.ts; --demo for the demo catalog)
                          to Stripe by lookup_key and to the database
  reconcile [account-id]  re-read Stripe and repair the mirror for one account or all of them
  report-usage [account-id]
                          send pending overage to Stripe as meter events (each once; safe on every
                          replica and after a crash) — run it on a schedule
  sweep-holds             mark reservations past their expiry as expired (bookkeeping only: an expired
                          hold already holds nothing; safe on every replica at once)
  charge-top-ups [account-id]
                          charge auto top-ups left pending (Stripe unreachable, a process stopped
                          mid-charge); each under its own idempotency key, so never twice

Environment: DATABASE_URL or BILLING_DATA_DIR, STRIPE_SECRET_KEY, STRIPE_API_BASE.
TypeScript config files need a TypeScript-aware runner: npx tsx node_modules/.bin/billing-kit sync`;

async function main(args: string[]): Promise<number> {
  const [command, argument] = args;
  const commands = ['migrate', 'sync', 'reconcile', 'report-usage', 'sweep-holds', 'charge-top-ups'];
  if (command === undefined || !commands.includes(command)) {
    console.error(usage);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir });
  try {
    const migrated = await migrate(db);
    console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already there`);
    if (command === 'sync') {
      const result = await syncCatalog(
        db,
        createStripeGateway(config.stripe),
        await loadBillingConfig(argument),
      );
      if (result.stripe === 'skipped') console.log('stripe: skipped (STRIPE_SECRET_KEY is not set)');
      for (const label of ['created', 'kept', 'archived'] as const) {
        console.log(`${label}: ${result[label].length}`);
        for (const item of result[label]) console.log(`  ${item}`);
      }
    }
    if (command === 'reconcile') {
      const context = {
        db,
        stripe: createStripeGateway(config.stripe),
        now: () => new Date(),
        catalog: cachedCatalog(db),
      };
      const services = {
        ...context,
        pastDueAccess: 'keep' as const,
        logger: pino({ level: 'silent' }),
        engine: createBillingEngine(context),
      };
      const result = await reconcile(services, { accountId: argument }, { type: 'system', id: 'cli' });
      console.log(`accounts checked: ${result.accountsChecked}, fields repaired: ${result.changes.length}`);
      for (const change of result.changes) {
        console.log(
          `  ${change.accountId} ${change.object} ${change.field}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`,
        );
      }
    }
    if (command === 'report-usage') {
      const engine = createBillingEngine({
        db,
        stripe: createStripeGateway(config.stripe),
        now: () => new Date(),
        catalog: cachedCatalog(db),
      });
      const result = await engine.reportUsage({ accountId: argument });
      console.log(`usage events reported: ${result.reported}, failed (kept pending): ${result.failed}`);
    }
    if (command === 'charge-top-ups') {
      const engine = createBillingEngine({
        db,
        stripe: createStripeGateway(config.stripe),
        now: () => new Date(),
        catalog: cachedCatalog(db),
      });
      const result = await engine.chargeAutoTopUps({ accountId: argument });
      console.log(
        `auto top-ups paid: ${result.paid}, failed (reported, setting turned off): ${result.failed}, left pending: ${result.pending}`,
      );
    }
    if (command === 'sweep-holds') {
      const engine = createBillingEngine({ db, now: () => new Date(), catalog: cachedCatalog(db) });
      const expired = await engine.sweepExpiredHolds();
      console.log(`reservations marked expired: ${expired.length}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
