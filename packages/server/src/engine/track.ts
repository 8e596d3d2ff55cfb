import type { Catalog, TrackResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import {
  type AccountPlan,
  accountPlanOf,
  type FeatureRule,
  featureRule,
  type PlanRows,
  readPlanRows,
} from './account-plan.js';
import type { EngineContext } from './engine-context.js';
import { type Settled, settled } from './group-queue.js';
import {
  type GroupOutcome,
  type MeteredTrack,
  type TopUpSignal,
  trackMeteredGroup,
} from './metered-group.js';
import { PlanChanged } from './plan-memory.js';
import { type EventRow, type TrackInput, toResult } from './track-result.js';
import { retryOnConflict, transactionWithRetry } from './transaction-retry.js';

export type { TrackInput } from './track-result.js';

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

/** A limit feature's track (seats ±N): its own transaction, the count moved under the limit. */
async function trackLimit(
  context: EngineContext,
  accountId: string,
  rule: Extract<FeatureRule, { kind: 'limit' }>,
  input: TrackInput,
): Promise<TrackResult | 'replay'> {
  const now = context.now();
  const occurredAt = input.occurredAt === undefined ? now : new Date(input.occurredAt);
  const outcome = await transactionWithRetry(context.db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, metadata, occurred_at, recorded_at)
       VALUES ($1, $3, $2, $4, $5::jsonb, $6, $7)
       ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        accountId,
        input.feature,
        input.idempotencyKey,
        input.amount,
        input.metadata ? JSON.stringify(input.metadata) : null,
        occurredAt,
        now,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) return 'replay' as const;
    return moveCount(tx, accountId, rule, { id: Number(id), amount: input.amount });
  });
  return outcome === 'replay' ? outcome : toResult(outcome);
}

interface SortedGroup {
  accountPlan: AccountPlan;
  outcomes: (Settled<TrackResult> | 'replay' | undefined)[];
  metered: { index: number; track: MeteredTrack }[];
  limits: { index: number; rule: Extract<FeatureRule, { kind: 'limit' }> }[];
  followers: { index: number; primary: number }[];
}

/** Each track's rule under the plan, or its validation error; a key repeated within the group follows its first use. */
function sortGroup(catalog: Catalog, accountPlan: AccountPlan, inputs: readonly TrackInput[]): SortedGroup {
  const sorted: SortedGroup = {
    accountPlan,
    outcomes: inputs.map(() => undefined),
    metered: [],
    limits: [],
    followers: [],
  };
  const primaries = new Map<string, number>();
  inputs.forEach((input, index) => {
    const primary = primaries.get(input.idempotencyKey);
    if (primary !== undefined) {
      sorted.followers.push({ index, primary });
      return;
    }
    let rule: FeatureRule;
    try {
      rule = trackableRule(catalog, accountPlan, input);
    } catch (error) {
      sorted.outcomes[index] = { ok: false, error };
      return;
    }
    primaries.set(input.idempotencyKey, index);
    if (rule.kind === 'metered') sorted.metered.push({ index, track: { input, rule } });
    else if (rule.kind === 'limit') sorted.limits.push({ index, rule });
  });
  return sorted;
}

/**
 * Records a group of tracks of one account (one call, a batch, or concurrent calls gathered by the group
 * queue), each atomically and exactly once under its idempotency key: a repeated key answers what it
 * answered the first time. Metered tracks share one call of the track function (metered-group.ts) — each
 * feature's grants locked and read once, spent in arrival order, one ledger entry per grant drawn, overage
 * queued for Stripe — but not their fate: a denied track writes nothing and answers its own error.
 *
 * The account's plan comes from the engine's memory when it has one: the track function checks it is still
 * the account's, and a group whose plan changed runs again under the plan read anew (see plan-memory.ts).
 * A limit is applied outside that call, so a group with a limit feature reads its plan first.
 */
export async function trackGroup(
  context: EngineContext,
  accountId: string,
  inputs: readonly TrackInput[],
): Promise<Settled<TrackResult>[]> {
  const catalog = await context.catalog();
  let remembered = context.plans?.recall(accountId);
  for (;;) {
    const planRows = remembered ?? (await readPlanRows(context.db, accountId));
    const sorted = sortGroup(catalog, accountPlanOf(catalog, accountId, planRows), inputs);
    if (remembered && sorted.limits.length > 0) {
      remembered = undefined;
      continue;
    }
    if (!remembered) context.plans?.remember(accountId, planRows);
    try {
      return await trackSorted(context, accountId, inputs, sorted, remembered);
    } catch (error) {
      if (!(error instanceof PlanChanged)) throw error;
      remembered = undefined;
    }
  }
}

async function trackSorted(
  context: EngineContext,
  accountId: string,
  inputs: readonly TrackInput[],
  { accountPlan, outcomes, metered, limits, followers }: SortedGroup,
  planRows: PlanRows | undefined,
): Promise<Settled<TrackResult>[]> {
  if (metered.length > 0) {
    const now = context.now();
    const topUp: TopUpSignal = { pending: false };
    // One call of the track function: a transaction of its own (see metered-group.ts).
    const decided: GroupOutcome[] = await retryOnConflict(() =>
      trackMeteredGroup(
        context.db,
        accountPlan,
        metered.map((item) => item.track),
        now,
        { topUp, lock: context.db.dialect === 'postgres', ...(planRows ? { planRows } : {}) },
      ),
    );
    if (topUp.pending) context.onTopUpPending?.(accountId);
    metered.forEach((item, position) => {
      const outcome = decided[position];
      outcomes[item.index] = !outcome || 'replay' in outcome ? 'replay' : outcome;
    });
  }
  for (const { index, rule } of limits) {
    const outcome = await settled(() => trackLimit(context, accountId, rule, inputs[index] as TrackInput));
    outcomes[index] = outcome.ok && outcome.value === 'replay' ? 'replay' : (outcome as Settled<TrackResult>);
  }
  // Replays (a key used before) and repeats of a key within the group answer the stored first answer; a
  // repeat of a key whose first use was just denied is denied the same way.
  for (const { index, primary } of followers) {
    const first = outcomes[primary];
    outcomes[index] = first && first !== 'replay' && !first.ok ? first : 'replay';
  }
  const answers: Settled<TrackResult>[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome === undefined) throw new Error('A grouped track was left unanswered');
    answers.push(
      outcome === 'replay'
        ? await settled(() => replay(context.db, accountId, inputs[index] as TrackInput))
        : outcome,
    );
  }
  return answers;
}

/** Records one usage event (see `trackGroup`); a 402 `BillingError` when it is not allowed. */
export async function track(
  context: EngineContext,
  accountId: string,
  input: TrackInput,
): Promise<TrackResult> {
  const [outcome] = await trackGroup(context, accountId, [input]);
  if (!outcome) throw new Error('track answered nothing');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
