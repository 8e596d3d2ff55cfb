import type { Executor, QueryResult, Row } from './database.js';

type QueryFn = <R extends object = Row>(sql: string, params?: readonly unknown[]) => Promise<QueryResult<R>>;

/** An executor bound to an open transaction; nested `transaction` calls run inside it. */
export function joinedExecutor(query: QueryFn, exec: (script: string) => Promise<void>): Executor {
  const executor: Executor = {
    query,
    exec,
    transaction: (work) => work(executor),
  };
  return executor;
}
