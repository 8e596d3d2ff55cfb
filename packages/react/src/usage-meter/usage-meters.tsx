'use client';
import { useBillingContext } from '../billing-provider.js';
import { useEntitlements } from '../hooks/use-billing-queries.js';
import { EmptyState, ErrorState, Skeleton } from '../internal/query-states.js';
import { inSentence } from '../pricing-table/entitlement-lines.js';
import { metersOf } from './meters-of.js';
import { UsageMeter } from './usage-meter.js';

export type UsageMetersSlot =
  | 'root'
  | 'item'
  | 'meter'
  | 'label'
  | 'value'
  | 'track'
  | 'fill'
  | 'held'
  | 'cost'
  | 'reset';

export interface UsageMetersProps {
  accountId?: string;
  /** Only these features, in this order; every metered and limit feature by default. */
  features?: string[];
  /** `compact`: one line per meter. `detailed`: adds when it resets. */
  variant?: 'compact' | 'detailed';
  warningAt?: number;
  className?: string;
  classNames?: Partial<Record<UsageMetersSlot, string>>;
}

/**
 * One meter per feature: used of limit, what running jobs hold (a second segment and "N held"), unlimited
 * said as such, when it resets, warning at 80% and 100%.
 */
export function UsageMeters({
  accountId,
  features,
  variant = 'detailed',
  warningAt,
  className,
  classNames = {},
}: UsageMetersProps) {
  const { format, theme } = useBillingContext('UsageMeters');
  const entitlements = useEntitlements(accountId);
  const rootClass = ['bk-usage-meters', className, classNames.root].filter(Boolean).join(' ');
  if (entitlements.isPending) {
    return (
      <div className={rootClass} data-bk-theme={theme}>
        <Skeleton label="Loading usage…" rows={3} />
      </div>
    );
  }
  if (entitlements.isError) {
    return (
      <div className={rootClass} data-bk-theme={theme}>
        <ErrorState message="Usage could not be loaded." onRetry={() => void entitlements.refetch()} />
      </div>
    );
  }
  const meters = metersOf(entitlements.data.entitlements, features);
  return (
    <div className={rootClass} data-bk-theme={theme} data-variant={variant}>
      {meters.length === 0 ? (
        <EmptyState>No usage to show on this plan.</EmptyState>
      ) : (
        <ul className="bk-usage-meters__list">
          {meters.map((entitlement) => {
            const used = entitlement.used ?? 0;
            const held = entitlement.held ?? 0;
            const heldText = held > 0 ? `${format.number(held)} held` : null;
            // No allowance but billed per use (voice words at $1 per 1,000): there is nothing to fill up, so
            // it reads like unlimited, as what it is, rather than as a meter stuck at 0 of 0.
            const payAsYouGo =
              !entitlement.unlimited && entitlement.limit === 0 && entitlement.overageAllowed;
            const limit = entitlement.unlimited || payAsYouGo ? null : (entitlement.limit ?? 0);
            const shownValue = payAsYouGo
              ? `${format.number(used)} · Billed per use`
              : limit === null
                ? `${format.number(used)} · Unlimited`
                : `${format.number(used)} / ${format.number(limit)}`;
            const usedText = payAsYouGo
              ? `${format.number(used)} used, billed per use`
              : limit === null
                ? `${format.number(used)} used, unlimited`
                : `${format.number(used)} of ${format.number(limit)} used`;
            // A feature priced in a credit pool draws the pool's meter, in the pool's units, and says its cost.
            const pool = entitlement.creditCost
              ? entitlements.data.entitlements.find(
                  (candidate) => candidate.feature === entitlement.creditCost?.pool,
                )
              : undefined;
            const poolWord = pool ? inSentence(pool.name) : null;
            const pooledText = poolWord ? usedText.replace(/ used$/, ` ${poolWord} used`) : usedText;
            const valueText = heldText ? `${pooledText}, ${heldText}` : pooledText;
            return (
              <li
                key={entitlement.feature}
                className={['bk-usage-meters__item', classNames.item].filter(Boolean).join(' ')}
              >
                <UsageMeter.Root
                  used={used}
                  limit={limit}
                  held={held}
                  valueText={valueText}
                  className={classNames.meter}
                  {...(warningAt !== undefined ? { warningAt } : {})}
                >
                  <div className="bk-meter__header">
                    <UsageMeter.Label className={classNames.label}>{entitlement.name}</UsageMeter.Label>
                    <UsageMeter.Value className={classNames.value}>
                      {shownValue}
                      {heldText ? <span className="bk-meter__held-value"> · {heldText}</span> : null}
                    </UsageMeter.Value>
                  </div>
                  <UsageMeter.Track className={classNames.track}>
                    <UsageMeter.Fill className={classNames.fill} />
                    <UsageMeter.Held className={classNames.held} />
                  </UsageMeter.Track>
                  {entitlement.creditCost && poolWord ? (
                    <p className={['bk-meter__cost', classNames.cost].filter(Boolean).join(' ')}>
                      {`Paid in ${poolWord}: ${format.number(entitlement.creditCost.amount)} per use`}
                      {entitlement.remaining !== null
                        ? `, enough for ${format.number(Math.floor(entitlement.remaining / entitlement.creditCost.amount))} more`
                        : ''}
                    </p>
                  ) : null}
                  {variant === 'detailed' && entitlement.resetsAt ? (
                    <p className={['bk-meter__reset', classNames.reset].filter(Boolean).join(' ')}>
                      Resets {format.dateTime(entitlement.resetsAt)}
                    </p>
                  ) : null}
                </UsageMeter.Root>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
