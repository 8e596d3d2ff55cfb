import { SignJWT } from 'jose';

export const TEST_JWT_SECRET = 'test-secret-for-billing-kit-tests-0123456789';
export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export interface TestClaims {
  sub: string;
  account_id?: string;
  role?: 'member' | 'billing_admin' | 'admin';
  name?: string;
  email?: string;
}

/** A bearer token as a host app would mint it for one of its users. */
export async function signTestToken(
  claims: TestClaims,
  options: { secret?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}
