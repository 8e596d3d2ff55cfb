import { createHash } from 'node:crypto';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';

export interface ReplayableAnswer {
  status: number;
  body: unknown;
  /** True when this answer is a stored one, not a new run. */
  replayed?: boolean;
}

export interface IdempotentRequest {
  /** Who asked and which route: keys are only unique per caller and operation. */
  scope: string;
  key: string;
  /** The parsed input, so a key reused with other parameters is told apart. */
  input: unknown;
}

const hashOf = (input: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(input ?? null))
    .digest('hex');

/**
 * Runs `work` once per (scope, key) within 24 hours and replays its answer — errors of the caller's making
 * included, as Stripe does — to every repeat. Failures on our side are forgotten so a retry can succeed.
 */
export async function runOnce(
  db: Executor,
  request: IdempotentRequest,
  work: () => Promise<ReplayableAnswer>,
): Promise<ReplayableAnswer> {
  const requestHash = hashOf(request.input);
  await db.query(
    `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at < now() - interval '24 hours'`,
    [request.scope, request.key],
  );
  const claimed = await db.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [request.scope, request.key, requestHash],
  );
  if (claimed.rowCount === 0) return replay(db, request, requestHash);
  const remember = (answer: ReplayableAnswer) =>
    db.query('UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE scope = $1 AND key = $2', [
      request.scope,
      request.key,
      answer.status,
      JSON.stringify(answer.body),
    ]);
  try {
    const answer = await work();
    await remember(answer);
    return answer;
  } catch (error) {
    if (error instanceof BillingError && error.status < 500) {
      await remember({
        status: error.status,
        body: {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        },
      });
    } else {
      await db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [
        request.scope,
        request.key,
      ]);
    }
    throw error;
  }
}

async function replay(
  db: Executor,
  request: IdempotentRequest,
  requestHash: string,
): Promise<ReplayableAnswer> {
  const { rows } = await db.query<{ request_hash: string; status: number | null; response: unknown }>(
    'SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [request.scope, request.key],
  );
  const stored = rows[0];
  if (!stored)
    throw new BillingError('conflict', 'The Idempotency-Key was released by a failed attempt; retry');
  if (stored.request_hash !== requestHash) {
    throw new BillingError('conflict', 'This Idempotency-Key was already used with other parameters', {
      issues: [{ field: 'headers.idempotency-key', message: 'reused with different parameters' }],
    });
  }
  if (stored.status === null)
    throw new BillingError('conflict', 'A request with this Idempotency-Key is still running');
  return { status: stored.status, body: stored.response, replayed: true };
}
