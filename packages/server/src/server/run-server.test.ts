import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openPgliteDatabase } from '../db/pglite-database.js';
import { pgliteTemplateDump } from '../test/pglite-template.js';
import { createPostgresTestDatabase } from '../test/postgres-template.js';
import { runBillingServer } from './run-server.js';

const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Where this run's server keeps data: a PostgreSQL test database, or a PGlite data dir on disk. */
async function databaseEnv(): Promise<Record<string, string>> {
  const adminUrl = process.env.BILLING_TEST_DATABASE_URL;
  if (adminUrl) {
    const created = await createPostgresTestDatabase(adminUrl);
    cleanups.push(created.drop);
    return { DATABASE_URL: created.url };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'billing-kit-run-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  // Seeded from the migrated template so the test skips initdb (4–5 s); the server reopens it from disk.
  const seeded = await openPgliteDatabase({ dataDir, loadDataDir: await pgliteTemplateDump() });
  await seeded.close();
  return { BILLING_DATA_DIR: dataDir };
}

/** Starts a POST whose body is still arriving; `finish` sends the rest and resolves with the status. */
function slowPost(url: string): { finish: () => Promise<number> } {
  const pending = request(`${url}/api/billing/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '2' },
  });
  const status = new Promise<number>((resolve, reject) => {
    pending.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    pending.on('error', reject);
  });
  pending.write('{');
  return {
    finish: () => {
      pending.end('}');
      return status;
    },
  };
}

describe('runBillingServer', () => {
  it('refuses to start in production without its secrets, naming them', async () => {
    await expect(runBillingServer(loadConfig({ NODE_ENV: 'production' }), silent)).rejects.toThrow(
      /STRIPE_SECRET_KEY is required/,
    );
  });

  it('migrates its database, serves, and finishes an in-flight request when shut down', async () => {
    const server = await runBillingServer(
      loadConfig({ PORT: '0', BILLING_CATALOG: 'demo', ...(await databaseEnv()) }),
      silent,
    );
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const catalog = (await (await fetch(`${server.url}/api/billing/catalog`)).json()) as {
        plans: { id: string }[];
      };
      expect(catalog.plans.map((plan) => plan.id)).toContain('pro');
      const { rows } = await server.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
      const inFlight = slowPost(server.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closing = server.close();
      // No webhook secret configured: the point is that an answer arrives at all, after shutdown began.
      expect(await inFlight.finish()).toBe(503);
      await closing;
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  }, 60_000);

  it('sends pending overage to Stripe on its own schedule when Stripe is configured', async () => {
    const server = await runBillingServer(
      loadConfig({
        PORT: '0',
        STRIPE_SECRET_KEY: 'sk_test_schedule',
        BILLING_USAGE_REPORT_INTERVAL_SECONDS: '1',
        ...(await databaseEnv()),
      }),
      silent,
    );
    try {
      // An overage row of an account with no Stripe customer: the reporter marks it failed without calling
      // Stripe, which shows that a run happened with nothing but the clock to start it.
      const db = server.database;
      await db.query(`INSERT INTO accounts (id, name) VALUES ('acct_sched', 'Scheduled')`);
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, occurred_at)
         VALUES ('acct_sched', 'k1', 'voice_words', 1500, now()) RETURNING id`,
      );
      await db.query(
        `INSERT INTO usage_outbox (usage_event_id, account_id, feature_key, units, per, amount, currency, occurred_at)
         VALUES ($1, 'acct_sched', 'voice_words', 1500, 1000, 150, 'USD', now())`,
        [rows[0]?.id],
      );
      const attempts = async () =>
        (
          await db.query<{ attempts: number; last_error: string | null }>(
            'SELECT attempts, last_error FROM usage_outbox WHERE usage_event_id = $1',
            [rows[0]?.id],
          )
        ).rows[0];
      await expect.poll(attempts, { timeout: 5_000, interval: 100 }).toMatchObject({
        last_error: 'The account has no Stripe customer',
      });
    } finally {
      await server.close();
    }
  }, 60_000);
});
