'use client';
import type { Catalog, ResetInterval, Rollover } from '@billing-kit/contracts';
import { useBillingContext } from '../billing-provider.js';
import { useCredits, usePlans, useSubscription } from '../hooks/use-billing-queries.js';
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

const periodWords = {
  day: ['day', 'days'],
  month: ['month', 'months'],
  billing_period: ['billing period', 'billing periods'],
} as const;

/** The plan's rollover of a feature, as a person says it: "Unused credits roll over, up to 200, for 2 months". */
function rolloverRuleText(
  rollover: Rollover,
  reset: ResetInterval,
  unitPlural: string,
  format: { number(value: number): string },
): string {
  const [one, many] = periodWords[reset];
  const lasting =
    rollover.periods === 1 ? `for 1 more ${one}` : `for ${format.number(rollover.periods)} ${many}`;
  return `Unused ${unitPlural} roll over, up to ${format.number(rollover.max)}, ${lasting}.`;
}

function rolloverRuleOf(catalog: Catalog | undefined, planId: string | undefined, feature: string) {
  const plan = catalog?.plans.find((candidate) => candidate.id === planId);
  const entitlement = plan?.entitlements.find((candidate) => candidate.feature === feature);
  if (entitlement?.kind !== 'metered' || !entitlement.rollover) return null;
  const unit = catalog?.features.find((candidate) => candidate.key === feature)?.unit;
  return {
    rollover: entitlement.rollover,
    reset: entitlement.reset,
    plural: unit?.plural ?? feature.replace(/_/g, ' '),
  };
}

/**
 * Balances per feature with the grants behind them, soonest to expire first (the order they are spent in),
 * and what running jobs hold apart from the available units. Rolled-over grants stand out (they are spent
 * first and expire on their own date), and the plan's rollover rule is said under its feature.
 */
export function CreditBalances({ accountId }: { accountId: string }) {
  const { format } = useBillingContext('BillingDashboard');
  const credits = useCredits(accountId);
  // For the rollover rule only; the dashboard reads both already, so they cost no extra request.
  const catalog = usePlans();
  const subscription = useSubscription(accountId);
  if (credits.isPending) return <Skeleton label="Loading credits…" rows={2} />;
  if (credits.isError)
    return <ErrorState message="Credits could not be loaded." onRetry={() => void credits.refetch()} />;
  const balances = credits.data.balances.filter(
    (balance) => balance.unlimited || balance.grants.length > 0 || balance.available > 0,
  );
  if (balances.length === 0) return <EmptyState>No credits yet.</EmptyState>;
  return (
    <ul className="bk-credit-balances">
      {balances.map((balance) => {
        const rule = rolloverRuleOf(catalog.data, subscription.data?.planId, balance.feature);
        const rolledOver = balance.grants.filter(
          (grant) => grant.source === 'rollover' && grant.remaining > 0,
        );
        return (
          <li key={balance.feature} className="bk-credit-balances__item">
            <p className="bk-credit-balances__total">
              <span className="bk-credit-balances__feature">{balance.feature.replace(/_/g, ' ')}</span>{' '}
              <strong>{balance.unlimited ? 'Unlimited' : format.number(balance.available)}</strong> available
              {balance.held > 0 ? (
                <span className="bk-credit-balances__held">{` · ${format.number(balance.held)} held`}</span>
              ) : null}
            </p>
            {rolledOver.map((grant) => (
              <p key={grant.id} className="bk-credit-balances__rollover" data-source="rollover">
                {`${format.number(grant.remaining)} rolled over`}
                {grant.expiresAt ? ` · expires ${format.date(grant.expiresAt)}` : ''}
              </p>
            ))}
            {rule ? (
              <p className="bk-credit-balances__rule">
                {rolloverRuleText(rule.rollover, rule.reset, rule.plural, format)}
              </p>
            ) : null}
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
                    <tr key={grant.id} data-source={grant.source}>
                      <td>
                        <span className="bk-grant-source" data-source={grant.source}>
                          {sourceLabels[grant.source]}
                        </span>
                      </td>
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
        );
      })}
    </ul>
  );
}
