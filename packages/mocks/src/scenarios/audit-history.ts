import type { AuditEntry } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import type { AccountRecord } from '../store/store-types.js';

export function auditRecord(
  id: string,
  accountId: string,
  fields: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'before' | 'after' | 'reason'> & { at: number },
): AuditEntry {
  return { id, accountId, ...fields, at: iso(fields.at) };
}

/** The audit trail every generated account starts with: created, then subscribed if it pays. */
export function baseAudit(account: AccountRecord, ids: (prefix: string) => string): AuditEntry[] {
  const entries = [
    auditRecord(ids('aud'), account.id, {
      actor: { type: 'system', id: null },
      action: 'account.created',
      subject: `account:${account.id}`,
      before: null,
      after: { name: account.name },
      reason: null,
      at: account.createdAt,
    }),
  ];
  const { subscription } = account;
  if (subscription.paidSince !== null) {
    entries.push(
      auditRecord(ids('aud'), account.id, {
        actor: { type: 'stripe', id: null },
        action: 'subscription.created',
        subject: `subscription:${account.id}`,
        before: { planId: 'free' },
        after: { planId: subscription.planId, interval: subscription.interval },
        reason: 'checkout.session.completed',
        at: subscription.paidSince,
      }),
    );
  }
  return entries;
}
