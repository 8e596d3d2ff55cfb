import { mkdir } from 'node:fs/promises';
import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import type { Database, Executor, QueryResult } from './database.js';
import { joinedExecutor } from './join-transaction.js';
import { createPreparedRunner, type PreparedRunner } from './pglite-prepared.js';
import { createStatementNames, STALE_PLAN, type StatementNames } from './statement-names.js';

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

interface Prepared {
  runner: PreparedRunner;
  names: StatementNames;
  inTransaction: boolean;
}

function executorOver(target: PgliteQueryable, prepared: Prepared): Executor {
  return joinedExecutor(
    async <R extends object>(sql: string, params: readonly unknown[] = []) => {
      const name = prepared.names.nameOf(sql);
      if (!name) return toResult(await target.query<R>(sql, [...params]));
      try {
        return toResult(await prepared.runner.run<R>(name, sql, params, prepared.inTransaction));
      } catch (error) {
        if ((error as { code?: string }).code !== STALE_PLAN) throw error;
        // The schema changed under the prepared plan: unnamed from now on (inside a transaction the
        // transaction is aborted and the error stands).
        prepared.names.forget(sql);
        if (prepared.inTransaction) throw error;
        return toResult(await target.query<R>(sql, [...params]));
      }
    },
    async (script) => {
      await target.exec(script);
    },
  );
}

let adapters = 0;

/**
 * PGlite is one connection in this process. Its own mutex already makes every query and transaction run
 * alone, so concurrent callers queue rather than interleave: a transaction sees no other writer. Statements
 * sent more than once are prepared under a name (see pglite-prepared.ts).
 */
export function pgliteDatabase(pglite: PGlite): Database & { readonly pglite: PGlite } {
  adapters += 1;
  const runner = createPreparedRunner(pglite);
  const names = createStatementNames(500, `bk${adapters}`);
  const outside = executorOver(pglite, { runner, names, inTransaction: false });
  return {
    dialect: 'pglite',
    pglite,
    query: outside.query,
    exec: outside.exec,
    transaction: (work) =>
      pglite.transaction((tx) => work(executorOver(tx, { runner, names, inTransaction: true }))),
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
