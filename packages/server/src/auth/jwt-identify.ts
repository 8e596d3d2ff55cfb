import { AccountRole } from '@billing-kit/contracts';
import type { Request } from 'express';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { BillingError } from '../billing-error.js';
import type { IdentifyFn, UserIdentity } from './identity.js';

export interface JwtIdentifyOptions {
  /** HS256 shared secret. */
  secret?: string | undefined;
  /** Or a JWKS endpoint for asymmetric keys (RS256, ES256, EdDSA). */
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

const unauthenticated = (message: string) => new BillingError('unauthenticated', message);

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  return match[1];
}

const optionalString = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Claims: `sub` is the user, `account_id` the account they bill under, `role` one of member, billing_admin,
 * admin (member when absent); `name` and `email` label a new account.
 */
export function identityFromClaims(payload: JWTPayload): UserIdentity {
  const userId = optionalString(payload.sub);
  if (!userId) throw unauthenticated('The token has no subject (sub)');
  const role = AccountRole.safeParse(payload.role ?? 'member');
  if (!role.success) throw unauthenticated('The token carries an unknown role');
  const accountId = optionalString(payload.account_id) ?? null;
  if (accountId === null && role.data !== 'admin') throw unauthenticated('The token has no account_id');
  return {
    kind: 'user',
    userId,
    accountId,
    role: role.data,
    name: optionalString(payload.name),
    email: optionalString(payload.email),
  };
}

/** The default `identify`: a bearer JWT verified with jose against a shared secret or a JWKS URL. */
export function createJwtIdentify(options: JwtIdentifyOptions): IdentifyFn {
  let key: Uint8Array | JWTVerifyGetKey | undefined;
  let algorithms: string[] | undefined;
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
  } else if (options.secret) {
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  }
  return async (request) => {
    const token = bearerToken(request);
    if (!token) return null;
    if (!key)
      throw new BillingError('not_configured', 'Token verification is not configured', {
        missing: ['BILLING_JWT_SECRET or BILLING_JWKS_URL'],
      });
    try {
      const verifyOptions = {
        ...(algorithms ? { algorithms } : {}),
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      };
      const { payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
      return identityFromClaims(payload);
    } catch (error) {
      if (error instanceof BillingError) throw error;
      throw unauthenticated('The bearer token is invalid or expired');
    }
  };
}
