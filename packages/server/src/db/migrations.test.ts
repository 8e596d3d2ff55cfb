import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { loadMigrations, type Migration, migrate } from './migrations.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const extra = (version: number, sql: string): Migration => ({
  version,
  name: `${version}_test`,
  sql,
  checksum: `checksum-of-${sql}`,
});

describe('migrations', () => {
  it('has applied every migration file to the test database, and a second run applies nothing', async () => {
    const migrations = await loadMigrations();
    expect(migrations.map((migration) => migration.name)).toContain('0001_initial');
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    expect(await migrate(db, migrations)).toEqual({ applied: [], alreadyApplied: migrations.length });
  });

  it('applies a new migration exactly once when several replicas migrate at the same moment', async () => {
    const migrations = [...(await loadMigrations()), extra(9001, 'CREATE TABLE replica_race (id integer)')];
    const reports = await Promise.all([
      migrate(db, migrations),
      migrate(db, migrations),
      migrate(db, migrations),
    ]);
    expect(reports.flatMap((report) => report.applied)).toEqual(['9001_test']);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const migrations = [...(await loadMigrations()), extra(9001, 'CREATE TABLE replica_race (id bigint)')];
    await expect(migrate(db, migrations)).rejects.toThrow(/9001_test was changed/);
  });

  it('rolls back a failing migration entirely', async () => {
    const broken = extra(9002, 'CREATE TABLE half_done (id integer); SELECT no_such_function();');
    await expect(migrate(db, [...(await loadMigrations()), broken])).rejects.toThrow();
    const { rowCount } = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(rowCount).toBe(0);
  });
});
