import type { Money } from '@billing-kit/contracts';

export interface Formatters {
  readonly locale: string;
  /** Minor units to a localized amount: `{ amount: 3900, currency: 'USD' }` → `$39.00`. */
  money(money: Money, options?: { compact?: boolean }): string;
  number(value: number, options?: { compact?: boolean }): string;
  percent(ratio: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point for a currency, from Intl itself (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  // Building an Intl.NumberFormat costs far more than formatting with one: ask once per currency.
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** All money and dates go through Intl with the provider's locale; formatters are built once per locale. */
export function createFormatters(locale: string, timeZone?: string): Formatters {
  const cache = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let format = cache.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, options);
      cache.set(key, format);
    }
    return format;
  };
  const dateFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(timeZone ? { timeZone } : {}),
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  return {
    locale,
    money({ amount, currency }, options) {
      const digits = currencyDigits(currency);
      const compact = options?.compact === true;
      const format = numberFormat(`money:${currency}:${compact}`, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      });
      return format.format(amount / 10 ** digits);
    },
    number(value, options) {
      const compact = options?.compact === true;
      return numberFormat(
        `number:${compact}`,
        compact ? { notation: 'compact', maximumFractionDigits: 1 } : {},
      ).format(value);
    },
    percent(ratio) {
      return numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
    },
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
  };
}
