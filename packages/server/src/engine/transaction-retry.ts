import type { Executor } from '../db/database.js';
import { sqlState } from '../db/sql-state.js';

// 40P01 deadlock, 40001 serialization failure: PostgreSQL rolled the whole transaction back, so running it
// again is safe. The one deadlock here: two tracks opening a new period while both hold the old grants.
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `work` again (up to `attempts` times in all) when PostgreSQL aborted it to break a deadlock or a
 * serialization conflict. `work` must be safe to repeat: a transaction that was rolled back, or reads and
 * idempotent writes (opening a period is `ON CONFLICT DO NOTHING`).
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= attempts || state === undefined || !RETRYABLE.has(state)) throw error;
    }
  }
}

/** Runs `work` in a transaction, again (up to `attempts` times) when PostgreSQL aborted it to break a deadlock. */
export function transactionWithRetry<T>(
  db: Executor,
  work: (tx: Executor) => Promise<T>,
  attempts = 4,
): Promise<T> {
  return retryOnConflict(() => db.transaction(work), attempts);
}
