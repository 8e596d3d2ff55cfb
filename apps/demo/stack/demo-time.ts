import type { DemoState } from './demo-state.js';

/** `at` plus calendar months, the day clamped to the month's length as Stripe does (Jan 31 → Feb 28). */
export function addMonths(at: Date, months: number): Date {
  const shifted = new Date(at);
  const day = at.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

export const DAY_MS = 86_400_000;

/**
 * The demo's clock, shared by the billing engine and the time-travel control: wall time plus a persisted
 * offset, so it keeps ticking between jumps. While seeding, it is pinned to the instant being written.
 * It never goes backwards, even if the machine's clock does between two starts.
 */
export class DemoTime {
  #offsetMs: number;
  #latestMs: number;
  #pinnedMs: number | null = null;

  constructor(saved: DemoState['time']) {
    this.#offsetMs = saved.offsetMs;
    this.#latestMs = saved.latestMs;
  }

  now(): Date {
    if (this.#pinnedMs !== null) return new Date(this.#pinnedMs);
    const ms = Math.max(Date.now() + this.#offsetMs, this.#latestMs);
    this.#latestMs = ms;
    return new Date(ms);
  }

  /** Holds the clock at `at` (seeding writes history day by day). */
  pin(at: Date): void {
    this.#pinnedMs = at.getTime();
  }

  /** Lets the clock run again from `at`; the persisted state to write is returned. */
  resumeFrom(at: Date): DemoState['time'] {
    this.#pinnedMs = null;
    this.#offsetMs = at.getTime() - Date.now();
    this.#latestMs = Math.max(this.#latestMs, at.getTime());
    return this.saved();
  }

  saved(): DemoState['time'] {
    return { offsetMs: this.#offsetMs, latestMs: this.#latestMs };
  }
}
