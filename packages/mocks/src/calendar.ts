/** Milliseconds in one UTC day; the store keeps instants as epoch milliseconds and formats at the edge. */
export const DAY = 86_400_000;

export const iso = (at: number): string => new Date(at).toISOString();

export const isoDate = (at: number): string => iso(at).slice(0, 10);

export function startOfUtcDay(at: number): number {
  return at - (((at % DAY) + DAY) % DAY);
}

export function startOfUtcMonth(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Adds calendar months the way Stripe bills them: the 31st becomes the last day of a shorter month. */
export function addMonths(at: number, months: number): number {
  // One Date per call: this runs for every billing period of 10,000 generated customers.
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / DAY;
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + (at - startOfUtcDay(at));
}

export interface Window {
  readonly start: number;
  readonly end: number;
}

/** The window around `at` of a schedule anchored at `anchor` repeating every `months` (a billing cycle). */
export function monthlyWindow(anchor: number, at: number, months = 1): Window {
  const anchorDate = new Date(anchor);
  const atDate = new Date(at);
  const elapsed =
    (atDate.getUTCFullYear() - anchorDate.getUTCFullYear()) * 12 +
    atDate.getUTCMonth() -
    anchorDate.getUTCMonth();
  let steps = Math.floor(elapsed / months);
  while (addMonths(anchor, steps * months) > at) steps--;
  while (addMonths(anchor, (steps + 1) * months) <= at) steps++;
  return { start: addMonths(anchor, steps * months), end: addMonths(anchor, (steps + 1) * months) };
}

export function dayWindow(at: number): Window {
  const start = startOfUtcDay(at);
  return { start, end: start + DAY };
}
