import { mkdir } from 'node:fs/promises';
import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import type { Database, Executor, QueryResult } from './database.js';
import { joinedExecutor } from './join-transaction.js';

export interface PgliteDatabaseOptions {
  /** Directory holding the data files; omitted means in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from instead of running initdb (4–5 s) again. */
  loadDataDir?: Blob;
}

function toResult<R extends object>(results: Results<R>): QueryResult<R> {
  return { rows: results.rows, rowCount: Math.max(results.affectedRows ?? 0, results.rows.length) };
}

type PgliteQueryable = Pick<Transaction, 'query' | 'exec'>;

function executorOver(target: PgliteQueryable): Executor {
  return joinedExecutor(
    async <R extends object>(sql: string, params: readonly unknown[] = []) =>
      toResult(await target.query<R>(sql, [...params])),
    async (script) => {
      await target.exec(script);
    },
  );
}

/**
 * PGlite is one connection in this process. Its own mutex already makes every query and transaction run
 * alone, so concurrent callers queue rather than interleave: a transaction sees no other writer.
 */
export function pgliteDatabase(pglite: PGlite): Database & { readonly pglite: PGlite } {
  const outside = executorOver(pglite);
  return {
    dialect: 'pglite',
    pglite,
    query: outside.query,
    exec: outside.exec,
    transaction: (work) => pglite.transaction((tx) => work(executorOver(tx))),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function openPgliteDatabase(
  options: PgliteDatabaseOptions = {},
): Promise<Database & { readonly pglite: PGlite }> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
  });
  return pgliteDatabase(pglite);
}
