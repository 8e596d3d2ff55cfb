import type {
  Catalog,
  Reservation,
  ReservationList,
  ReservationResult,
  ReservationStatus,
} from '@billing-kit/contracts';
import { BillingError, notFound } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import { type AccountPlan, featureRule, loadAccountPlan } from './account-plan.js';
import { crossingOf, recordCrossings } from './auto-top-up-crossing.js';
import type { EngineContext } from './engine-context.js';
import { type MeteredBalance, type MeteredRule, meteredBalance } from './metered-balance.js';
import { insufficient, type TopUpSignal, trackMeteredGroup } from './metered-group.js';
import { transactionWithRetry } from './transaction-retry.js';

export interface ReserveInput {
  feature: string;
  amount: number;
  /** How long the hold lasts unless settled (default 15 minutes, at most a day). */
  ttlSeconds?: number | undefined;
  /** The same key again answers the same reservation; without one a retry holds again. */
  idempotencyKey?: string | undefined;
}

export interface ConfirmReservationInput {
  /** What the job really used: less than held gives the rest back, more draws the difference. */
  amount: number;
}

const DEFAULT_HOLD_SECONDS = 900;
const MAX_HOLD_SECONDS = 86_400;

/** A hold as stored, with what its confirmation recorded (`used`, from its usage event). */
interface HoldRow {
  id: number | string;
  /** The feature whose grants the hold keeps: the pool, for a feature priced in one. */
  feature_key: string;
  /** In units of `feature_key`. */
  amount: number | string;
  /** The feature priced in the pool the hold was made for (null: a hold of `feature_key` itself). */
  priced_feature_key: string | null;
  cost: number | string;
  status: ReservationStatus;
  idempotency_key: string | null;
  created_at: Date;
  expires_at: Date;
  settled_at: Date | null;
  usage_event_id: number | string | null;
  used: number | string | null;
}

const HOLD = `h.id, h.feature_key, h.amount, h.priced_feature_key, h.cost, h.status, h.idempotency_key, h.created_at, h.expires_at,
  h.settled_at, h.usage_event_id, e.amount AS used
  FROM credit_holds h LEFT JOIN usage_events e ON e.id = h.usage_event_id`;

/** The feature a hold was made for (a hold of a feature priced in a pool is stored as the pool's). */
const heldFeature = (row: HoldRow) => row.priced_feature_key ?? row.feature_key;

/** A hold still 'held' past its expiry holds nothing: it shows as expired before any sweeper marks it. */
function toReservation(row: HoldRow, now: Date): Reservation {
  return {
    id: String(row.id),
    feature: heldFeature(row),
    amount: Number(row.amount) / Number(row.cost),
    status: row.status === 'held' && row.expires_at <= now ? 'expired' : row.status,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    settledAt: row.settled_at?.toISOString() ?? null,
    confirmedAmount: row.status === 'confirmed' ? Number(row.used ?? 0) : null,
  };
}

const result = (row: HoldRow, now: Date, balance: MeteredBalance | null): ReservationResult => ({
  ...toReservation(row, now),
  remaining: balance === null || balance.unlimited ? null : balance.remaining,
});

const invalid = (field: string, message: string) =>
  new BillingError('validation_failed', `${field.replace('body.', '')} ${message}`, {
    issues: [{ field, message }],
  });

/** The rule a reservation holds against: only metered features hold units. */
function reservableRule(catalog: Catalog, accountPlan: AccountPlan, feature: string): MeteredRule {
  const rule = featureRule(catalog, accountPlan, feature);
  if (!rule) throw invalid('body.feature', `"${feature}" is not a known feature`);
  if (rule.kind !== 'metered') {
    throw invalid('body.feature', `"${feature}" is not metered; only metered features can be reserved`);
  }
  return rule;
}

/** The hold's own rule now (the plan may have changed since it was made); null if no longer metered. */
function heldRule(catalog: Catalog, accountPlan: AccountPlan, row: HoldRow): MeteredRule | null {
  const rule = featureRule(catalog, accountPlan, heldFeature(row));
  return rule?.kind === 'metered' ? rule : null;
}

async function holdByKey(tx: Executor, accountId: string, key: string): Promise<HoldRow | undefined> {
  const { rows } = await tx.query<HoldRow>(
    `SELECT ${HOLD} WHERE h.account_id = $1 AND h.idempotency_key = $2`,
    [accountId, key],
  );
  return rows[0];
}

