import {
  type ErrorBody,
  type ErrorCode,
  type ErrorDetails,
  errorBody,
  errorStatus,
} from '@billing-kit/contracts';

/** A failure a resolver answers on purpose, in the one error shape, with the status its code implies. */
export class MockApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'MockApiError';
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

export function fail(code: ErrorCode, message: string, details?: ErrorDetails): never {
  throw new MockApiError(code, message, details);
}
