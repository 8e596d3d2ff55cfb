import pg from 'pg';
import type { Database, Executor, QueryResult } from './database.js';
import { joinedExecutor } from './join-transaction.js';
import { createStatementNames, STALE_PLAN, type StatementNames } from './statement-names.js';

export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Pool size per process; replicas multiply it. */
  maxConnections?: number;
  /** How long to wait for a connection before failing; default 5 s. */
  connectionTimeoutMs?: number;
}

const INT8_OID = 20;

// pg returns int8 (count(*), sums) as strings to protect precision; amounts here are far below 2^53, and
// PGlite returns numbers, so both adapters agree on numbers. Scoped to this pool, never pg's global table.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function executorOver(client: pg.Pool | pg.PoolClient, names: StatementNames): Executor {
  return joinedExecutor(
    async <R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
      const name = names.nameOf(sql);
      let result: pg.QueryResult;
      try {
        result = await client.query(
          name ? { name, text: sql, values: [...params] } : { text: sql, values: [...params] },
        );
      } catch (error) {
        if (!name || (error as { code?: string }).code !== STALE_PLAN) throw error;
        // Outside a transaction the statement simply runs again unnamed; inside one the transaction is
        // aborted and the error stands, but the statement is unnamed from then on.
        names.forget(sql);
        if ('release' in client) throw error;
        result = await client.query(sql, [...params]);
      }
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async (script) => {
      await client.query(script);
    },
  );
}

export function openPostgresDatabase(
  options: PostgresDatabaseOptions,
): Database & { readonly pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // An unreachable database must fail requests (and /readyz) in seconds, not hang them.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    types: typeParsers,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const names = createStatementNames();
  const outside = executorOver(pool, names);
  let closed = false;
  return {
    dialect: 'postgres',
    pool,
    query: outside.query,
    exec: outside.exec,
    async transaction(work) {
      const client = await pool.connect();
      // A client whose ROLLBACK failed is in an unknown state: hand the error to release() so it is discarded.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(executorOver(client, names));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
