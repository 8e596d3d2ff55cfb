'use client';
import { useBillingContext } from '../billing-provider.js';
import { usePurchases } from '../hooks/use-billing-queries.js';
import { PagedList } from '../internal/paged-list.js';
import { useCursorPager } from '../internal/use-cursor-pager.js';

export function PurchaseList({ accountId, pageSize = 10 }: { accountId: string; pageSize?: number }) {
  const { format } = useBillingContext('BillingDashboard');
  const pager = useCursorPager();
  const purchases = usePurchases(
    { limit: pageSize, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
    accountId,
  );
  return (
    <PagedList query={purchases} pager={pager} noun="purchases">
      {(items) => (
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
            {items.map((purchase) => (
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
      )}
    </PagedList>
  );
}
