import type { TrackResult } from '@billing-kit/contracts';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import { type AccountPlan, type PlanRows, planRowsQuery } from './account-plan.js';
import { crossingOf, recordCrossings } from './auto-top-up-crossing.js';
import { type GrantRow, lockGrantsQuery, planDraws } from './grants.js';
import type { Settled } from './group-queue.js';
import { type MeteredBalance, type MeteredRule, meteredBalance } from './metered-balance.js';
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
  /** The plan rows the group was planned under, checked by its first statement (see plan-memory.ts). */
  planRows?: PlanRows;
  /** Called once the group holds its grants' locks. */
  locked?: () => void;
}

/** What one transaction decided for a group: each track's outcome, or `replay` for a key already used. */
export type GroupOutcome = Settled<TrackResult> | { replay: true };

interface Draw {
  grantId: number;
  source: string;
  units: number;
}

interface Decision {
  eventId: number;
  track: MeteredTrack;
  draws: Draw[];
  overageUnits: number;
  unlimited: boolean;
  remaining: number | null;
  resetsAt: Date | null;
}

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

/** What the grants have left less what holds keep, as spending in memory left them. */
const availableOf = (balance: MeteredBalance) =>
  Math.max(0, balance.grants.reduce((sum, grant) => sum + Number(grant.remaining), 0) - balance.held);

/** Spends from the in-memory copy of the locked grants, as the database will once the group is applied. */
function decide(eventId: number, track: MeteredTrack, balance: MeteredBalance): Decision | BillingError {
  const { rule, input } = track;
  // In units of the grants spent: a feature priced in a credit pool costs `cost` pool units a unit.
  const units = input.amount * rule.cost;
  // Held units stay in the grants (holds are virtual), so they are taken off what may be drawn: whichever
  // grants the draws below take from, the grants keep at least the held units between them.
  const available = availableOf(balance);
  const covered = balance.unlimited ? units : Math.min(units, available);
  const overageUnits = units - covered;
  if (overageUnits > 0 && !rule.overage) return insufficient(rule, input.amount, available);
  const draws = balance.unlimited ? [] : planDraws(balance.grants, covered);
  for (const draw of draws) {
    const grant = balance.grants.find((candidate) => candidate.id === draw.grantId) as GrantRow;
    grant.remaining = Number(grant.remaining) - draw.units;
  }
  return {
    eventId,
    track,
    draws,
    overageUnits,
    unlimited: balance.unlimited,
    remaining: balance.unlimited ? null : available - covered,
    resetsAt: balance.resetsAt,
  };
}

/** Builds a statement from parts, numbering parameters as they are added. */
function statement() {
  const params: unknown[] = [];
  return {
    params,
    param(value: unknown, type: string) {
      params.push(value);
      return `$${params.length}::${type}`;
    },
  };
}

/**
 * One statement applies a group's decisions: spend from each grant, a ledger entry per grant an event drew
 * from, overage queued for Stripe, denied events removed (a denial writes nothing), and each event's answer
 * stored on it for replays. Parts with nothing to do are left out: planning is most of a statement's cost
 * on PGlite. The CHECK (remaining >= 0) backs the locked arithmetic.
 */
