import { createHash } from 'node:crypto';

/** 0A000 "cached plan must not change result type": the schema changed under a prepared `SELECT *`. */
export const STALE_PLAN = '0A000';

export interface StatementNames {
  /** The name to prepare `sql` under, or undefined to send it unnamed. */
  nameOf(sql: string): string | undefined;
  /** Sends `sql` unnamed from now on (its prepared plan went stale). */
  forget(sql: string): void;
}

/**
 * Names statements a process sends more than once so the database keeps their plans (pg prepares a named
 * statement once per connection; the PGlite adapter once per instance): the engine's statements are
 * planned once, not per call. Bounded, so dynamically built SQL cannot grow it without limit; past the
 * bound, statements go unnamed.
 */
export function createStatementNames(max = 500, prefix = 'bk'): StatementNames {
  // undefined: never seen; null: seen once; false: never name; string: its name.
  const seen = new Map<string, string | null | false>();
  let named = 0;
  return {
    nameOf(sql) {
      const name = seen.get(sql);
      if (name) return name;
      if (name === false) return undefined;
      if (name === undefined) {
        if (seen.size < max * 4) seen.set(sql, null);
        return undefined;
      }
      if (named >= max) return undefined;
      named += 1;
      const assigned = `${prefix}_${createHash('sha256').update(sql).digest('hex').slice(0, 20)}`;
      seen.set(sql, assigned);
      return assigned;
    },
    forget(sql) {
      seen.set(sql, false);
    },
  };
}
