'use client';
import type { AutoTopUp, AutoTopUpAttempt, CreditPack, Feature } from '@billing-kit/contracts';
import { type FormEvent, useId } from 'react';
import { useBillingContext } from '../billing-provider.js';
import type { Formatters } from '../format.js';
import { inSentence } from '../pricing-table/entitlement-lines.js';
import { type AutoTopUpField, useAutoTopUpForm } from './use-auto-top-up-form.js';

export interface AutoTopUpFormProps {
  accountId: string;
  /** The feature the packs add to, from the catalog (its name and unit word the form). */
  feature: Feature;
  packs: readonly CreditPack[];
  setting: AutoTopUp | undefined;
  attempts: readonly AutoTopUpAttempt[];
  /** Offered when a declined card turned auto top-up off: typically opens the Stripe portal. */
  onUpdateCard?: (() => void) | undefined;
}

function lastAttemptText(
  attempt: AutoTopUpAttempt,
  packName: string,
  setting: AutoTopUp | undefined,
  format: Formatters,
): string {
  const on = format.date(attempt.createdAt);
  const bought = `${attempt.quantity > 1 ? `${attempt.quantity} × ` : ''}${packName} for ${format.money(attempt.price)}`;
  switch (attempt.status) {
    case 'paid':
      return `Last top-up: ${bought} on ${on}.`;
    case 'pending':
      return `Buying ${bought}…`;
    case 'capped':
      return `Last top-up skipped on ${on}: the monthly cap${setting ? ` of ${setting.maxPerMonth}` : ''} was reached, so nothing was charged.`;
    case 'failed':
      return `Last top-up failed on ${on}: ${attempt.failure?.message ?? 'the charge did not go through.'}`;
  }
}

/**
 * One feature's auto top-up: a switch, the pack (a choice when there are several), how many each time,
 * the threshold and the monthly cap with the money they imply, and the last attempt. The server's errors
 * land beside the field they name (a 409 "add a card first" beside the switch); nothing typed is lost.
 */
