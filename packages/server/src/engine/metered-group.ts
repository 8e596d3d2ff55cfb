import type { TrackResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import type { AccountPlan, PlanRows } from './account-plan.js';
import {
  ensurePeriodGrants,
  grantedAllowances,
  type PeriodAllowance,
  periodAllowances,
  soonestReset,
} from './allowances.js';
import type { Settled } from './group-queue.js';
import type { MeteredRule } from './metered-balance.js';
import { PlanChanged } from './plan-memory.js';
import { type EventRow, type TrackInput, toResult } from './track-result.js';

/** One metered track of a group, with the rule it was validated against. */
export interface MeteredTrack {
  input: TrackInput;
  rule: MeteredRule;
}

/** Set by a spending transaction that recorded an auto top-up to charge once it commits. */
export interface TopUpSignal {
  pending: boolean;
}

export interface MeteredGroupOptions {
  /**
   * Units a confirmation just released from its hold before spending (in the spent feature's units): they
   * were not available before the confirmation, so the auto top-up crossing counts from without them.
   */
  releasedUnits?: number;
  topUp?: TopUpSignal;
  /** The plan rows the group was planned under, checked by the database under the lock (see plan-memory.ts). */
  planRows?: PlanRows;
  /**
   * Whether to lock the grants before reading them; by default yes. PGlite runs one transaction at a time,
   * so on PGlite nothing can come between the read and the writes and the lock only costs a statement.
   */
  lock?: boolean;
}

/** What the database decided for a group: each track's outcome, or `replay` for a key already used. */
export type GroupOutcome = Settled<TrackResult> | { replay: true };

/**
 * The 402 of a metered feature: `requested` in the feature's units, `remaining` in the units of the grants
 * it spends — for a feature priced in a credit pool, with the pool and the cost.
 */
export function insufficient(rule: MeteredRule, requested: number, remaining: number): BillingError {
  const pooled = rule.spends.key !== rule.feature.key;
  return new BillingError(
    'insufficient_credits',
    `Not enough ${rule.spends.name.toLowerCase()} left${pooled ? ` for ${rule.feature.name.toLowerCase()}` : ''}`,
    {
      feature: rule.feature.key,
      requested,
      remaining,
      ...(pooled ? { pool: rule.spends.key, cost: rule.cost } : {}),
    },
  );
}

/** A usage event as `bk_track_metered` answers it: JSON, so its instants are strings. */
type EventJson = Omit<EventRow, 'resets_at' | 'recorded_at'> & {
  resets_at: string | null;
  recorded_at: string;
};

type TrackAnswer = { event: EventJson } | { replay: true } | { denied: number };

type GroupAnswer =
  | { status: 'ok'; tracks: TrackAnswer[]; top_up_pending: boolean }
  | { status: 'plan_changed' }
  | { status: 'missing'; features: string[] };

/** Each spent feature of a group, in the one order grants are locked, with its current periods. */
interface SpentFeature {
  key: string;
  unlimited: boolean;
  allowances: PeriodAllowance[];
}

function spentFeatures(accountPlan: AccountPlan, tracks: readonly MeteredTrack[], now: Date): SpentFeature[] {
  const features = new Map<string, SpentFeature>();
  for (const { rule } of tracks) {
    if (features.has(rule.spends.key)) continue;
    features.set(rule.spends.key, {
      key: rule.spends.key,
      unlimited: rule.unlimited,
      allowances: periodAllowances(accountPlan, rule.allowances, now),
    });
  }
  return [...features.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Records a group of metered tracks of one account (keys distinct) by one call of `bk_track_metered`
 * (migration 0015), each atomically and exactly once under its idempotency key: the grants of each spent
 * feature locked and read once, each track decided in order against what the ones before it left, one
 * ledger entry per grant drawn, overage queued for Stripe, an auto top-up crossing recorded. The tracks
 * share the call, not their fate: a denied track writes nothing and answers its own 402.
 *
 * `db` may be the database (the call is then a transaction of its own, one round trip) or the caller's
 * transaction. A period whose allowance grant is not open yet is opened (idempotently) and the call made
 * again. `planRows`: the rows `accountPlan` was built from when they were remembered rather than read; if
 * they are no longer the account's the call writes nothing and this throws `PlanChanged` (the caller runs
 * the group again under the rows read anew).
 */
export async function trackMeteredGroup(
  db: Executor,
  accountPlan: AccountPlan,
  tracks: readonly MeteredTrack[],
  now: Date,
  options: MeteredGroupOptions = {},
): Promise<GroupOutcome[]> {
  const { accountId } = accountPlan;
  const features = spentFeatures(accountPlan, tracks, now);
  const periods = features.flatMap((feature) => {
    const granted = grantedAllowances(feature.allowances);
    return feature.allowances.map((item) => ({
      feature: feature.key,
      key: item.periodKey,
      required: granted.includes(item),
    }));
  });
  const required = periods.filter((period) => period.required);
  const resetsAt = new Map(features.map((feature) => [feature.key, soonestReset(feature.allowances)]));
  const params = [
    accountId,
    now,
    options.lock ?? true,
    options.planRows?.text ?? null,
    options.releasedUnits ?? 0,
    features.map((feature) => feature.key),
    features.map((feature) => feature.unlimited),
    periods.map((period) => period.feature),
    periods.map((period) => period.key),
    required.map((period) => period.feature),
    required.map((period) => period.key),
    tracks.map(({ input }) => input.idempotencyKey),
    tracks.map(({ input }) => input.feature),
    tracks.map(({ rule }) => rule.spends.key),
    tracks.map(({ input }) => input.amount),
    // In units of the grants spent: a feature priced in a credit pool costs `cost` pool units a unit.
    tracks.map(({ input, rule }) => input.amount * rule.cost),
    tracks.map(({ rule }) => rule.unlimited),
    tracks.map(({ rule }) => resetsAt.get(rule.spends.key) ?? null),
    tracks.map(({ input }) => (input.metadata ? JSON.stringify(input.metadata) : null)),
    tracks.map(({ input }) => (input.occurredAt === undefined ? now : new Date(input.occurredAt))),
    tracks.map(({ rule }) => rule.overage?.per ?? null),
    tracks.map(({ rule }) => rule.overage?.price.amount ?? null),
    tracks.map(({ rule }) => rule.overage?.price.currency ?? null),
  ];
  for (let attempt = 1; ; attempt += 1) {
    const { rows } = await db.query<{ answer: GroupAnswer }>(
      `SELECT bk_track_metered($1, $2, $3, $4, $5, $6::text[], $7::boolean[], $8::text[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::bigint[], $17::boolean[],
         $18::timestamptz[], $19::text[], $20::timestamptz[], $21::bigint[], $22::bigint[], $23::text[]) AS answer`,
      params,
    );
    const answer = rows[0]?.answer;
    if (!answer) throw new Error('bk_track_metered answered nothing');
    if (answer.status === 'plan_changed') throw new PlanChanged();
    if (answer.status === 'missing') {
      if (attempt > 1)
        throw new Error(`The current allowance of ${answer.features.join(', ')} could not be opened`);
      for (const feature of features.filter((candidate) => answer.features.includes(candidate.key))) {
        await ensurePeriodGrants(db, accountPlan, feature.key, feature.allowances);
      }
      continue;
    }
    if (answer.top_up_pending && options.topUp) options.topUp.pending = true;
    return tracks.map((track, index): GroupOutcome => {
      const outcome = answer.tracks[index];
      if (!outcome) return { ok: false, error: new Error('A grouped track was left unanswered') };
      if ('replay' in outcome) return { replay: true };
      if ('denied' in outcome)
        return { ok: false, error: insufficient(track.rule, track.input.amount, outcome.denied) };
      const { event } = outcome;
      return {
        ok: true,
        value: toResult({
          ...event,
          resets_at: event.resets_at === null ? null : new Date(event.resets_at),
          recorded_at: new Date(event.recorded_at),
        }),
      };
    });
  }
}
