import { type ErrorCode, type ErrorDetails, errorStatus } from '@billing-kit/contracts';

/** A failure the caller can act on: it becomes `{ error: { code, message, details } }` with the code's status. */
export class BillingError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'BillingError';
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new BillingError('not_found', `${what} was not found`);

export const notConfigured = (missing: string[]) =>
  new BillingError('not_configured', `Billing is not configured: set ${missing.join(', ')}`, { missing });