async function apply(
  tx: Executor,
  accountId: string,
  at: Date,
  decisions: readonly Decision[],
  deniedEventIds: readonly number[],
): Promise<EventRow[]> {
  const { params, param } = statement();
  // Numbered on first use: PostgreSQL refuses a parameter the statement never mentions.
  let accountParam: string | undefined;
  let atParam: string | undefined;
  const account = () => {
    accountParam ??= param(accountId, 'text');
    return accountParam;
  };
  const when = () => {
    atParam ??= param(at, 'timestamptz');
    return atParam;
  };
  const ctes: string[] = [];
  const ledger = decisions.flatMap((decision) => decision.draws.map((draw) => ({ ...draw, decision })));
  if (ledger.length > 0) {
    // `g.id = ANY(…)` beside the join keeps the row lookups on the primary key: joined to an unnest alone,
    // a generic (prepared) plan may scan the whole table, and these tables only grow.
    const grantIds = param(
      ledger.map((entry) => entry.grantId),
      'bigint[]',
    );
    ctes.push(
      `spent AS (
         UPDATE credit_grants g SET remaining = g.remaining - d.units
         FROM (SELECT grant_id, sum(units) AS units
               FROM unnest(${grantIds}, ${param(
                 ledger.map((entry) => entry.units),
                 'bigint[]',
               )}) AS x(grant_id, units) GROUP BY grant_id) AS d
         WHERE g.id = ANY(${grantIds}) AND g.id = d.grant_id RETURNING g.id
       )`,
      `ledger AS (
         INSERT INTO ledger_entries (account_id, feature_key, type, amount, source, grant_id, usage_event_id, description, reference, at)
         SELECT ${account()}, l.feature, 'usage', -l.units, l.source, l.grant_id, l.event_id, 'Usage', l.reference, ${when()}
         FROM unnest(${param(
           ledger.map((entry) => entry.decision.track.rule.spends.key),
           'text[]',
         )}, ${param(
           ledger.map((entry) => entry.units),
           'bigint[]',
         )}, ${param(
           ledger.map((entry) => entry.source),
           'text[]',
         )}, ${param(
           ledger.map((entry) => entry.grantId),
           'bigint[]',
         )}, ${param(
           ledger.map((entry) => entry.decision.eventId),
           'bigint[]',
         )}, ${param(
           ledger.map((entry) => entry.decision.track.input.idempotencyKey),
           'text[]',
         )}) AS l(feature, units, source, grant_id, event_id, reference)
       )`,
    );
  }
  const overage = decisions.filter((decision) => decision.overageUnits > 0);
  if (overage.length > 0) {
    const rules = overage.map((decision) => decision.track.rule.overage);
    ctes.push(
      `outbox AS (
         INSERT INTO usage_outbox (usage_event_id, account_id, feature_key, units, per, amount, currency, occurred_at)
         SELECT o.event_id, ${account()}, o.feature, o.units, o.per, o.amount, o.currency, ${when()}
         FROM unnest(${param(
           overage.map((decision) => decision.eventId),
           'bigint[]',
         )}, ${param(
           overage.map((decision) => decision.track.rule.spends.key),
           'text[]',
         )}, ${param(
           overage.map((decision) => decision.overageUnits),
           'bigint[]',
         )}, ${param(
           rules.map((rule) => rule?.per ?? 1),
           'bigint[]',
         )}, ${param(
           overage.map((decision, index) => {
             const rule = rules[index];
             return rule ? Math.ceil((decision.overageUnits * rule.price.amount) / rule.per) : 0;
           }),
           'bigint[]',
         )}, ${param(
           rules.map((rule) => rule?.price.currency ?? 'USD'),
           'text[]',
         )}) AS o(event_id, feature, units, per, amount, currency)
       )`,
    );
  }
  if (deniedEventIds.length > 0) {
    ctes.push(`denied AS (DELETE FROM usage_events WHERE id = ANY(${param(deniedEventIds, 'bigint[]')}))`);
  }
  if (decisions.length === 0) {
    if (ctes.length > 0) await tx.query(`WITH ${ctes.join(', ')} SELECT 1`, params);
    return [];
  }
  const eventIds = param(
    decisions.map((decision) => decision.eventId),
    'bigint[]',
  );
  const { rows } = await tx.query<EventRow>(
    `${ctes.length > 0 ? `WITH ${ctes.join(', ')}` : ''}
     UPDATE usage_events e SET overage_units = a.overage_units, unlimited = a.unlimited, remaining = a.remaining,
       resets_at = a.resets_at
     FROM unnest(${eventIds}, ${param(
       decisions.map((decision) => decision.overageUnits),
       'bigint[]',
     )}, ${param(
       decisions.map((decision) => decision.unlimited),
       'boolean[]',
     )}, ${param(
       decisions.map((decision) => decision.remaining),
       'bigint[]',
     )}, ${param(
       decisions.map((decision) => decision.resetsAt),
       'timestamptz[]',
     )}) AS a(id, overage_units, unlimited, remaining, resets_at)
     WHERE e.id = ANY(${eventIds}) AND e.id = a.id RETURNING e.*`,
    params,
  );
  return rows;
}

/**
 * Records a group of metered tracks of one account in the caller's transaction: every event inserted under
 * its idempotency key in one statement (a key already used is a replay), the grants of each feature locked
 * and read once, spending decided in order in memory, and everything written by one more statement. The
 * tracks share the transaction, not their fate: a denied track is removed and answers its own 402.
 * Keys must be distinct within the group. `planRows`: the rows `accountPlan` was built from when they were
 * remembered rather than read for this group; the insert reads them again, and if they changed it throws
 * `PlanChanged` (the caller rolls back and runs the group under the new rows). `locked` is called once the
 * grants are locked: from then on a later group's transaction waits for this one (see `StartNext`).
 */
