import type { ErrorCode, ErrorDetails } from '@billing-kit/contracts';

/** The server answered with an error: its status, its code from the closed list, and details. */
export class BillingApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    details?: ErrorDetails;
    requestId?: string;
  }) {
    super(init.message);
    this.name = 'BillingApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

/** No answer at all: the network failed or the request timed out. Distinct so hosts can fail open or closed. */
export class BillingNetworkError extends Error {
  readonly reason: 'network' | 'timeout';

  constructor(reason: 'network' | 'timeout', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BillingNetworkError';
    this.reason = reason;
  }
}

export function isBillingApiError(error: unknown, code?: ErrorCode): error is BillingApiError {
  return error instanceof BillingApiError && (code === undefined || error.code === code);
}
