'use client';
import { useBillingContext } from '../billing-provider.js';
import { usePurchases } from '../hooks/use-billing-queries.js';
import { PagerButtons } from '../internal/pager-buttons.js';
import { EmptyState, ErrorState, Skeleton } from '../internal/query-states.js';
import { useCursorPager } from '../internal/use-cursor-pager.js';

export function PurchaseList({ accountId, pageSize = 10 }: { accountId: string; pageSize?: number }) {
  const { format } = useBillingContext('BillingDashboard');
  const pager = useCursorPager();
  const purchases = usePurchases(
    { limit: pageSize, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
    accountId,
  );
  if (purchases.isPending) return <Skeleton label="Loading purchases…" rows={2} />;
  if (purchases.isError)
    return <ErrorState message="Purchases could not be loaded." onRetry={() => void purchases.refetch()} />;
  if (purchases.data.data.length === 0 && !pager.hasPrevious)
    return <EmptyState>No purchases yet.</EmptyState>;
  return (
    <>
      <table className="bk-table">
        <caption className="bk-visually-hidden">Purchases</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Item</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {purchases.data.data.map((purchase) => (
            <tr key={purchase.id}>
              <td>{format.date(purchase.createdAt)}</td>
              <td>
                {purchase.name}
                {purchase.expiresAt ? ` (expires ${format.date(purchase.expiresAt)})` : ''}
              </td>
              <td>{format.money(purchase.amount)}</td>
              <td>{purchase.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PagerButtons
        label="Purchase pages"
        page={pager.page}
        hasPrevious={pager.hasPrevious}
        nextCursor={purchases.data.nextCursor}
        onPrevious={pager.previous}
        onNext={pager.next}
      />
    </>
  );
}
