import type { Catalog, Page, Purchase } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';

interface PurchaseRow {
  id: string;
  account_id: string;
  package_type: Purchase['packageType'];
  package_id: string | null;
  quantity: number;
  status: Purchase['status'];
  amount: number | null;
  currency: string;
  created_at: Date;
  paid_at: Date | null;
  origin: 'checkout' | 'auto_top_up';
}

// Credit packs from the purchases table and subscription sign-ups from the Stripe mirror, as one
// newest-first list. A sign-up counts as succeeded once Stripe ever activated it.
const PURCHASES_AND_SIGN_UPS = `
  SELECT id, account_id, 'credit_pack' AS package_type, credit_pack_id AS package_id, quantity,
    CASE status WHEN 'paid' THEN 'succeeded' ELSE status END AS status,
    amount, currency, created_at, paid_at, origin
  FROM purchases WHERE account_id = $1
  UNION ALL
  SELECT s.id, s.account_id,
    CASE WHEN s.plan_id IS NULL THEN 'add_on' ELSE 'plan' END,
    COALESCE(s.plan_id, first_item.owner_id), COALESCE(first_item.quantity, 1),
    CASE s.status WHEN 'incomplete' THEN 'pending' WHEN 'incomplete_expired' THEN 'failed' ELSE 'succeeded' END,
    first_item.unit_amount * COALESCE(first_item.quantity, 1), COALESCE(s.currency, 'USD'), s.stripe_created_at, NULL, 'checkout'
  FROM subscriptions s
  LEFT JOIN LATERAL (
    SELECT i.owner_id, i.quantity, p.unit_amount FROM subscription_items i
    LEFT JOIN prices p ON p.stripe_price_id = i.stripe_price_id
    WHERE i.subscription_id = s.id ORDER BY (i.kind = 'plan') DESC, i.id LIMIT 1
  ) first_item ON true
  WHERE s.account_id = $1`;

/** The package's name; a pack an auto top-up bought says so. */
function nameOf(catalog: Catalog, row: PurchaseRow): string {
  const all = [...catalog.plans, ...catalog.creditPacks, ...catalog.addOns];
  const name =
    all.find((item) => item.id === row.package_id && item.type === row.package_type)?.name ??
    row.package_id ??
    '';
  return row.origin === 'auto_top_up' ? `${name} (auto top-up)` : name;
}

/** Credit packs bought and subscriptions signed up for, newest first. */
export async function listPurchases(
  db: Executor,
  catalog: Catalog,
  accountId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<Purchase>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const { rows } = await db.query<PurchaseRow>(
    `SELECT * FROM (${PURCHASES_AND_SIGN_UPS}) AS bought
     WHERE ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [accountId, after ? new Date(after.sortValue) : null, after?.id ?? null, page.limit + 1],
  );
  const hasMore = rows.length > page.limit;
  const data = rows.slice(0, page.limit).map((row): Purchase => {
    const pack =
      row.package_type === 'credit_pack'
        ? catalog.creditPacks.find((candidate) => candidate.id === row.package_id)
        : undefined;
    const expiresAt =
      row.paid_at && pack?.expiresInDays
        ? new Date(row.paid_at.getTime() + pack.expiresInDays * 86_400_000)
        : null;
    return {
      id: row.id,
      accountId: row.account_id,
      packageType: row.package_type,
      packageId: row.package_id ?? 'unknown',
      name: nameOf(catalog, row),
      amount: { amount: row.amount ?? 0, currency: row.currency },
      status: row.status,
      units: pack ? pack.units * row.quantity : null,
      expiresAt: expiresAt?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    };
  });
  const last = data.at(-1);
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null };
}
