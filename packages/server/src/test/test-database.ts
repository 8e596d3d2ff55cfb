import type { Database } from '../db/database.js';
import { openPgliteDatabase } from '../db/pglite-database.js';
import { openPostgresDatabase } from '../db/postgres-database.js';
import { pgliteTemplateDump } from './pglite-template.js';
import { createPostgresTestDatabase } from './postgres-template.js';

/** Tables whose rows tests create; schema_migrations and the schema itself stay. */
const RESETTABLE_TABLES_QUERY = `
  SELECT tablename FROM pg_tables
  WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`;

export interface TestDatabase extends Database {
  /** Empties every table, for suites that want a clean slate between tests. */
  reset(): Promise<void>;
}

/** Which database tests run on: PostgreSQL when BILLING_TEST_DATABASE_URL is set, PGlite otherwise. */
export const testDatabaseDialect = process.env.BILLING_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A migrated database of its own for one test file: a PGlite loaded from the cached template dump, or a
 * PostgreSQL database copied from a template database. `close()` disposes of it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.BILLING_TEST_DATABASE_URL;
  let db: Database;
  let dispose: () => Promise<void>;
  if (adminUrl) {
    const created = await createPostgresTestDatabase(adminUrl);
    const postgres = openPostgresDatabase({ connectionString: created.url });
    db = postgres;
    dispose = async () => {
      await postgres.close();
      await created.drop();
    };
  } else {
    const pglite = await openPgliteDatabase({ loadDataDir: await pgliteTemplateDump() });
    db = pglite;
    dispose = () => pglite.close();
  }
  return {
    dialect: db.dialect,
    query: db.query,
    exec: db.exec,
    transaction: db.transaction,
    close: dispose,
    async reset() {
      const { rows } = await db.query<{ tablename: string }>(RESETTABLE_TABLES_QUERY);
      if (rows.length === 0) return;
      await db.exec(
        `TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
      );
    },
  };
}
