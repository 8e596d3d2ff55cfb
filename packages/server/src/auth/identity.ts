import type { AccountRole } from '@billing-kit/contracts';
import type { Request } from 'express';

/** A person using the host app, as the host vouches for them. */
export interface UserIdentity {
  kind: 'user';
  userId: string;
  /** The account this user bills under; null for platform admins who belong to none. */
  accountId: string | null;
  role: AccountRole;
  name?: string | undefined;
  email?: string | undefined;
}

/** The host's own backend, calling with the server-to-server API key: may act on any account. */
export interface ApiKeyIdentity {
  kind: 'api_key';
}

export type Identity = UserIdentity | ApiKeyIdentity;

/**
 * How the host app tells the billing server who is calling (Autumn-style). Return null for an anonymous
 * caller; throw a BillingError('unauthenticated') for a credential that does not verify. Identity fields a
 * browser sends in a body or query are never consulted.
 */
export type IdentifyFn = (request: Request) => Promise<Identity | null> | Identity | null;
