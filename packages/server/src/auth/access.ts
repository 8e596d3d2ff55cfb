import type { RouteAuth } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { Identity } from './identity.js';

const unauthenticated = () => new BillingError('unauthenticated', 'Sign in to use this endpoint');

/**
 * Decides whether `identity` may call a route guarded by `auth` for `accountId` (the path's account, if
 * any). Another account's id is `not_found`, exactly as for an account that does not exist, so ids reveal
 * nothing.
 */
export function authorize(auth: RouteAuth, identity: Identity | null, accountId: string | undefined): void {
  if (auth === 'public' || auth === 'stripe_signature') return;
  if (!identity) throw unauthenticated();
  if (identity.kind === 'api_key') {
    if (auth === 'member_or_api_key') return;
    throw new BillingError('forbidden', 'The API key may only call check, track and read endpoints');
  }
  if (identity.role === 'admin') return;
  if (auth === 'admin') throw new BillingError('forbidden', 'This endpoint needs the admin role');
  if (accountId !== undefined && accountId !== identity.accountId) {
    throw new BillingError('not_found', 'Account was not found');
  }
}
