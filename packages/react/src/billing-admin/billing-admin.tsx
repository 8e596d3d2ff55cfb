'use client';
import { useState } from 'react';
import { useBillingContext } from '../billing-provider.js';
import { useAdminMetrics } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { CustomerDetail } from './customer-detail.js';
import { CustomersTable } from './customers-table.js';
import { MetricsCards } from './metrics-cards.js';
import { RevenueChart } from './revenue-chart.js';

export interface BillingAdminProps {
  /** The current instant, for trial countdowns; pass one for stable screenshots. */
  now?: number;
  className?: string;
}

/** The operator console: metrics, a revenue chart, every customer, and one customer in detail. */
export function BillingAdmin({ now, className }: BillingAdminProps) {
  const { format, theme } = useBillingContext('BillingAdmin');
  const metrics = useAdminMetrics();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className={['bk-admin', className].filter(Boolean).join(' ')} data-bk-theme={theme}>
      <section aria-labelledby="bk-metrics-heading">
        <h2 id="bk-metrics-heading">Metrics</h2>
        {metrics.isPending ? (
          <Skeleton label="Loading metrics…" rows={2} />
        ) : metrics.isError ? (
          <ErrorState message="Metrics could not be loaded." onRetry={() => void metrics.refetch()} />
        ) : (
          <>
            <MetricsCards metrics={metrics.data} format={format} />
            <RevenueChart metrics={metrics.data} format={format} />
          </>
        )}
      </section>
      {selected ? (
        <CustomerDetail accountId={selected} onBack={() => setSelected(null)} now={now ?? Date.now()} />
      ) : (
        <CustomersTable onSelect={(customer) => setSelected(customer.accountId)} />
      )}
    </div>
  );
}