/** The account's hold, locked for the caller's transaction: its status cannot change until it ends. */
async function lockedHold(tx: Executor, accountId: string, reservationId: string): Promise<HoldRow> {
  if (!/^[1-9][0-9]{0,17}$/.test(reservationId)) throw notFound('Reservation');
  const { rows } = await tx.query<HoldRow>(
    `SELECT ${HOLD} WHERE h.id = $1 AND h.account_id = $2 FOR UPDATE OF h`,
    [reservationId, accountId],
  );
  const row = rows[0];
  if (!row) throw notFound('Reservation');
  return row;
}

/**
 * Holds `amount` units of a metered feature for `ttlSeconds`: from now on they count as spent for check,
 * track and other reservations, until confirmed, released or expired. The feature's grants are locked (the
 * lock track takes), so concurrent reservations and tracks are decided one after another against the
 * balance each leaves. Past the balance: `402 insufficient_credits` and nothing written — unless the plan
 * bills overage, where track would be allowed too. An unlimited feature records the hold and limits nothing.
 */
export async function reserve(
  context: EngineContext,
  accountId: string,
  input: ReserveInput,
): Promise<ReservationResult> {
  const ttlSeconds = input.ttlSeconds ?? DEFAULT_HOLD_SECONDS;
  if (!Number.isInteger(input.amount) || input.amount <= 0) {
    throw invalid('body.amount', 'must be a positive whole number');
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_HOLD_SECONDS) {
    throw invalid('body.ttlSeconds', `must be a whole number of seconds from 1 to ${MAX_HOLD_SECONDS}`);
  }
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const rule = reservableRule(catalog, accountPlan, input.feature);
  const now = context.now();
  const key = input.idempotencyKey ?? null;
  const same = (row: HoldRow, balance: MeteredBalance) => {
    const heldFor = (row.expires_at.getTime() - row.created_at.getTime()) / 1000;
    if (
      heldFeature(row) !== rule.feature.key ||
      Number(row.amount) / Number(row.cost) !== input.amount ||
      heldFor !== ttlSeconds
    ) {
      throw new BillingError('conflict', 'This idempotency key was already used for another reservation', {
        idempotencyKey: key,
      });
    }
    return result(row, now, balance);
  };
  const topUp: TopUpSignal = { pending: false };
  const reserved = await transactionWithRetry(context.db, async (tx) => {
    const balance = await meteredBalance(tx, accountPlan, rule, now, { lock: true });
    // A retried key answers its reservation (with the balance as it is now), even when nothing is left.
    const existing = key === null ? undefined : await holdByKey(tx, accountId, key);
    if (existing) return same(existing, balance);
    // Held in units of the grants spent: a feature priced in a credit pool holds `cost` pool units a unit.
    const units = input.amount * rule.cost;
    if (!balance.unlimited && !rule.overage && balance.remaining < units) {
      throw insufficient(rule, input.amount, balance.remaining);
    }
    const pooled = rule.spends.key !== rule.feature.key;
    const { rows } = await tx.query<HoldRow>(
      `INSERT INTO credit_holds (account_id, feature_key, amount, idempotency_key, created_at, expires_at,
         priced_feature_key, cost)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (account_id, idempotency_key) DO NOTHING
       RETURNING id, feature_key, amount, priced_feature_key, cost, status, idempotency_key, created_at,
         expires_at, settled_at, usage_event_id, NULL::bigint AS used`,
      [
        accountId,
        rule.spends.key,
        units,
        key,
        now,
        new Date(now.getTime() + ttlSeconds * 1000),
        pooled ? rule.feature.key : null,
        rule.cost,
      ],
    );
    const inserted = rows[0];
    // Only a feature without grants to lock lets two calls with one key get this far together.
    if (!inserted) return same((await holdByKey(tx, accountId, key as string)) as HoldRow, balance);
    const after = { ...balance, remaining: Math.max(0, balance.remaining - units) };
    if (!balance.unlimited) {
      const crossing = crossingOf(
        rule.spends.key,
        balance.topUpThreshold,
        balance.remaining,
        after.remaining,
      );
      if (crossing && (await recordCrossings(tx, accountId, [crossing], now))) topUp.pending = true;
    }
    return result(inserted, now, after);
  });
  if (topUp.pending) context.onTopUpPending?.(accountId);
  return reserved;
}

/**
 * Settles a hold with what the job really used, recorded as usage exactly as `track` records it (usage
 * event keyed `reservation:<id>`, ledger entries, overage for Stripe) with the hold's units available to
 * it: less than held gives the rest back, more draws the difference if it is there — past it, `402` and
 * nothing changes (the hold stays held). Confirming again with the same amount answers the same; an
 * expired hold is `409` (its units were already returned), as is a released one.
 */
