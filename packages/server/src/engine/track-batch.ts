import type { TrackBatchResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { EngineContext } from './engine-context.js';
import { type TrackInput, trackGroup } from './track.js';

const GROUP = 100;

/**
 * Records each event once under its own key, in order, a hundred at a time in one transaction: one event's
 * denial neither rolls back nor blocks the others, and a retried batch counts every event once.
 */
export async function trackBatch(
  context: EngineContext,
  accountId: string,
  events: readonly TrackInput[],
): Promise<TrackBatchResult> {
  const results: TrackBatchResult['results'] = [];
  for (let start = 0; start < events.length; start += GROUP) {
    const group = events.slice(start, start + GROUP);
    const outcomes = await trackGroup(context, accountId, group);
    for (const [index, outcome] of outcomes.entries()) {
      const idempotencyKey = (group[index] as TrackInput).idempotencyKey;
      if (outcome.ok) {
        results.push({ ok: true, idempotencyKey, result: outcome.value });
        continue;
      }
      if (!(outcome.error instanceof BillingError)) throw outcome.error;
      results.push({
        ok: false,
        idempotencyKey,
        error: { code: outcome.error.code, message: outcome.error.message },
      });
    }
  }
  return { results };
}
