import { describe, expect, it } from 'vitest';
import { authorize } from './access.js';
import { apiKeyMatches } from './api-key.js';
import type { Identity } from './identity.js';

const member: Identity = { kind: 'user', userId: 'u1', accountId: 'acct_1', role: 'member' };
const admin: Identity = { kind: 'user', userId: 'ops', accountId: null, role: 'admin' };
const apiKey: Identity = { kind: 'api_key' };

const codeOf = (run: () => void) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('authorize', () => {
  it('lets members reach their own account only; another account is not_found', () => {
    expect(codeOf(() => authorize('member', member, 'acct_1'))).toBe('allowed');
    expect(codeOf(() => authorize('member', member, 'acct_2'))).toBe('not_found');
    expect(codeOf(() => authorize('member_or_api_key', member, 'acct_2'))).toBe('not_found');
  });

  it('asks anonymous callers to authenticate, except on public routes', () => {
    expect(codeOf(() => authorize('member', null, 'acct_1'))).toBe('unauthenticated');
    expect(codeOf(() => authorize('admin', null, undefined))).toBe('unauthenticated');
    expect(codeOf(() => authorize('public', null, undefined))).toBe('allowed');
  });

  it('keeps admin routes for admins', () => {
    expect(codeOf(() => authorize('admin', member, undefined))).toBe('forbidden');
    expect(codeOf(() => authorize('admin', admin, undefined))).toBe('allowed');
    expect(codeOf(() => authorize('member', admin, 'acct_2'))).toBe('allowed');
  });

  it('lets the API key call member_or_api_key routes for any account and nothing else', () => {
    expect(codeOf(() => authorize('member_or_api_key', apiKey, 'acct_7'))).toBe('allowed');
    expect(codeOf(() => authorize('member', apiKey, 'acct_7'))).toBe('forbidden');
    expect(codeOf(() => authorize('admin', apiKey, undefined))).toBe('forbidden');
  });
});

describe('apiKeyMatches', () => {
  it('accepts the exact key only', () => {
    expect(apiKeyMatches('k'.repeat(20), 'k'.repeat(20))).toBe(true);
    expect(apiKeyMatches('k'.repeat(19), 'k'.repeat(20))).toBe(false);
    expect(apiKeyMatches('', 'k'.repeat(20))).toBe(false);
  });
});