export async function confirmReservation(
  context: EngineContext,
  accountId: string,
  reservationId: string,
  input: ConfirmReservationInput,
): Promise<ReservationResult> {
  if (!Number.isInteger(input.amount) || input.amount < 0) {
    throw invalid('body.amount', 'must be a whole number, 0 or more');
  }
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const now = context.now();
  const topUp: TopUpSignal = { pending: false };
  const settled = await transactionWithRetry(context.db, async (tx) => {
    // The hold first, then (in trackMeteredGroup) the grants: nothing takes them in the other order.
    const hold = await lockedHold(tx, accountId, reservationId);
    const rule = heldRule(catalog, accountPlan, hold);
    if (hold.status === 'confirmed') {
      if (Number(hold.used ?? 0) !== input.amount) {
        throw new BillingError('conflict', 'The reservation was already confirmed with another amount', {
          confirmedAmount: Number(hold.used ?? 0),
        });
      }
      return result(hold, now, rule && (await meteredBalance(tx, accountPlan, rule, now)));
    }
    if (hold.status === 'released') throw new BillingError('conflict', 'The reservation was released');
    if (hold.status === 'expired' || hold.expires_at <= now) {
      throw new BillingError('conflict', 'The reservation expired; its credits were returned');
    }
    if (!rule) {
      throw new BillingError('conflict', `"${heldFeature(hold)}" is no longer a metered feature of the plan`);
    }
    // Settled before spending, in this transaction: the held sum the spending reads no longer counts this
    // hold, so its units are available to it. A denial throws and rolls this back with everything else.
    await tx.query(`UPDATE credit_holds SET status = 'confirmed', settled_at = $2 WHERE id = $1`, [
      hold.id,
      now,
    ]);
    const confirmed: HoldRow = { ...hold, status: 'confirmed', settled_at: now, used: input.amount };
    if (input.amount === 0) return result(confirmed, now, await meteredBalance(tx, accountPlan, rule, now));
    const idempotencyKey = `reservation:${hold.id}`;
    const [outcome] = await trackMeteredGroup(
      tx,
      accountPlan,
      [{ input: { feature: heldFeature(hold), amount: input.amount, idempotencyKey }, rule }],
      now,
      { releasedUnits: Number(hold.amount), topUp },
    );
    if (!outcome || 'replay' in outcome) {
      throw new BillingError('conflict', `The usage key ${idempotencyKey} was already used by a track`);
    }
    if (!outcome.ok) throw outcome.error;
    await tx.query('UPDATE credit_holds SET usage_event_id = $2 WHERE id = $1', [hold.id, outcome.value.id]);
    return { ...toReservation(confirmed, now), remaining: outcome.value.remaining };
  });
  if (topUp.pending) context.onTopUpPending?.(accountId);
  return settled;
}

/** Gives a hold's units back unused. Releasing again (or an expired hold) changes nothing; a confirmed one is 409. */
export async function releaseReservation(
  context: EngineContext,
  accountId: string,
  reservationId: string,
): Promise<ReservationResult> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const now = context.now();
  return transactionWithRetry(context.db, async (tx) => {
    let hold = await lockedHold(tx, accountId, reservationId);
    if (hold.status === 'confirmed') {
      throw new BillingError('conflict', 'The reservation was confirmed; its usage is recorded');
    }
    if (hold.status === 'held' && hold.expires_at > now) {
      await tx.query(`UPDATE credit_holds SET status = 'released', settled_at = $2 WHERE id = $1`, [
        hold.id,
        now,
      ]);
      hold = { ...hold, status: 'released', settled_at: now };
    }
    const rule = heldRule(catalog, accountPlan, hold);
    return result(hold, now, rule && (await meteredBalance(tx, accountPlan, rule, now)));
  });
}

/** The account's live holds (held and not expired), the oldest first. */
export async function reservations(context: EngineContext, accountId: string): Promise<ReservationList> {
  const now = context.now();
  const { rows } = await context.db.query<HoldRow>(
    `SELECT ${HOLD} WHERE h.account_id = $1 AND h.status = 'held' AND h.expires_at > $2
     ORDER BY h.created_at, h.id`,
    [accountId, now],
  );
  return { data: rows.map((row) => toReservation(row, now)) };
}

/**
 * Marks holds past their expiry 'expired' and answers their ids. Bookkeeping only: an expired hold already
 * counted for nothing, so no balance moves. Safe to run anywhere, late, or on several replicas at once —
 * the row locks of the update let each hold be marked by one sweeper.
 */
export async function sweepExpiredHolds(context: EngineContext, at = context.now()): Promise<string[]> {
  const { rows } = await context.db.query<{ id: number | string }>(
    `UPDATE credit_holds SET status = 'expired', settled_at = $1
     WHERE status = 'held' AND expires_at <= $1 RETURNING id`,
    [at],
  );
  return rows.map((row) => String(row.id));
}
