import type { Catalog, Metadata, TrackResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import { type AccountPlan, type FeatureRule, featureRule, loadAccountPlan } from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { type GrantRow, LIVE_GRANTS, planDraws } from './grants.js';
import { type MeteredBalance, type MeteredRule, meteredBalance } from './metered-balance.js';
import { transactionWithRetry } from './transaction-retry.js';

export interface TrackInput {
  feature: string;
  amount: number;
  idempotencyKey: string;
  occurredAt?: string | Date | undefined;
  metadata?: Metadata | undefined;
}

interface EventRow {
  id: number;
  idempotency_key: string;
  feature_key: string;
  amount: number;
  overage_units: number;
  unlimited: boolean;
  remaining: number | null;
  resets_at: Date | null;
  recorded_at: Date;
}

const toResult = (row: EventRow): TrackResult => ({
  id: String(row.id),
  idempotencyKey: row.idempotency_key,
  feature: row.feature_key,
  amount: Number(row.amount),
  recordedAt: row.recorded_at.toISOString(),
  unlimited: row.unlimited,
  remaining: row.remaining === null ? null : Number(row.remaining),
  resetsAt: row.resets_at?.toISOString() ?? null,
  overageUnits: Number(row.overage_units),
});

const badFeature = (message: string) =>
  new BillingError('validation_failed', message, { issues: [{ field: 'body.feature', message }] });

/** The rule a track applies, or a `validation_failed` naming why this feature cannot be tracked. */
export function trackableRule(catalog: Catalog, accountPlan: AccountPlan, input: TrackInput): FeatureRule {
  const rule = featureRule(catalog, accountPlan, input.feature);
  if (!rule) throw badFeature(`Unknown feature "${input.feature}"`);
  if (rule.kind === 'boolean') throw badFeature(`"${input.feature}" is on or off; there is nothing to track`);
  if (rule.kind === 'metered' && input.amount < 0) {
    throw new BillingError('validation_failed', 'Only limit features take negative amounts', {
      issues: [{ field: 'body.amount', message: 'must be positive for a metered feature' }],
    });
  }
  return rule;
}

/** A repeated key answers what it answered the first time; the same key for other usage is a conflict. */
async function replay(db: Executor, accountId: string, input: TrackInput): Promise<TrackResult> {
  const { rows } = await db.query<EventRow>(
    'SELECT * FROM usage_events WHERE account_id = $1 AND idempotency_key = $2',
    [accountId, input.idempotencyKey],
  );
  const row = rows[0];
  if (!row) throw new Error('A conflicting usage event vanished');
  if (row.feature_key !== input.feature || Number(row.amount) !== input.amount) {
    throw new BillingError('conflict', 'This idempotency key was already used for other usage', {
      idempotencyKey: input.idempotencyKey,
    });
  }
  return toResult(row);
}

async function drawMetered(
  tx: Executor,
  accountPlan: AccountPlan,
  rule: MeteredRule,
  event: { id: number; key: string; amount: number; at: Date },
  balance: MeteredBalance,
): Promise<EventRow> {
  const covered = balance.unlimited ? event.amount : Math.min(event.amount, balance.remaining);
  const overageUnits = event.amount - covered;
  if (overageUnits > 0 && !rule.overage) {
    throw new BillingError('insufficient_credits', `Not enough ${rule.feature.name.toLowerCase()} left`, {
      feature: rule.feature.key,
      requested: event.amount,
      remaining: balance.remaining,
    });
  }
  const draws = balance.unlimited ? [] : planDraws(balance.grants, covered);
  const overageAmount = rule.overage
    ? Math.ceil((overageUnits * rule.overage.price.amount) / rule.overage.per)
    : 0;
  // One statement: spend from each grant, write a ledger entry per grant touched, store the answer on the
  // usage event and queue overage for Stripe. The CHECK (remaining >= 0) backs the locked arithmetic. Parts
  // with nothing to do are left out of the SQL: planning is most of a statement's cost on PGlite.
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const eventId = param(event.id, 'bigint');
  const ctes: string[] = [];
  if (draws.length > 0 || overageUnits > 0) {
    const account = param(accountPlan.accountId, 'text');
    const feature = param(rule.feature.key, 'text');
    const at = param(event.at, 'timestamptz');
    if (draws.length > 0) {
      ctes.push(
        `spent AS (
           UPDATE credit_grants g SET remaining = g.remaining - d.units
           FROM unnest(${param(
             draws.map((draw) => draw.grantId),
             'bigint[]',
           )}, ${param(
             draws.map((draw) => draw.units),
             'bigint[]',
           )}) AS d(grant_id, units)
           WHERE g.id = d.grant_id RETURNING g.id, g.source, d.units
         )`,
        `ledger AS (
           INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, usage_event_id, description, reference, at)
           SELECT ${account}, ${feature}, 'usage', -units, source, id, ${eventId}, 'Usage', ${param(event.key, 'text')}, ${at}
           FROM spent
         )`,
      );
    }
    if (overageUnits > 0) {
      ctes.push(
        `outbox AS (
           INSERT INTO usage_outbox (usage_event_id, account_id, feature_key, units, per, amount, currency, occurred_at)
           VALUES (${eventId}, ${account}, ${feature}, ${param(overageUnits, 'bigint')}, ${param(rule.overage?.per ?? 1, 'bigint')},
             ${param(overageAmount, 'bigint')}, ${param(rule.overage?.price.currency ?? 'USD', 'text')}, ${at})
         )`,
      );
    }
  }
  const { rows } = await tx.query<EventRow>(
    `${ctes.length > 0 ? `WITH ${ctes.join(', ')}` : ''}
     UPDATE usage_events SET overage_units = ${param(overageUnits, 'bigint')}, unlimited = ${param(balance.unlimited, 'boolean')},
       remaining = ${param(balance.unlimited ? null : balance.remaining - covered, 'bigint')},
       resets_at = ${param(balance.resetsAt, 'timestamptz')}
     WHERE id = ${eventId} RETURNING *`,
    params,
  );
  return rows[0] as EventRow;
}

async function moveCount(
  tx: Executor,
  accountId: string,
  rule: Extract<FeatureRule, { kind: 'limit' }>,
  event: { id: number; amount: number },
): Promise<EventRow> {
  await tx.query(
    'INSERT INTO feature_counts (account_id, feature_key, count) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING',
    [accountId, rule.feature.key],
  );
  const { rows } = await tx.query<{ count: number }>(
    `UPDATE feature_counts SET count = GREATEST(0, count + $3), updated_at = now()
     WHERE account_id = $1 AND feature_key = $2 AND ($4::bigint IS NULL OR $3 < 0 OR count + $3 <= $4)
     RETURNING count`,
    [accountId, rule.feature.key, event.amount, rule.limit],
  );
  const count = rows[0]?.count;
  if (count === undefined) {
    const { rows: current } = await tx.query<{ count: number }>(
      'SELECT count FROM feature_counts WHERE account_id = $1 AND feature_key = $2',
      [accountId, rule.feature.key],
    );
    const remaining = Math.max(0, (rule.limit ?? 0) - Number(current[0]?.count ?? 0));
    throw new BillingError('quota_exceeded', `The ${rule.feature.name.toLowerCase()} limit is reached`, {
      feature: rule.feature.key,
      requested: event.amount,
      remaining,
    });
  }
  const { rows: updated } = await tx.query<EventRow>(
    'UPDATE usage_events SET unlimited = $2, remaining = $3 WHERE id = $1 RETURNING *',
    [event.id, rule.limit === null, rule.limit === null ? null : Math.max(0, rule.limit - Number(count))],
  );
  return updated[0] as EventRow;
}

/**
 * Records usage atomically, in one transaction: the usage event under its idempotency key (a repeat answers
 * the first answer), the grants it spends locked and drawn soonest-to-expire first, one ledger entry per
 * grant, overage queued for Stripe. When not allowed the transaction rolls back: nothing is written.
 */
export async function track(
  context: EngineContext,
  accountId: string,
  input: TrackInput,
): Promise<TrackResult> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const rule = trackableRule(catalog, accountPlan, input);
  const now = context.now();
  const occurredAt = input.occurredAt === undefined ? now : new Date(input.occurredAt);
  const insertEvent = `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, metadata, occurred_at, recorded_at)
    VALUES ($1, $5, $2, $6, $7::jsonb, $8, $3)
    ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING id`;
  const eventParams = [
    input.idempotencyKey,
    input.amount,
    input.metadata ? JSON.stringify(input.metadata) : null,
    occurredAt,
  ];
  const outcome = await transactionWithRetry(context.db, async (tx) => {
    if (rule.kind === 'metered') {
      // The event insert and the locking read of the grants are one statement: one round trip fewer on
      // the hottest path. `event_id` is null when the key was already used (the insert did nothing).
      let inserted: number | null | undefined;
      const balance = await meteredBalance(tx, accountPlan, rule, now, {
        lock: true,
        firstRead: async (periodKeys) => {
          // Locking inside the CTE lets the outer query return the event's id even when there are no grants.
          const { rows } = await tx.query<GrantRow & { event_id: number | null }>(
            `WITH event AS (${insertEvent}), grants AS (SELECT ${LIVE_GRANTS} FOR UPDATE)
             SELECT (SELECT id FROM event) AS event_id, g.* FROM (SELECT 1) AS one LEFT JOIN grants g ON true
             ORDER BY g.expires_at ASC NULLS LAST, g.id ASC`,
            [accountId, input.feature, now, periodKeys, ...eventParams],
          );
          inserted = rows[0]?.event_id ?? null;
          return rows.filter((row) => row.id !== null);
        },
      });
      if (inserted === null || inserted === undefined) return { replay: true as const };
      const event = { id: Number(inserted), key: input.idempotencyKey, amount: input.amount, at: now };
      return { replay: false as const, row: await drawMetered(tx, accountPlan, rule, event, balance) };
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, metadata, occurred_at, recorded_at)
       VALUES ($1, $3, $2, $4, $5::jsonb, $6, $7)
       ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING id`,
      [accountId, input.feature, ...eventParams, now],
    );
    const id = rows[0]?.id;
    if (id === undefined) return { replay: true as const };
    const limitRule = rule as Extract<FeatureRule, { kind: 'limit' }>;
    return {
      replay: false as const,
      row: await moveCount(tx, accountId, limitRule, { id: Number(id), amount: input.amount }),
    };
  });
  return outcome.replay ? replay(context.db, accountId, input) : toResult(outcome.row);
}
