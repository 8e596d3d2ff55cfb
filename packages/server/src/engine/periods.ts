import type { BillingInterval, ResetInterval } from '@billing-kit/contracts';

/** A half-open span of time `[start, end)`. */
export interface Period {
  start: Date;
  end: Date;
}

/** What allowances of a subscribed account are anchored to; the free tier has none (calendar periods). */
export interface BillingAnchor {
  /** When the subscription started: monthly resets step from it, also on yearly plans. */
  startedAt: Date;
  interval: BillingInterval;
  /** The mirrored current period, used as is while `at` falls inside it. */
  currentPeriod: Period | null;
}

const DAY_MS = 86_400_000;

/** `anchor` plus `months` calendar months, the day clamped to the month's length as Stripe does (Jan 31 → Feb 28). */
export function addMonths(anchor: Date, months: number): Date {
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/** The period of `stepMonths`-month steps from `anchor` that contains `at`. */
function steppedPeriod(anchor: Date, stepMonths: number, at: Date): Period {
  const monthsApart =
    (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  let step = Math.floor(monthsApart / stepMonths);
  while (addMonths(anchor, step * stepMonths) > at) step -= 1;
  while (addMonths(anchor, (step + 1) * stepMonths) <= at) step += 1;
  return { start: addMonths(anchor, step * stepMonths), end: addMonths(anchor, (step + 1) * stepMonths) };
}

const calendarMonth = (at: Date): Period => ({
  start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)),
  end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)),
});

/**
 * The allowance period containing `at`. Computed from the clock alone, never from a job having run: a
 * boundary passed while nothing ran still lands `at` in the new period.
 */
export function periodAt(reset: ResetInterval, at: Date, anchor: BillingAnchor | null): Period {
  if (reset === 'day') {
    const start = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
    return { start, end: new Date(start.getTime() + DAY_MS) };
  }
  if (!anchor) return calendarMonth(at);
  if (reset === 'month') return steppedPeriod(anchor.startedAt, 1, at);
  const current = anchor.currentPeriod;
  if (current && current.start <= at && at < current.end) return current;
  return steppedPeriod(current?.start ?? anchor.startedAt, anchor.interval === 'year' ? 12 : 1, at);
}

/** The monthly period of the account (usage summaries): anchored to the subscription, or the calendar month. */
export const monthlyPeriodAt = (at: Date, anchor: BillingAnchor | null): Period =>
  periodAt('month', at, anchor);
