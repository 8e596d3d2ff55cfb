import type { Catalog, Page, Purchase } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';

interface PurchaseRow {
  id: string;
  account_id: string;
  credit_pack_id: string;
  quantity: number;
  status: 'pending' | 'paid' | 'failed' | 'refunded';
  amount: number;
  currency: string;
  created_at: Date;
  paid_at: Date | null;
}

const statusOf = { pending: 'pending', paid: 'succeeded', failed: 'failed', refunded: 'refunded' } as const;

/** One-time purchases newest first. */
export async function listPurchases(
  db: Executor,
  catalog: Catalog,
  accountId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<Purchase>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const { rows } = await db.query<PurchaseRow>(
    `SELECT * FROM purchases WHERE account_id = $1
       AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [accountId, after ? new Date(after.sortValue) : null, after?.id ?? null, page.limit + 1],
  );
  const hasMore = rows.length > page.limit;
  const data = rows.slice(0, page.limit).map((row): Purchase => {
    const pack = catalog.creditPacks.find((candidate) => candidate.id === row.credit_pack_id);
    const expiresAt =
      row.paid_at && pack?.expiresInDays
        ? new Date(row.paid_at.getTime() + pack.expiresInDays * 86_400_000)
        : null;
    return {
      id: row.id,
      accountId: row.account_id,
      packageType: 'credit_pack',
      packageId: row.credit_pack_id,
      name: pack?.name ?? row.credit_pack_id,
      amount: { amount: row.amount, currency: row.currency },
      status: statusOf[row.status],
      units: pack ? pack.units * row.quantity : null,
      expiresAt: expiresAt?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    };
  });
  const last = data.at(-1);
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null };
}
