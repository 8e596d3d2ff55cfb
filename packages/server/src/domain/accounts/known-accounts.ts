import type { Identity } from '../../auth/identity.js';
import type { Executor } from '../../db/database.js';
import { accountForCall } from './accounts.js';

export interface KnownAccountsOptions {
  /** How many callers to remember (the oldest is forgotten first). */
  max?: number;
  /** How long a caller is remembered before its account is written again. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The account id a metering call acts on, writing the account (and membership) only the first time this
 * process sees a caller vouch for it: check and track are the hottest routes, and `accountForCall`'s upsert
 * would otherwise be a write per call. What is remembered is the whole vouching (user, role, name, email),
 * so a changed token is written again. Accounts are never deleted, so a remembered one still exists.
 */
export function createKnownAccounts(
  db: Executor,
  options: KnownAccountsOptions = {},
): (identity: Identity | null, accountId: string) => Promise<string> {
  const max = options.max ?? 10_000;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, number>();
  return async (identity, accountId) => {
    const vouched =
      identity?.kind === 'api_key' || (identity?.kind === 'user' && identity.accountId === accountId);
    if (!vouched) return (await accountForCall(db, identity, accountId)).id;
    const caller =
      identity.kind === 'api_key'
        ? `key\u0000${accountId}`
        : [accountId, identity.userId, identity.role, identity.name ?? '', identity.email ?? ''].join(
            '\u0000',
          );
    const until = known.get(caller);
    if (until !== undefined && until > now()) return accountId;
    const account = await accountForCall(db, identity, accountId);
    known.delete(caller);
    known.set(caller, now() + ttlMs);
    if (known.size > max) known.delete(known.keys().next().value as string);
    return account.id;
  };
}
