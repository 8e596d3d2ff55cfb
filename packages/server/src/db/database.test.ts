import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseDialect } from '../test/test-database.js';
import { createStatementNames, openPostgresDatabase } from './postgres-database.js';
import { isUniqueViolation } from './sql-state.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.exec(
    'CREATE TABLE test_balances (id text PRIMARY KEY, balance integer NOT NULL CHECK (balance >= 0))',
  );
});
afterAll(() => db.close());

describe('Database', () => {
  it('returns int8 as numbers, timestamptz as dates and jsonb parsed, on both adapters', async () => {
    const { rows } = await db.query<{ total: number; at: Date; doc: { a: number } }>(
      `SELECT count(*) AS total, now() AS at, $1::jsonb AS doc`,
      [JSON.stringify({ a: 1 })],
    );
    expect(rows[0]).toEqual({ total: 1, at: expect.any(Date), doc: { a: 1 } });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query(`INSERT INTO test_balances VALUES ('kept', 1)`));
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO test_balances VALUES ('dropped', 1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ id: string }>('SELECT id FROM test_balances ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(['kept']);
  });

  it('joins the outer transaction when a transaction is nested, so an outer failure undoes both', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.transaction((inner) => inner.query(`INSERT INTO test_balances VALUES ('nested', 1)`));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    const { rowCount } = await db.query(`SELECT 1 FROM test_balances WHERE id = 'nested'`);
    expect(rowCount).toBe(0);
  });

  it('never overdraws under concurrent read-modify-write transactions', async () => {
    await db.query(`INSERT INTO test_balances VALUES ('pool', 20)`);
    const attempts = Array.from({ length: 60 }, () =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ balance: number }>(
          `SELECT balance FROM test_balances WHERE id = 'pool' FOR UPDATE`,
        );
        const balance = rows[0]?.balance ?? 0;
        if (balance < 1) return false;
        await tx.query(`UPDATE test_balances SET balance = $1 WHERE id = 'pool'`, [balance - 1]);
        return true;
      }),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter(Boolean)).toHaveLength(20);
    const { rows } = await db.query<{ balance: number }>(
      `SELECT balance FROM test_balances WHERE id = 'pool'`,
    );
    expect(rows[0]?.balance).toBe(0);
  });

  it('reports unique violations by SQLSTATE', async () => {
    const error = await db
      .query(`INSERT INTO test_balances VALUES ('kept', 1)`)
      .catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
  });
});

describe('an unreachable PostgreSQL', () => {
  it('fails queries within the connection timeout instead of hanging', async () => {
    const unreachable = openPostgresDatabase({
      connectionString: 'postgres://nobody:nothing@10.255.255.1:5432/none',
      connectionTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(unreachable.query('SELECT 1')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    await unreachable.close();
  });
});

describe('prepared statements (PostgreSQL)', () => {
  it('names a statement from its second use, within a bound, and never one it was told to forget', () => {
    const names = createStatementNames(2);
    expect(names.nameOf('SELECT 1')).toBeUndefined();
    const name = names.nameOf('SELECT 1');
    expect(name).toMatch(/^bk_[0-9a-f]{20}$/);
    expect(names.nameOf('SELECT 1')).toBe(name);
    names.nameOf('SELECT 2');
    expect(names.nameOf('SELECT 2')).toMatch(/^bk_/);
    names.nameOf('SELECT 3');
    expect(names.nameOf('SELECT 3')).toBeUndefined();
    names.forget('SELECT 1');
    expect(names.nameOf('SELECT 1')).toBeUndefined();
  });

  it.runIf(testDatabaseDialect === 'postgres')(
    'keeps answering a prepared SELECT * after the table gained a column (the stale plan is dropped)',
    async () => {
      await db.exec('CREATE TABLE test_prepared (id integer PRIMARY KEY)');
      await db.exec('INSERT INTO test_prepared VALUES (1)');
      const read = () => db.query<Record<string, unknown>>('SELECT * FROM test_prepared WHERE id = $1', [1]);
      for (let use = 0; use < 5; use += 1) expect((await read()).rows).toEqual([{ id: 1 }]);
      await db.exec('ALTER TABLE test_prepared ADD COLUMN label text');
      const after = await Promise.all(Array.from({ length: 12 }, read));
      for (const result of after) expect(result.rows).toEqual([{ id: 1, label: null }]);
    },
  );
});
