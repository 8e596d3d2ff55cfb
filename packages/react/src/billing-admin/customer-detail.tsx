'use client';
import { subscriptionStatus } from '../billing-dashboard/subscription-status.js';
import { useBillingContext } from '../billing-provider.js';
import { useAdminCustomer } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { GrantCreditsForm } from './grant-credits-form.js';

export function CustomerDetail({
  accountId,
  onBack,
  now,
}: {
  accountId: string;
  onBack: () => void;
  now: number;
}) {
  const { format } = useBillingContext('BillingAdmin');
  const detail = useAdminCustomer(accountId);
  if (detail.isPending) return <Skeleton label="Loading customer…" rows={5} />;
  if (detail.isError)
    return <ErrorState message="This customer could not be loaded." onRetry={() => void detail.refetch()} />;
  const { customer, subscription, usage, credits, recentInvoices, recentAudit } = detail.data;
  const status = subscriptionStatus(subscription, format, now);
  const meteredFeatures = credits.balances.map((balance) => balance.feature);
  return (
    <section className="bk-customer-detail" aria-labelledby="bk-customer-heading">
      <button type="button" className="bk-link-button" onClick={onBack}>
        ← All customers
      </button>
      <h2 id="bk-customer-heading">{customer.name}</h2>
      <p>
        {customer.email ?? 'No email'} · {subscription.planName} ·{' '}
        <span className="bk-badge">{status.label}</span>
        {status.detail ? ` · ${status.detail}` : ''}
      </p>
      <h3>Usage this period</h3>
      <ul className="bk-customer-detail__usage">
        {usage.features
          .filter((feature) => feature.kind !== 'boolean')
          .map((feature) => (
            <li key={feature.feature}>
              {feature.name}: {format.number(feature.used)}
              {feature.unlimited
                ? ' (unlimited)'
                : feature.limit !== null
                  ? ` of ${format.number(feature.limit)}`
                  : ''}
            </li>
          ))}
      </ul>
      <h3>Credits</h3>
      <ul>
        {credits.balances.map((balance) => (
          <li key={balance.feature}>
            {balance.feature.replace(/_/g, ' ')}:{' '}
            {balance.unlimited ? 'unlimited' : format.number(balance.available)} available
          </li>
        ))}
      </ul>
      <GrantCreditsForm
        accountId={accountId}
        features={meteredFeatures.length > 0 ? meteredFeatures : ['credits']}
      />
      <h3>Recent invoices</h3>
      {recentInvoices.length === 0 ? (
        <p className="bk-empty">No invoices.</p>
      ) : (
        <ul>
          {recentInvoices.map((invoice) => (
            <li key={invoice.id}>
              {format.date(invoice.createdAt)} · {format.money(invoice.total)} · {invoice.status}
            </li>
          ))}
        </ul>
      )}
      <h3>Audit log</h3>
      {recentAudit.length === 0 ? (
        <p className="bk-empty">Nothing recorded yet.</p>
      ) : (
        <ol className="bk-audit">
          {recentAudit.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {entry.action} by{' '}
              {entry.actor.type}
              {entry.actor.id ? ` ${entry.actor.id}` : ''}
              {entry.reason ? ` — ${entry.reason}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
