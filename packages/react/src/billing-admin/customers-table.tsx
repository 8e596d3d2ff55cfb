'use client';
import type { CustomerSummary, SubscriptionStatus } from '@billing-kit/contracts';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBillingContext } from '../billing-provider.js';
import { useAdminCustomersInfinite, usePlans } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';

type SortKey = 'created' | 'name' | 'email' | 'mrr' | 'plan';
const statuses: SubscriptionStatus[] = ['free', 'trialing', 'active', 'past_due', 'unpaid', 'canceled'];
const rowHeight = 44;
const viewportHeight = 480;

function useDebounced<Value>(value: Value, delayMs: number): Value {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Customer' },
  { key: 'email', label: 'Email' },
  { key: 'plan', label: 'Plan' },
  { key: null, label: 'Status' },
  { key: 'mrr', label: 'MRR' },
  { key: 'created', label: 'Since' },
];

/**
 * Search, filter and sort happen on the server; pages load as the list scrolls, and only the rows in view
 * are rendered, so 10,000 loaded customers scroll as smoothly as 10.
 */
export function CustomersTable({
  onSelect,
  pageSize = 100,
}: {
  onSelect: (customer: CustomerSummary) => void;
  pageSize?: number;
}) {
  const { format } = useBillingContext('BillingAdmin');
  const plans = usePlans();
  const [search, setSearch] = useState('');
  const [planId, setPlanId] = useState('');
  const [status, setStatus] = useState<SubscriptionStatus | ''>('');
  const [sort, setSort] = useState<SortKey>('created');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const customers = useAdminCustomersInfinite({
    limit: pageSize,
    sort,
    order,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(planId ? { planId } : {}),
    ...(status ? { status } : {}),
  });
  // Flattened once per page load, not on every scroll frame: with 10,000 rows a copy per render shows.
  const rows = useMemo(() => customers.data?.pages.flatMap((page) => page.data) ?? [], [customers.data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 960, height: viewportHeight },
    // Without layout (server rendering, jsdom) the body measures 0 tall; assume its declared height then.
    observeElementRect: (instance, callback) =>
      observeElementRect(instance, (rect) =>
        callback(rect.height > 0 ? rect : { width: rect.width, height: viewportHeight }),
      ),
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 20 && customers.hasNextPage && !customers.isFetchingNextPage) {
      void customers.fetchNextPage();
    }
  }, [lastIndex, rows.length, customers.hasNextPage, customers.isFetchingNextPage, customers.fetchNextPage]);
  const sortBy = (key: SortKey) => {
    if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(key === 'name' || key === 'email' || key === 'plan' ? 'asc' : 'desc');
    }
  };
  return (
    <section className="bk-customers" aria-labelledby="bk-customers-heading">
      <h2 id="bk-customers-heading">Customers</h2>
      <div className="bk-customers__filters">
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Name or email"
          />
        </label>
        <label>
          Plan
          <select value={planId} onChange={(event) => setPlanId(event.target.value)}>
            <option value="">All plans</option>
            {plans.data?.plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as SubscriptionStatus | '')}
          >
            <option value="">All statuses</option>
            {statuses.map((option) => (
              <option key={option} value={option}>
                {option.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {customers.isPending ? (
        <Skeleton label="Loading customers…" rows={6} />
      ) : customers.isError ? (
        <ErrorState message="Customers could not be loaded." onRetry={() => void customers.refetch()} />
      ) : (
        <div
          ref={scrollRef}
          className="bk-customers__scroll"
          style={{ blockSize: viewportHeight, overflow: 'auto' }}
        >
          <table
            aria-label="Customers"
            aria-rowcount={rows.length + 1}
            className="bk-customers__table"
            style={{ display: 'grid' }}
          >
            <thead
              className="bk-customers__head"
              style={{ display: 'grid', position: 'sticky', insetBlockStart: 0, zIndex: 1 }}
            >
              <tr aria-rowindex={1} className="bk-customers__row bk-customers__row--head">
                {columns.map((column) => (
                  <th
                    key={column.label}
                    scope="col"
                    aria-sort={
                      column.key === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    {column.key ? (
                      <button
                        type="button"
                        className="bk-link-button"
                        onClick={() => column.key && sortBy(column.key)}
                      >
                        {column.label}
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            {/* Only the rows in view (plus overscan) exist in the DOM, positioned inside a body as tall as all rows. */}
            <tbody
              style={{
                display: 'grid',
                position: 'relative',
                blockSize: Math.max(virtualizer.getTotalSize(), rowHeight),
              }}
            >
              {rows.length === 0 ? (
                <tr>
                  <td className="bk-empty">No customers match.</td>
                </tr>
              ) : null}
              {items.map((item) => {
                const customer = rows[item.index];
                if (!customer) return null;
                return (
                  <tr
                    key={customer.accountId}
                    aria-rowindex={item.index + 2}
                    className="bk-customers__row"
                    style={{
                      position: 'absolute',
                      insetBlockStart: 0,
                      insetInlineStart: 0,
                      insetInlineEnd: 0,
                      transform: `translateY(${item.start}px)`,
                      blockSize: rowHeight,
                    }}
                  >
                    <td>
                      <button type="button" className="bk-link-button" onClick={() => onSelect(customer)}>
                        {customer.name}
                      </button>
                    </td>
                    <td>{customer.email ?? '—'}</td>
                    <td>{customer.planName}</td>
                    <td>
                      <span className="bk-badge" data-status={customer.status}>
                        {customer.status.replace('_', ' ')}
                      </span>
                    </td>
                    <td>{format.money(customer.mrr)}</td>
                    <td>{format.date(customer.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="bk-customers__count" aria-live="polite">
        {customers.data
          ? `${format.number(rows.length)} loaded${customers.hasNextPage ? ', more as you scroll' : ''}`
          : ''}
      </p>
    </section>
  );
}
