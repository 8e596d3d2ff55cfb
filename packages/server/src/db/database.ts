/** A row as the adapters return it: int8 as number, numeric as string, timestamptz as Date, json parsed. */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends object = Row> {
  rows: R[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  rowCount: number;
}

/** What domain code needs from a database: parameterized queries, scripts and atomic units of work. */
export interface Executor {
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a multi-statement script without parameters (migrations, schema resets). */
  exec(script: string): Promise<void>;
  /**
   * Runs `work` atomically: commits when it resolves, rolls back when it throws. Called on a handle that is
   * already inside a transaction, it joins that transaction, so domain functions compose freely.
   */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
}

export type DatabaseDialect = 'pglite' | 'postgres';

export interface Database extends Executor {
  readonly dialect: DatabaseDialect;
  close(): Promise<void>;
}
