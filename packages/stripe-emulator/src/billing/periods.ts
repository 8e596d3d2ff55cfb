import type { PriceObject } from '../objects.js';

export type Interval = 'day' | 'week' | 'month' | 'year';

const day = 86_400;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `anchor` moved by `units` intervals; months keep the anchor's day, clamped (Jan 31 → Feb 28 → Mar 31). */
export function addIntervals(anchor: number, interval: Interval, units: number): number {
  if (interval === 'day') return anchor + units * day;
  if (interval === 'week') return anchor + units * 7 * day;
  const date = new Date(anchor * 1000);
  const months = interval === 'year' ? units * 12 : units;
  const total = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const dayOfMonth = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return (
    Date.UTC(year, month, dayOfMonth, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()) / 1000
  );
}

const approximateLength: Record<Interval, number> = {
  day,
  week: 7 * day,
  month: 2_629_746,
  year: 31_556_952,
};

/** The first billing boundary strictly after `after`, counting whole periods from the anchor. */
export function nextPeriodEnd(anchor: number, after: number, interval: Interval, count: number): number {
  let periods = Math.max(1, Math.floor((after - anchor) / (approximateLength[interval] * count)) - 1);
  while (addIntervals(anchor, interval, periods * count) <= after) periods++;
  while (periods > 1 && addIntervals(anchor, interval, (periods - 1) * count) > after) periods--;
  return addIntervals(anchor, interval, periods * count);
}

export function priceInterval(price: PriceObject): { interval: Interval; count: number } {
  const interval: string = price.recurring?.interval ?? 'month';
  const known: Interval =
    interval === 'day' ? 'day' : interval === 'week' ? 'week' : interval === 'year' ? 'year' : 'month';
  return { interval: known, count: price.recurring?.interval_count ?? 1 };
}

export function formatDate(timestamp: number): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(timestamp * 1000),
  );
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );
}
