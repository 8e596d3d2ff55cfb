import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseDialect } from '../test/test-database.js';
import { openPostgresDatabase } from './postgres-database.js';
import { isUniqueViolation } from './sql-state.js';
import { createStatementNames } from './statement-names.js';

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

describe('prepared statements (both adapters)', () => {
  const probe = `SELECT $1::text AS label, $2::bigint AS amount, $3::timestamptz AS at, $4::text[] AS tags,
    $5::jsonb AS doc, $6::boolean AS flag, $7::text AS missing`;
  const params = [
    'a',
    42,
    new Date('2026-12-02T10:00:00.000Z'),
    ['x', 'y'],
    JSON.stringify({ a: 1 }),
    true,
    null,
  ];

  it('prepares a statement from its second use and answers exactly as unprepared', async () => {
    const answers = [];
    for (let use = 0; use < 4; use += 1) answers.push((await db.query(probe, params)).rows);
    expect(answers[0]).toEqual([
      {
        label: 'a',
        amount: 42,
        at: new Date('2026-12-02T10:00:00.000Z'),
        tags: ['x', 'y'],
        doc: { a: 1 },
        flag: true,
        missing: null,
      },
    ]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('keeps the plan: the backend lists the statement as prepared', async () => {
    const sql = 'SELECT count(*) AS n FROM test_balances WHERE balance >= $1';
    await db.transaction(async (tx) => {
      for (let use = 0; use < 3; use += 1) await tx.query(sql, [0]);
      const { rows } = await tx.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE statement = $1`,
        [sql],
      );
      expect(rows).toHaveLength(1);
    });
  });

  it('reports a prepared statement failing with its SQLSTATE, and the next statement runs', async () => {
    const insert = 'INSERT INTO test_balances (id, balance) VALUES ($1, $2)';
    await db.query(insert, ['p1', 1]);
    await db.query(insert, ['p2', 1]);
    await expect(db.query(insert, ['p2', 1])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query(insert, ['p3', -1])).rejects.toMatchObject({ code: '23514' });
    expect((await db.query(insert, ['p4', 1])).rowCount).toBe(1);
  });

  it('runs prepared statements inside the transaction that called them', async () => {
    const insert = 'INSERT INTO test_balances (id, balance) VALUES ($1, $2)';
    await expect(
      db.transaction(async (tx) => {
        for (const id of ['t1', 't2', 't3']) await tx.query(insert, [id, 1]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM test_balances WHERE id LIKE 't%'`);
    expect(rows).toEqual([]);
  });
});
