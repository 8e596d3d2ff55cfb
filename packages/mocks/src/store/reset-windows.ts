import type { ResetInterval } from '@billing-kit/contracts';
import { dayWindow, monthlyWindow, type Window } from '../calendar.js';
import type { SubscriptionRecord } from './store-types.js';

// Accounts without a billing period (the free tier) reset on calendar months.
const CALENDAR_ANCHOR = Date.UTC(2000, 0, 1);

/** The billing period around `at`: the subscription's own, or the calendar month on the free tier. */
export function billingPeriod(subscription: SubscriptionRecord, at: number): Window {
  const { periodStart, periodEnd } = subscription;
  if (periodStart !== null && periodEnd !== null) {
    if (periodStart <= at && at < periodEnd) return { start: periodStart, end: periodEnd };
    return monthlyWindow(periodStart, at, subscription.interval === 'year' ? 12 : 1);
  }
  return monthlyWindow(CALENDAR_ANCHOR, at);
}

/**
 * The allowance window around `at` for a reset interval. Monthly allowances on yearly plans still reset
 * every month, on the day of the billing anchor.
 */
export function resetWindow(subscription: SubscriptionRecord, reset: ResetInterval, at: number): Window {
  if (reset === 'day') return dayWindow(at);
  if (reset === 'billing_period') return billingPeriod(subscription, at);
  return monthlyWindow(subscription.periodStart ?? CALENDAR_ANCHOR, at);
}

/** Every window of an interval from the one holding `from` up to the one holding `to`. */
export function windowsBetween(
  subscription: SubscriptionRecord,
  reset: ResetInterval,
  from: number,
  to: number,
): Window[] {
  const windows: Window[] = [];
  for (let window = resetWindow(subscription, reset, from); window.start <= to; ) {
    windows.push(window);
    window = resetWindow(subscription, reset, window.end);
  }
  return windows;
}
