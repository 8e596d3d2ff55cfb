'use client';
import type { BillingInterval } from '@billing-kit/contracts';
import { useId } from 'react';
import type { Formatters } from '../format.js';

export function IntervalSwitch({
  interval,
  onChange,
  saving,
  format,
}: {
  interval: BillingInterval;
  onChange: (interval: BillingInterval) => void;
  saving: number | null;
  format: Formatters;
}) {
  const name = useId();
  return (
    <fieldset className="bk-interval-switch">
      <legend className="bk-visually-hidden">Billing period</legend>
      {(['month', 'year'] as const).map((option) => (
        <label
          key={option}
          className="bk-interval-switch__option"
          data-checked={interval === option || undefined}
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={interval === option}
            onChange={() => onChange(option)}
          />
          {option === 'month' ? 'Monthly' : 'Yearly'}
          {option === 'year' && saving ? (
            <>
              {' — '}
              <span className="bk-badge">save {format.percent(saving)}</span>
            </>
          ) : null}
        </label>
      ))}
    </fieldset>
  );
}
