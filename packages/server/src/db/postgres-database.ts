import pg from 'pg';
import type { Database, Executor, QueryResult } from './database.js';
import { joinedExecutor } from './join-transaction.js';

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

function executorOver(client: pg.Pool | pg.PoolClient): Executor {
  return joinedExecutor(
    async <R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
      const result = await client.query(sql, [...params]);
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
  const outside = executorOver(pool);
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
        const result = await work(executorOver(client));
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
