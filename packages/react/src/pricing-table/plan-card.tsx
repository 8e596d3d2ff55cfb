'use client';
import type { Feature, Money, Plan } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';
import { entitlementLines } from './entitlement-lines.js';
import { actionLabels, type PlanAction } from './pricing-model.js';

export interface PlanCardProps {
  plan: Plan;
  price: Money | null;
  interval: 'month' | 'year';
  action: PlanAction;
  features: readonly Feature[];
  format: Formatters;
  disabled: boolean;
  onChoose: () => void;
  className?: string | undefined;
}

export function PlanCard({
  plan,
  price,
  interval,
  action,
  features,
  format,
  disabled,
  onChoose,
  className,
}: PlanCardProps) {
  const headingId = `bk-plan-${plan.id}`;
  const isCurrent = action === 'current';
  return (
    <li
      className={['bk-plan-card', className].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
      data-current={isCurrent || undefined}
      data-highlight={plan.highlight || undefined}
    >
      <div className="bk-plan-card__header">
        <h3 id={headingId} className="bk-plan-card__name">
          {plan.name}
        </h3>
        {isCurrent ? (
          <span className="bk-badge">Current plan</span>
        ) : plan.highlight ? (
          <span className="bk-badge">Most popular</span>
        ) : null}
      </div>
      <p className="bk-plan-card__description">{plan.description}</p>
      <p className="bk-plan-card__price">
        {plan.contactSales ? (
          'Custom pricing'
        ) : plan.isFree ? (
          format.money({ amount: 0, currency: price?.currency ?? 'USD' })
        ) : price ? (
          <>
            {format.money(price)}
            <span className="bk-plan-card__interval"> / {interval === 'month' ? 'month' : 'year'}</span>
          </>
        ) : (
          'Not offered for this billing period'
        )}
      </p>
      {plan.trialDays && action === 'start_trial' ? (
        <p className="bk-plan-card__trial">{plan.trialDays}-day free trial</p>
      ) : null}
      <ul className="bk-plan-card__features">
        {entitlementLines(plan.entitlements, features, format).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {action === 'contact_sales' && plan.contactSales ? (
        <a className="bk-button" data-variant="primary" href={plan.contactSales.url}>
          {plan.contactSales.label}
        </a>
      ) : (
        <button
          type="button"
          className="bk-button"
          data-variant={isCurrent ? undefined : 'primary'}
          data-action={action}
          disabled={isCurrent || disabled || (!plan.isFree && price === null)}
          aria-describedby={headingId}
          onClick={onChoose}
        >
          {actionLabels[action]}
        </button>
      )}
    </li>
  );
}
