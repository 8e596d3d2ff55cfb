import type { AuditEntry, Page } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';

export type AuditActor = AuditEntry['actor'];

export interface AuditRecord {
  accountId: string | null;
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
  requestId?: string | undefined;
  /**
   * When it happened, by the clock of the change (the engine's, Stripe's event time); the database's clock
   * when omitted. A test clock or the demo's time travel keeps the log in the same time as what it records.
   */
  at?: Date | undefined;
}

export const stripeActor: AuditActor = { type: 'stripe', id: null };

/** Writes one audit entry; call it inside the transaction that makes the change, so both or neither land. */
export async function recordAudit(db: Executor, record: AuditRecord): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (account_id, actor_kind, actor_id, action, subject_type, subject_id, before, after, reason, request_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, COALESCE($11::timestamptz, now()))`,
    [
      record.accountId,
      record.actor.type,
      record.actor.id,
      record.action,
      record.subjectType,
      record.subjectId,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
      record.reason ?? null,
      record.requestId ?? null,
      record.at ?? null,
    ],
  );
}

interface AuditRow {
  id: number;
  account_id: string | null;
  actor_kind: AuditActor['type'];
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  at: Date;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: String(row.id),
  accountId: row.account_id,
  actor: { type: row.actor_kind, id: row.actor_id },
  action: row.action,
  subject: `${row.subject_type}:${row.subject_id}`,
  before: row.before ?? null,
  after: row.after ?? null,
  reason: row.reason,
  at: row.at.toISOString(),
});

/** One account's audit log, newest first. */
export async function listAudit(
  db: Executor,
  accountId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<AuditEntry>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const { rows } = await db.query<AuditRow>(
    `SELECT * FROM audit_log
     WHERE account_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
     ORDER BY id DESC LIMIT $3`,
    [accountId, after ? Number(after.id) : null, page.limit + 1],
  );
  const hasMore = rows.length > page.limit;
  const data = rows.slice(0, page.limit).map(toEntry);
  const last = data.at(-1);
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.at, last.id) : null };
}
