import type { EmulatorContext } from '../context.js';
import { runDueActions } from './billing-cycle.js';
import { expireCheckoutSessions } from './checkout-expiry.js';

/**
 * Subscriptions on no test clock follow the wall clock (the `now` option): a timer performs whatever
 * fell due, so a daily price renews daily in a long-running dev emulator. Returns a stop function.
 */
export function startRealTimeBilling(context: EmulatorContext, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  const timer = setInterval(() => {
    try {
      const now = context.realNow();
      runDueActions(context, null, now);
      expireCheckoutSessions(context, null, now);
    } catch (error) {
      console.error('[stripe-emulator] real-time billing failed:', error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
