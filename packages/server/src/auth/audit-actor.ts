import type { AuditActor } from '../domain/audit/audit-log.js';
import type { Identity } from './identity.js';

/** Who the audit log names for a caller. */
export function auditActorOf(identity: Identity | null): AuditActor {
  if (!identity) return { type: 'system', id: null };
  if (identity.kind === 'api_key') return { type: 'api_key', id: null };
  return { type: identity.role === 'admin' ? 'admin' : 'user', id: identity.userId };
}