export function AutoTopUpForm({
  accountId,
  feature,
  packs,
  setting,
  attempts,
  onUpdateCard,
}: AutoTopUpFormProps) {
  const { format, currency } = useBillingContext('BillingDashboard');
  const form = useAutoTopUpForm({ accountId, feature: feature.key, packs, setting, attempts, currency });
  const id = useId();
  const ids = {
    heading: `${id}-heading`,
    notice: `${id}-notice`,
    formError: `${id}-form-error`,
    thresholdHint: `${id}-threshold-hint`,
    capHint: `${id}-cap-hint`,
    field: (field: AutoTopUpField) => `${id}-${field}`,
    error: (field: AutoTopUpField) => `${id}-${field}-error`,
  };
  const units = (count: number) =>
    feature.unit ? (count === 1 ? feature.unit.singular : feature.unit.plural) : inSentence(feature.name);
  const plural = units(2);
  const { values, fieldErrors } = form;
  const describedBy = (...parts: (string | false | null | undefined)[]) =>
    parts.filter(Boolean).join(' ') || undefined;
  const errorOf = (field: AutoTopUpField) =>
    fieldErrors[field] ? (
      <p id={ids.error(field)} className="bk-field__error">
        {fieldErrors[field]}
      </p>
    ) : null;
  const numberField = (field: 'quantity' | 'threshold' | 'maxPerMonth', label: string, hint?: string) => (
    <div className="bk-field">
      <label htmlFor={ids.field(field)}>{label}</label>
      <input
        id={ids.field(field)}
        type="number"
        inputMode="numeric"
        step={1}
        min={1}
        value={values[field]}
        onChange={(event) => form.setValue(field, event.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={describedBy(hint, fieldErrors[field] && ids.error(field))}
      />
      {errorOf(field)}
    </div>
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
  };
  const threshold = Number(values.threshold);
  const cap = Number(values.maxPerMonth);
  const packLabel = (pack: CreditPack) => {
    const price = pack.prices.find((money) => money.currency === form.price?.currency) ?? pack.prices[0];
    return price ? `${pack.name} · ${format.money(price)}` : pack.name;
  };
  return (
    <section
      className="bk-dashboard__subsection bk-auto-top-up"
      aria-labelledby={ids.heading}
      data-enabled={setting?.enabled || undefined}
    >
      <h3 id={ids.heading}>Auto top-up of {plural}</h3>
      {setting?.disabledReason ? (
        <div className="bk-notice" data-tone="danger">
          <p id={ids.notice}>
            <strong>Auto top-up was turned off:</strong> {setting.disabledReason} Update your card, then turn
            it back on.
          </p>
          {onUpdateCard ? (
            <button type="button" className="bk-button" onClick={onUpdateCard}>
              Update card
            </button>
          ) : null}
        </div>
      ) : null}
      <form className="bk-auto-top-up__form" noValidate onSubmit={onSubmit}>
        <div className="bk-switch">
          <input
            id={ids.field('enabled')}
            type="checkbox"
            role="switch"
            checked={values.enabled}
            aria-checked={values.enabled}
            onChange={(event) => form.setValue('enabled', event.target.checked)}
            aria-describedby={describedBy(
              setting?.disabledReason && ids.notice,
              form.formError && ids.formError,
            )}
          />
          <label htmlFor={ids.field('enabled')}>Buy {plural} automatically when they run low</label>
        </div>
        {packs.length > 1 ? (
          <div className="bk-field">
            <label htmlFor={ids.field('packId')}>Pack</label>
            <select
              id={ids.field('packId')}
              value={form.pack?.id ?? ''}
              onChange={(event) => form.setValue('packId', event.target.value)}
              aria-invalid={fieldErrors.packId ? true : undefined}
              aria-describedby={describedBy(fieldErrors.packId && ids.error('packId'))}
            >
              {packs.map((pack) => (
                <option key={pack.id} value={pack.id}>
                  {packLabel(pack)}
                </option>
              ))}
            </select>
            {errorOf('packId')}
          </div>
        ) : form.pack ? (
          <p className="bk-auto-top-up__pack">Pack: {packLabel(form.pack)}</p>
        ) : null}
        {numberField('quantity', 'Packs each time')}
        {numberField('threshold', `Threshold (${plural} left)`, ids.thresholdHint)}
        <p id={ids.thresholdHint} className="bk-field__hint">
          {Number.isInteger(threshold) && threshold > 0
            ? `When fewer than ${format.number(threshold)} ${units(threshold)} are left`
            : 'When the balance falls below the threshold'}
          {form.units !== null && form.price
            ? `, buys ${format.number(form.units)} ${units(form.units)} for ${format.money(form.price)}.`
            : '.'}
        </p>
        {numberField('maxPerMonth', 'Top-ups a month, at most', ids.capHint)}
        <p id={ids.capHint} className="bk-field__hint">
          {Number.isInteger(cap) && cap > 0 && form.monthlyMax
            ? `At most ${format.number(cap)} a month, up to ${format.money(form.monthlyMax)}.`
            : 'A whole number of top-ups a calendar month.'}
          {setting ? ` ${format.number(setting.usedThisMonth)} used this month.` : ''}
        </p>
        <div className="bk-auto-top-up__actions">
          <button type="submit" className="bk-button" data-variant="primary" disabled={form.isSaving}>
            {form.isSaving ? 'Saving…' : 'Save'}
          </button>
          {form.saved ? (
            <p role="status" className="bk-auto-top-up__saved">
              Saved.
            </p>
          ) : null}
        </div>
        {form.formError ? (
          <p id={ids.formError} role="alert" className="bk-field__error">
            {form.formError}
          </p>
        ) : null}
      </form>
      {form.lastAttempt ? (
        <p className="bk-auto-top-up__last" data-status={form.lastAttempt.status}>
          {lastAttemptText(
            form.lastAttempt,
            packs.find((pack) => pack.id === form.lastAttempt?.packId)?.name ?? form.lastAttempt.packId,
            setting,
            format,
          )}
        </p>
      ) : null}
    </section>
  );
}
