'use client';
import { useState } from 'react';
import { useBillingContext } from '../billing-provider.js';
import { useCancelSubscription, usePortal, useResumeSubscription } from '../hooks/use-billing-mutations.js';
import { useSubscription } from '../hooks/use-billing-queries.js';
import { ConfirmDialog } from '../internal/confirm-dialog.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { subscriptionStatus } from './subscription-status.js';

export interface SubscriptionPanelProps {
  accountId: string;
  returnUrl: string;
  onChangePlan?: (() => void) | undefined;
  onRedirect: (url: string) => void;
  now: number;
}

export function SubscriptionPanel({
  accountId,
  returnUrl,
  onChangePlan,
  onRedirect,
  now,
}: SubscriptionPanelProps) {
  const { format } = useBillingContext('BillingDashboard');
  const subscription = useSubscription(accountId);
  const cancel = useCancelSubscription(accountId);
  const resume = useResumeSubscription(accountId);
  const portal = usePortal(accountId);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (subscription.isPending) return <Skeleton label="Loading subscription…" rows={2} />;
  if (subscription.isError) {
    return (
      <ErrorState
        message="Your subscription could not be loaded."
        onRetry={() => void subscription.refetch()}
      />
    );
  }
  const current = subscription.data;
  const status = subscriptionStatus(current, format, now);
  const paid = current.status !== 'free' && current.status !== 'canceled';
  const openPortal = () =>
    void portal
      .mutateAsync({ returnUrl })
      .then((session) => onRedirect(session.url))
      .catch(() => undefined);
  const actionError = cancel.error ?? resume.error ?? portal.error;
  return (
    <section className="bk-dashboard__subscription" aria-labelledby="bk-subscription-heading">
      {current.status === 'past_due' || current.status === 'unpaid' ? (
        <div role="alert" className="bk-banner" data-tone="danger">
          <p>
            <strong>Payment failed.</strong>{' '}
            {current.accessLimited ? 'Some features are paused until you pay.' : ''} Update your payment
            method to keep your plan.
          </p>
          <button
            type="button"
            className="bk-button"
            data-variant="primary"
            onClick={openPortal}
            disabled={portal.isPending}
          >
            Fix payment
          </button>
        </div>
      ) : null}
      <h2 id="bk-subscription-heading" className="bk-dashboard__plan">
        {current.planName}
        <span className="bk-badge" data-tone={status.tone}>
          {status.label}
        </span>
      </h2>
      {current.price && current.interval ? (
        <p className="bk-dashboard__price">
          {format.money(current.price)} / {current.interval}
        </p>
      ) : null}
      {status.detail ? <p className="bk-dashboard__detail">{status.detail}</p> : null}
      {current.addOns.length > 0 ? (
        <p className="bk-dashboard__add-ons">
          Add-ons: {current.addOns.map((addOn) => addOn.name).join(', ')}
        </p>
      ) : null}
      <div className="bk-dashboard__actions">
        {onChangePlan ? (
          <button type="button" className="bk-button" data-variant="primary" onClick={onChangePlan}>
            {paid ? 'Change plan' : 'Upgrade'}
          </button>
        ) : null}
        {paid && current.cancelAtPeriodEnd ? (
          <button
            type="button"
            className="bk-button"
            onClick={() => void resume.mutateAsync({}).catch(() => undefined)}
            disabled={resume.isPending}
          >
            Resume subscription
          </button>
        ) : null}
        {paid && !current.cancelAtPeriodEnd ? (
          <button type="button" className="bk-button" onClick={() => setConfirmingCancel(true)}>
            Cancel subscription
          </button>
        ) : null}
        {paid ? (
          <button type="button" className="bk-button" onClick={openPortal} disabled={portal.isPending}>
            Manage payment
          </button>
        ) : null}
      </div>
      {actionError ? (
        <p role="alert" className="bk-error__message">
          {actionError.message}
        </p>
      ) : null}
      {confirmingCancel ? (
        <ConfirmDialog
          title="Cancel your subscription?"
          confirmLabel="Cancel at period end"
          busy={cancel.isPending}
          error={cancel.error?.message ?? null}
          onCancel={() => setConfirmingCancel(false)}
          onConfirm={() =>
            void cancel
              .mutateAsync({ atPeriodEnd: true })
              .then(() => setConfirmingCancel(false))
              .catch(() => undefined)
          }
        >
          <p>
            You keep {current.planName} until{' '}
            {current.currentPeriodEnd ? format.date(current.currentPeriodEnd) : 'the end of the period'}, then
            move to the free plan. You can resume any time before then.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
