import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadMigrations, migrate, migrationsFingerprint } from '../db/migrations.js';
import { openPostgresDatabase } from '../db/postgres-database.js';
import { sqlState } from '../db/sql-state.js';

// Serializes template creation across Vitest workers and concurrent CI runs on one server.
const TEMPLATE_LOCK_KEY = 7_311_284_652;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function ensureTemplate(admin: pg.Client, adminUrl: string, template: string): Promise<void> {
  await admin.query(`SELECT pg_advisory_lock(${TEMPLATE_LOCK_KEY})`);
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rowCount) return;
    const building = `${template}_building_${randomBytes(3).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${building}"`);
    const db = openPostgresDatabase({
      connectionString: withDatabase(adminUrl, building),
      maxConnections: 1,
    });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    // Renamed only once complete, so a crash mid-migration never leaves a half-built template behind.
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`);
  }
}

const OBJECT_IN_USE = '55006';

// Another worker's CREATE … TEMPLATE can hold the template for a moment; that is worth a short wait.
async function createFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if (sqlState(error) !== OBJECT_IN_USE || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * A fresh database for one test file, copied from a migrated template database (CREATE DATABASE …
 * TEMPLATE copies files, far faster than migrating). Returns its URL and a function that drops it.
 */
export async function createPostgresTestDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = `billing_kit_template_${migrationsFingerprint(await loadMigrations())}`;
  const name = `billing_kit_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureTemplate(admin, adminUrl, template);
    await createFromTemplate(admin, name, template);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
