/** How reads are retried on network errors and 5xx. Writes are never retried by the client. */
export interface RetryPolicy {
  /** Attempts in all, the first included. 1 turns retries off. */
  attempts: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many clients spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
