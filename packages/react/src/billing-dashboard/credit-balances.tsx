'use client';
import { useBillingContext } from '../billing-provider.js';
import { useCredits } from '../hooks/use-billing-queries.js';
import { EmptyState, ErrorState, Skeleton } from '../internal/query-states.js';

const sourceLabels = {
  plan: 'Plan allowance',
  rollover: 'Rolled over',
  credit_pack: 'Credit pack',
  add_on: 'Add-on',
  adjustment: 'Adjustment',
  promotion: 'Promotion',
  top_up: 'Auto top-up',
} as const;

/**
 * Balances per feature with the grants behind them, soonest to expire first (the order they are spent in),
 * and what running jobs hold apart from the available units.
 */
export function CreditBalances({ accountId }: { accountId: string }) {
  const { format } = useBillingContext('BillingDashboard');
  const credits = useCredits(accountId);
  if (credits.isPending) return <Skeleton label="Loading credits…" rows={2} />;
  if (credits.isError)
    return <ErrorState message="Credits could not be loaded." onRetry={() => void credits.refetch()} />;
  const balances = credits.data.balances.filter(
    (balance) => balance.unlimited || balance.grants.length > 0 || balance.available > 0,
  );
  if (balances.length === 0) return <EmptyState>No credits yet.</EmptyState>;
  return (
    <ul className="bk-credit-balances">
      {balances.map((balance) => (
        <li key={balance.feature} className="bk-credit-balances__item">
          <p className="bk-credit-balances__total">
            <span className="bk-credit-balances__feature">{balance.feature.replace(/_/g, ' ')}</span>{' '}
            <strong>{balance.unlimited ? 'Unlimited' : format.number(balance.available)}</strong> available
            {balance.held > 0 ? (
              <span className="bk-credit-balances__held">{` · ${format.number(balance.held)} held`}</span>
            ) : null}
          </p>
          {balance.grants.length > 0 ? (
            <table className="bk-table">
              <caption className="bk-visually-hidden">
                Where the {balance.feature.replace(/_/g, ' ')} come from
              </caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Remaining</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {balance.grants.map((grant) => (
                  <tr key={grant.id}>
                    <td>{sourceLabels[grant.source]}</td>
                    <td>
                      {format.number(grant.remaining)} of {format.number(grant.amount)}
                    </td>
                    <td>{grant.expiresAt ? format.date(grant.expiresAt) : 'Never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
