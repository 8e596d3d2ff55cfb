import type { Executor } from '../db/database.js';

/** A feature's available balance went from at least its auto top-up threshold to below it. */
export interface Crossing {
  /** The feature whose grants were spent (the pool, for a feature priced in one). */
  feature: string;
  before: number;
  after: number;
}

/**
 * The crossing of one spending transaction, if it made one: available at least `threshold` when it read
 * the (locked) balance, below it after. Spending transactions of a feature hold its grants' lock one after
 * another, so each crossing is seen by exactly one of them — two tracks that cross together, in one group
 * or in two transactions, make one crossing.
 */
export function crossingOf(
  feature: string,
  threshold: number | null,
  before: number,
  after: number,
): Crossing | null {
  if (threshold === null) return null;
  return before >= threshold && after < threshold ? { feature, before, after } : null;
}

/** The first instant of `at`'s calendar month in UTC: the monthly cap counts from here. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/**
 * Records crossings as auto top-up attempts in the spending transaction, so a crossing is charged once or
 * not at all whatever happens after commit: `pending` (to be charged), or `capped` when the month's top-ups
 * (pending or paid) already reach the setting's cap, settled at once since nothing will be charged. A
 * setting turned off since the read records nothing. The track function records its crossings through the
 * same `bk_record_crossings` (migration 0015).
 * Answers whether any attempt is pending, i.e. whether there is something to charge.
 */
export async function recordCrossings(
  tx: Executor,
  accountId: string,
  crossings: readonly Crossing[],
  at: Date,
): Promise<boolean> {
  if (crossings.length === 0) return false;
  const { rows } = await tx.query<{ pending: boolean }>(
    'SELECT bk_record_crossings($1, $2::text[], $3::bigint[], $4::bigint[], $5) AS pending',
    [
      accountId,
      crossings.map((crossing) => crossing.feature),
      crossings.map((crossing) => crossing.before),
      crossings.map((crossing) => crossing.after),
      at,
    ],
  );
  return rows[0]?.pending === true;
}
