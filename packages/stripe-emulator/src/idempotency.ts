import { createHash } from 'node:crypto';
import { StripeApiError } from './stripe-errors.js';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

const retentionMs = 24 * 60 * 60 * 1000;
// The SDK keys every POST, so a long-running emulator keeps only the most recent answers.
const maxEntries = 5_000;

/** Replays the first answer to an `Idempotency-Key`; the same key with other parameters is an error. */
export class IdempotencyCache {
  readonly #responses = new Map<string, StoredResponse>();

  lookup(scope: string, key: string, fingerprintSource: string): StoredResponse | undefined {
    if (key.length > 255) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: 'Idempotency keys can be at most 255 characters long.',
      });
    }
    const stored = this.#responses.get(`${scope}:${key}`);
    if (!stored) return undefined;
    if (Date.now() - stored.storedAt > retentionMs) {
      this.#responses.delete(`${scope}:${key}`);
      return undefined;
    }
    if (stored.fingerprint !== fingerprint(fingerprintSource)) {
      throw new StripeApiError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    return stored;
  }

  remember(scope: string, key: string, fingerprintSource: string, status: number, body: string): void {
    if (this.#responses.size >= maxEntries) {
      const oldest = this.#responses.keys().next().value;
      if (oldest !== undefined) this.#responses.delete(oldest);
    }
    this.#responses.set(`${scope}:${key}`, {
      fingerprint: fingerprint(fingerprintSource),
      status,
      body,
      storedAt: Date.now(),
    });
  }
}

function fingerprint(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}
