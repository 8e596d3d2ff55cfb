'use client';
import { isBillingApiError } from '@billing-kit/client';
import type { AutoTopUp, AutoTopUpAttempt, CreditPack, Money } from '@billing-kit/contracts';
import { useState } from 'react';
import { useSetAutoTopUp } from '../hooks/use-billing-mutations.js';

/** The form's fields as typed: strings, so a half-typed number is kept as the user left it. */
export interface AutoTopUpFormValues {
  enabled: boolean;
  packId: string;
  quantity: string;
  threshold: string;
  maxPerMonth: string;
}

export type AutoTopUpField = keyof AutoTopUpFormValues;

export interface UseAutoTopUpFormOptions {
  /** The feature the packs add to (a credit pool like `credits`, or a plain metered feature). */
  feature: string;
  /** The catalog's packs of that feature, in catalog order. */
  packs: readonly CreditPack[];
  /** The account's saved setting, if any. */
  setting: AutoTopUp | undefined;
  /** The feature's attempts, newest first (`useAutoTopUps().data.attempts` of this feature). */
  attempts: readonly AutoTopUpAttempt[];
  /** The currency prices are previewed in before the server has priced a setting. */
  currency: string;
  accountId?: string;
}

export interface UseAutoTopUpFormResult {
  values: AutoTopUpFormValues;
  setValue: <Field extends AutoTopUpField>(field: Field, value: AutoTopUpFormValues[Field]) => void;
  /** The pack chosen (the first when the value names none). */
  pack: CreditPack | undefined;
  /** Units one top-up adds and what it charges; null while quantity is not a whole number. */
  units: number | null;
  price: Money | null;
  /** What the monthly cap allows at most: price × maxPerMonth; null while either is unknown. */
  monthlyMax: Money | null;
  lastAttempt: AutoTopUpAttempt | undefined;
  /** The server's answer to the last save, by field (`threshold`) and for the whole form (a 409). */
  fieldErrors: Partial<Record<AutoTopUpField, string>>;
  formError: string | null;
  isSaving: boolean;
  /** True from a successful save until the next edit. */
  saved: boolean;
  submit: () => void;
}

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

function priceOf(pack: CreditPack | undefined, currency: string): Money | null {
  if (!pack) return null;
  return pack.prices.find((price) => price.currency === currency) ?? pack.prices[0] ?? null;
}

function valuesOf(setting: AutoTopUp | undefined, packs: readonly CreditPack[]): AutoTopUpFormValues {
  const pack = packs[0];
  return {
    enabled: setting?.enabled ?? false,
    packId: setting?.packId ?? pack?.id ?? '',
    quantity: String(setting?.quantity ?? 1),
    // A first guess a person can read: top up once half a pack is left.
    threshold: String(setting?.threshold ?? Math.max(1, Math.round((pack?.units ?? 2) / 2))),
    maxPerMonth: String(setting?.maxPerMonth ?? 3),
  };
}

/**
 * The state of one feature's auto top-up form, headless: values as typed, the price and monthly maximum
 * they imply, the last attempt, and the server's errors mapped to fields. Values follow the saved setting
 * until the user edits them (the server may turn it off after a declined card); an error keeps the edits.
 */
export function useAutoTopUpForm({
  feature,
  packs,
  setting,
  attempts,
  currency,
  accountId,
}: UseAutoTopUpFormOptions): UseAutoTopUpFormResult {
  const save = useSetAutoTopUp(accountId);
  const [values, setValues] = useState(() => valuesOf(setting, packs));
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [syncedWith, setSyncedWith] = useState(setting);
  if (setting !== syncedWith) {
    setSyncedWith(setting);
    if (!dirty) setValues(valuesOf(setting, packs));
  }
  const pack = packs.find((candidate) => candidate.id === values.packId) ?? packs[0];
  const quantity = wholeNumber(values.quantity);
  const maxPerMonth = wholeNumber(values.maxPerMonth);
  // The server's price is the account's; until the setting is saved as shown, price it from the catalog.
  const asSaved = setting && setting.packId === pack?.id && setting.quantity === quantity;
  const packPrice = priceOf(pack, setting?.price.currency ?? currency);
  const price = asSaved
    ? setting.price
    : packPrice && quantity !== null
      ? { amount: packPrice.amount * quantity, currency: packPrice.currency }
      : null;
  const issues = isBillingApiError(save.error) ? (save.error.details?.issues ?? []) : [];
  const fieldErrors: Partial<Record<AutoTopUpField, string>> = {};
  for (const issue of issues) {
    const field = issue.field.replace(/^body\./, '');
    if (field in values) fieldErrors[field as AutoTopUpField] ??= issue.message;
  }
  const unplaced = issues.filter((issue) => !(issue.field.replace(/^body\./, '') in values));
  const formError =
    save.error === null
      ? null
      : issues.length === 0
        ? save.error.message
        : unplaced.length > 0
          ? unplaced.map((issue) => issue.message).join(' ')
          : null;
  return {
    values,
    setValue: (field, value) => {
      setValues((current) => ({ ...current, [field]: value }));
      setDirty(true);
      setSaved(false);
    },
    pack,
    units: pack && quantity !== null ? pack.units * quantity : null,
    price,
    monthlyMax: price && maxPerMonth !== null ? { ...price, amount: price.amount * maxPerMonth } : null,
    lastAttempt: attempts.find((attempt) => attempt.feature === feature),
    fieldErrors,
    formError,
    isSaving: save.isPending,
    saved,
    submit: () => {
      setSaved(false);
      // Numbers the user left unfinished are sent as they are: the server names the field it refuses.
      const number = (text: string) => wholeNumber(text) ?? (text.trim() === '' ? Number.NaN : Number(text));
      save.mutate(
        {
          feature,
          enabled: values.enabled,
          packId: pack?.id ?? values.packId,
          quantity: number(values.quantity),
          threshold: number(values.threshold),
          maxPerMonth: number(values.maxPerMonth),
        },
        {
          // The answer is the setting as the server keeps it (it may already have bought, or been turned
          // off by a declined card): the form shows that, not what was sent.
          onSuccess: (answer) => {
            setValues(valuesOf(answer, packs));
            setDirty(false);
            setSaved(true);
          },
        },
      );
    },
  };
}
