import type { StripeEmulatorHandle } from '@billing-kit/stripe-emulator';
import type Stripe from 'stripe';
import { addMonths, DAY_MS, type DemoTime } from './demo-time.js';
import { advanceClocks } from './persona-clocks.js';

export type AdvanceBy = 'day' | 'month';

/**
 * The time-travel control: every persona's test clock jumps together, then the engine's clock follows, and
 * only once the emulator has delivered every webhook the jump caused (renewals, failed retries, trial ends)
 * is the new time answered. Jumps are serialized: a second click waits for the first.
 */
export function createTimeTravel(options: {
  stripe: Stripe;
  emulator: StripeEmulatorHandle;
  time: DemoTime;
  clockIds: () => readonly string[];
  persist: () => void;
  /** Runs before each jump: the stack sends pending overage to Stripe, so it lands on the renewal invoice. */
  beforeJump?: () => Promise<unknown>;
}): (by: AdvanceBy) => Promise<Date> {
  let queue: Promise<unknown> = Promise.resolve();
  const advance = async (by: AdvanceBy): Promise<Date> => {
    const from = options.time.now();
    const target = by === 'day' ? new Date(from.getTime() + DAY_MS) : addMonths(from, 1);
    const whole = new Date(Math.floor(target.getTime() / 1000) * 1000);
    await options.beforeJump?.();
    await advanceClocks(options.stripe, options.clockIds(), whole);
    await options.emulator.waitForDeliveries();
    options.time.resumeFrom(whole);
    options.persist();
    return whole;
  };
  return (by) => {
    const next = queue.then(
      () => advance(by),
      () => advance(by),
    );
    queue = next.catch(() => undefined);
    return next;
  };
}