export async function trackMeteredGroup(
  tx: Executor,
  accountPlan: AccountPlan,
  tracks: readonly MeteredTrack[],
  now: Date,
  options: MeteredGroupOptions = {},
): Promise<GroupOutcome[]> {
  const { accountId } = accountPlan;
  // Lock each feature's grants in one fixed order (two groups never wait on each other in a cycle), here
  // rather than in the read below so that read sees every hold committed before (see `lockGrantsQuery`)
  // without a statement of its own: the count makes the statement take every lock before it inserts.
  // Grants are the spent feature's: tracks of a pool and of features priced in it lock and read it once.
  const features = [...new Set(tracks.map((track) => track.rule.spends.key))].sort();
  const { rows: inserted } = await tx.query<{ id: number; idempotency_key: string; plan_current?: boolean }>(
    `WITH locked AS (${lockGrantsQuery('$1', '$8::text[]', '$2::timestamptz')})
     INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, metadata, occurred_at, recorded_at)
     SELECT $1, e.idempotency_key, e.feature_key, e.amount, e.metadata::jsonb, e.occurred_at, $2
     FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::timestamptz[])
       AS e(idempotency_key, feature_key, amount, metadata, occurred_at)
     WHERE (SELECT count(*) FROM locked) >= 0
     ON CONFLICT (account_id, idempotency_key) DO NOTHING
     RETURNING id, idempotency_key${options.planRows ? `, ${planRowsQuery('$1')}::text = $9 AS plan_current` : ''}`,
    [
      accountId,
      now,
      tracks.map((track) => track.input.idempotencyKey),
      tracks.map((track) => track.input.feature),
      tracks.map((track) => track.input.amount),
      tracks.map((track) => (track.input.metadata ? JSON.stringify(track.input.metadata) : null)),
      tracks.map((track) => (track.input.occurredAt === undefined ? now : new Date(track.input.occurredAt))),
      features,
      ...(options.planRows ? [options.planRows.text] : []),
    ],
  );
  // Nothing inserted, nothing decided: replays answer what they answered, whatever the plan is now.
  if (options.planRows && inserted.length > 0 && inserted[0]?.plan_current !== true) throw new PlanChanged();
  options.locked?.();
  const eventIds = new Map(inserted.map((row) => [row.idempotency_key, Number(row.id)]));
  const balances = new Map<string, MeteredBalance>();
  for (const feature of features) {
    const track = tracks.find((candidate) => candidate.rule.spends.key === feature) as MeteredTrack;
    balances.set(feature, await meteredBalance(tx, accountPlan, track.rule, now, { lockTaken: true }));
  }
  const outcomes: (GroupOutcome | Decision)[] = [];
  const decisions: Decision[] = [];
  const denied: number[] = [];
  for (const track of tracks) {
    const eventId = eventIds.get(track.input.idempotencyKey);
    if (eventId === undefined) {
      outcomes.push({ replay: true });
      continue;
    }
    const decision = decide(eventId, track, balances.get(track.rule.spends.key) as MeteredBalance);
    if (decision instanceof BillingError) {
      denied.push(eventId);
      outcomes.push({ ok: false, error: decision });
    } else {
      decisions.push(decision);
      outcomes.push(decision);
    }
  }
  const rows = await apply(tx, accountId, now, decisions, denied);
  const crossings = [...balances].flatMap(([feature, balance]) => {
    if (balance.unlimited) return [];
    const before = Math.max(0, balance.remaining - (options.releasedUnits ?? 0));
    const crossing = crossingOf(feature, balance.topUpThreshold, before, availableOf(balance));
    return crossing ? [crossing] : [];
  });
  if (await recordCrossings(tx, accountId, crossings, now)) {
    if (options.topUp) options.topUp.pending = true;
  }
  const answers = new Map(rows.map((row) => [Number(row.id), toResult(row)]));
  return outcomes.map((outcome) => {
    if (!('eventId' in outcome)) return outcome;
    const answer = answers.get(outcome.eventId);
    return answer ? { ok: true, value: answer } : { ok: false, error: new Error('A usage event vanished') };
  });
}
