import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTestToken, TEST_JWT_SECRET } from '../test/tokens.js';
import { createJwtIdentify } from './jwt-identify.js';

const requestWith = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as unknown as Request;

describe('createJwtIdentify with a shared secret', () => {
  const identify = createJwtIdentify({ secret: TEST_JWT_SECRET });

  it('identifies the user, account and role a valid token carries', async () => {
    const token = await signTestToken({ sub: 'user_1', account_id: 'acct_1', role: 'billing_admin' });
    expect(await identify(requestWith(`Bearer ${token}`))).toMatchObject({
      kind: 'user',
      userId: 'user_1',
      accountId: 'acct_1',
      role: 'billing_admin',
    });
  });

  it('treats a request without a token as anonymous', async () => {
    expect(await identify(requestWith())).toBeNull();
  });

  it.each([
    [
      'signed with another secret',
      () => signTestToken({ sub: 'u', account_id: 'a' }, { secret: 'x'.repeat(40) }),
    ],
    ['expired', () => signTestToken({ sub: 'u', account_id: 'a' }, { expiresIn: '-1m' })],
    ['without an account', () => signTestToken({ sub: 'u' })],
    ['with an unknown role', () => signTestToken({ sub: 'u', account_id: 'a', role: 'owner' as 'admin' })],
  ])('rejects a token %s as unauthenticated', async (_case, makeToken) => {
    const token = await makeToken();
    await expect(identify(requestWith(`Bearer ${token}`))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('rejects a malformed Authorization header', async () => {
    await expect(identify(requestWith('Basic abc'))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('lets an admin token carry no account', async () => {
    const token = await signTestToken({ sub: 'ops', role: 'admin' });
    expect(await identify(requestWith(`Bearer ${token}`))).toMatchObject({ role: 'admin', accountId: null });
  });
});

describe('createJwtIdentify with a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('verifies tokens signed by a key the JWKS publishes, checking issuer', async () => {
    const identify = createJwtIdentify({ jwksUrl, issuer: 'https://auth.example.com' });
    const sign = (issuer: string) =>
      new SignJWT({ account_id: 'acct_9' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('user_9')
        .setIssuer(issuer)
        .setExpirationTime('5m')
        .sign(privateKey);
    const good = await identify(requestWith(`Bearer ${await sign('https://auth.example.com')}`));
    expect(good).toMatchObject({ userId: 'user_9', accountId: 'acct_9', role: 'member' });
    await expect(
      identify(requestWith(`Bearer ${await sign('https://evil.example.com')}`)),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
