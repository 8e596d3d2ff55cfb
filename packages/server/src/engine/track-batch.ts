import type { TrackBatchResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { EngineContext } from './engine-context.js';
import { type TrackInput, track } from './track.js';

/**
 * Records each event on its own, in order, each in its own transaction under its own key: one event's
 * denial neither rolls back nor blocks the others, and a retried batch counts every event once.
 */
export async function trackBatch(
  context: EngineContext,
  accountId: string,
  events: readonly TrackInput[],
): Promise<TrackBatchResult> {
  const results: TrackBatchResult['results'] = [];
  for (const event of events) {
    try {
      results.push({
        ok: true,
        idempotencyKey: event.idempotencyKey,
        result: await track(context, accountId, event),
      });
    } catch (error) {
      if (!(error instanceof BillingError)) throw error;
      results.push({
        ok: false,
        idempotencyKey: event.idempotencyKey,
        error: { code: error.code, message: error.message },
      });
    }
  }
  return { results };
}
