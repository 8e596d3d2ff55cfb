import type { LedgerEntry, Page } from '@billing-kit/contracts';
import type { Executor } from '../db/database.js';
import { decodeCursor, encodeCursor } from '../domain/page-cursor.js';

interface LedgerRow {
  id: string;
  at: Date;
  feature_key: string;
  type: LedgerEntry['type'];
  amount: number;
  source: LedgerEntry['source'];
  description: string;
  reference: string | null;
}

/**
 * The ledger, newest first, keyset-paginated. Expiries are not stored: a grant past its expiry with units
 * left shows as an `expiry` entry at its expiry time, so nothing has to run for the ledger to be complete.
 * Units rolled over left their grant by an entry of their own, so only what was really lost shows as
 * expired; a rollover forfeited at a plan change says why (its `reason`).
 */
export async function ledgerPage(
  db: Executor,
  accountId: string,
  at: Date,
  query: { cursor?: string | undefined; limit: number; feature?: string | undefined },
): Promise<Page<LedgerEntry>> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = await db.query<LedgerRow>(
    `SELECT * FROM (
       SELECT 'l' || id AS id, at, feature_key, type, amount, source, description, reference
       FROM ledger_entries WHERE account_id = $1
       UNION ALL
       SELECT 'x' || id, expires_at, feature_key, 'expiry', -remaining, source,
         CASE WHEN source = 'rollover' AND reason IS NOT NULL THEN reason ELSE 'Expired unused' END, reference
       FROM credit_grants WHERE account_id = $1 AND expires_at <= $2 AND remaining > 0
     ) entries
     WHERE ($3::text IS NULL OR feature_key = $3)
       AND ($4::timestamptz IS NULL OR (at, id) < ($4::timestamptz, $5::text))
     ORDER BY at DESC, id DESC LIMIT $6`,
    [
      accountId,
      at,
      query.feature ?? null,
      after ? new Date(after.sortValue) : null,
      after?.id ?? null,
      query.limit + 1,
    ],
  );
  const hasMore = rows.length > query.limit;
  const data: LedgerEntry[] = rows.slice(0, query.limit).map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    feature: row.feature_key,
    type: row.type,
    amount: Number(row.amount),
    source: row.source,
    description: row.description,
    reference: row.reference,
  }));
  const last = data.at(-1);
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.at, last.id) : null };
}
