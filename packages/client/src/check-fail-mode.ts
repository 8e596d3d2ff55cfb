import type { CheckResult } from '@billing-kit/contracts';
import { BillingNetworkError } from './billing-api-error.js';
import type { RequestOptions } from './send-request.js';

/** `closed` denies when the billing server cannot answer; `open` allows. */
export type FailMode = 'open' | 'closed';

/**
 * Only "no answer" (network failure, timeout) is decided by the fail mode. Any answer the server gives,
 * errors included, is the server's: a 402 is a denial, a 400 a bug in the caller.
 */
export async function checkWithFailMode(
  send: (input: Record<string, unknown>, options?: RequestOptions) => Promise<unknown>,
  input: Record<string, unknown>,
  options: RequestOptions,
  failMode: FailMode,
): Promise<CheckResult> {
  try {
    return (await send(input, options)) as CheckResult;
  } catch (error) {
    if (!(error instanceof BillingNetworkError)) throw error;
    return {
      allowed: failMode === 'open',
      feature: String(input.feature),
      kind: null,
      requested: typeof input.amount === 'number' ? input.amount : 1,
      unlimited: false,
      limit: null,
      remaining: null,
      resetsAt: null,
      overage: false,
      reason: null,
      degraded: {
        failMode,
        cause: error.reason === 'timeout' ? 'timeout' : 'unreachable',
        message: error.message,
      },
    };
  }
}
