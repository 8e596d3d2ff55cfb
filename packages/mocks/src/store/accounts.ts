import { fail } from '../mock-api-error.js';
import type { MockStore } from './mock-store.js';
import type { AccountActivity, AccountRecord } from './store-types.js';

export function accountOf(store: MockStore, accountId: string): AccountRecord {
  const account = store.accounts.get(accountId);
  if (!account) return fail('not_found', `No account "${accountId}"`);
  return account;
}

export function activityOf(account: AccountRecord): AccountActivity {
  if (!account.activity) {
    account.activity = account.buildActivity?.() ?? {
      grants: [],
      usage: [],
      invoices: [],
      purchases: [],
      audit: [],
    };
    account.buildActivity = null;
  }
  return account.activity;
}
