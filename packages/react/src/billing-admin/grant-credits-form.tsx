'use client';
import { isBillingApiError } from '@billing-kit/client';
import { type FormEvent, useId, useState } from 'react';
import { useGrantCredits } from '../hooks/use-billing-mutations.js';

/** Grant (or, with a negative amount, remove) credits with a reason that lands in the audit log. */
export function GrantCreditsForm({
  accountId,
  features,
}: {
  accountId: string;
  features: readonly string[];
}) {
  const grant = useGrantCredits();
  const formId = useId();
  const [feature, setFeature] = useState(features[0] ?? 'credits');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    grant.mutate(
      { accountId, feature, amount: Number(amount), reason },
      {
        onSuccess: (entry) => {
          setDone(
            `${entry.amount > 0 ? 'Granted' : 'Removed'} ${Math.abs(entry.amount)} ${feature.replace(/_/g, ' ')}.`,
          );
          setAmount('');
          setReason('');
        },
      },
    );
  };
  const issues = isBillingApiError(grant.error) ? (grant.error.details?.issues ?? []) : [];
  const fieldError = (name: string) => issues.find((issue) => issue.field === `body.${name}`)?.message;
  return (
    <form className="bk-grant-form" onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Grant credits</h3>
      <label>
        Feature
        <select value={feature} onChange={(event) => setFeature(event.target.value)}>
          {features.map((key) => (
            <option key={key} value={key}>
              {key.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount
        <input
          type="number"
          inputMode="numeric"
          step={1}
          required
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={fieldError('amount') ? true : undefined}
        />
      </label>
      <label>
        Reason
        <input
          type="text"
          required
          minLength={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={fieldError('reason') ? true : undefined}
        />
      </label>
      <button type="submit" className="bk-button" data-variant="primary" disabled={grant.isPending}>
        {grant.isPending ? 'Granting…' : 'Grant'}
      </button>
      {grant.error ? (
        <p role="alert" className="bk-error__message">
          {grant.error.message}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="bk-grant-form__done">
          {done}
        </p>
      ) : null}
    </form>
  );
}
