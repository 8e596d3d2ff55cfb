import { describe, expect, it } from 'vitest';
import type { Identity } from '../../auth/identity.js';
import type { Executor } from '../../db/database.js';
import { createKnownAccounts } from './known-accounts.js';

/** An executor answering every statement with the account row, recording what it was asked. */
function recordingExecutor() {
  const statements: string[] = [];
  const db = {
    async query(sql: string, params: unknown[] = []) {
      statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      const row = {
        id: params[0],
        name: '',
        email: null,
        stripe_customer_id: null,
        plan_id: null,
        created_at: new Date(),
      };
      return { rows: sql.includes('accounts') ? [row] : [], rowCount: 1 };
    },
  } as unknown as Executor;
  return { db, statements };
}

const member = (overrides: Partial<Extract<Identity, { kind: 'user' }>> = {}): Identity => ({
  kind: 'user',
  userId: 'user_1',
  accountId: 'acct_1',
  role: 'member',
  email: 'ada@example.com',
  ...overrides,
});

describe('known accounts', () => {
  it('writes a vouched account once, then answers from memory', async () => {
    const { db, statements } = recordingExecutor();
    const accountFor = createKnownAccounts(db);
    for (let call = 0; call < 5; call += 1) expect(await accountFor(member(), 'acct_1')).toBe('acct_1');
    expect(statements).toEqual(['INSERT INTO accounts', 'INSERT INTO account_members']);
    expect(await accountFor({ kind: 'api_key' }, 'acct_1')).toBe('acct_1');
    expect(await accountFor({ kind: 'api_key' }, 'acct_1')).toBe('acct_1');
    expect(statements).toHaveLength(3);
  });

  it('writes again for a changed vouching, after the ttl, and always looks up accounts it was not vouched for', async () => {
    const { db, statements } = recordingExecutor();
    let clock = 0;
    const accountFor = createKnownAccounts(db, { ttlMs: 1_000, now: () => clock });
    await accountFor(member(), 'acct_1');
    await accountFor(member({ role: 'billing_admin' }), 'acct_1');
    expect(statements).toHaveLength(4);
    clock = 1_001;
    await accountFor(member(), 'acct_1');
    expect(statements).toHaveLength(6);
    const admin: Identity = { kind: 'user', userId: 'root', accountId: null, role: 'admin' };
    await accountFor(admin, 'acct_1');
    await accountFor(admin, 'acct_1');
    expect(statements.slice(6)).toEqual(['SELECT * FROM', 'SELECT * FROM']);
  });

  it('forgets the oldest caller past its size', async () => {
    const { db, statements } = recordingExecutor();
    const accountFor = createKnownAccounts(db, { max: 2 });
    await accountFor({ kind: 'api_key' }, 'a');
    await accountFor({ kind: 'api_key' }, 'b');
    await accountFor({ kind: 'api_key' }, 'c');
    await accountFor({ kind: 'api_key' }, 'a');
    expect(statements).toHaveLength(4);
  });
});
