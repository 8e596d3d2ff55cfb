import type {
  AutoTopUp,
  AutoTopUpAttempt,
  AutoTopUpAttemptStatus,
  AutoTopUps,
  Catalog,
  CreditPack,
  Money,
} from '@billing-kit/contracts';
import { BillingError, notConfigured } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import { type AuditActor, recordAudit } from '../domain/audit/audit-log.js';
import { liveSubscriptionRow } from '../domain/subscriptions/subscription-view.js';
import { type AccountPlan, featureRule, loadAccountPlan } from './account-plan.js';
import { packPrice, savedCard } from './auto-top-up-charge.js';
import { monthStart, recordCrossings } from './auto-top-up-crossing.js';
import type { EngineContext } from './engine-context.js';
import { type MeteredRule, meteredBalance } from './metered-balance.js';
import { transactionWithRetry } from './transaction-retry.js';

export interface AutoTopUpInput {
  enabled: boolean;
  packId: string;
  quantity?: number | undefined;
  threshold: number;
  maxPerMonth: number;
}

interface SettingRow {
  feature_key: string;
  enabled: boolean;
  credit_pack_id: string;
  quantity: number;
  threshold: number | string;
  max_per_month: number;
  currency: string;
  disabled_reason: string | null;
  updated_at: Date;
  used_this_month: number | string;
}

interface AttemptRow {
  id: number | string;
  feature_key: string;
  credit_pack_id: string;
  quantity: number;
  status: AutoTopUpAttemptStatus;
  currency: string;
  balance_before: number | string;
  balance_after: number | string;
  created_at: Date;
  settled_at: Date | null;
  failure_code: string | null;
  failure_message: string | null;
  amount: number | string | null;
}

const SETTING = `s.feature_key, s.enabled, s.credit_pack_id, s.quantity, s.threshold, s.max_per_month, s.currency,
  s.disabled_reason, s.updated_at,
  (SELECT count(*) FROM auto_top_ups t WHERE t.account_id = s.account_id AND t.feature_key = s.feature_key
     AND t.status IN ('pending', 'paid') AND t.created_at >= $2) AS used_this_month
  FROM auto_top_up_settings s`;

/** A pack's price for `quantity` packs in `currency`; zero when the catalog no longer sells it there. */
const priceOf = (pack: CreditPack | undefined, currency: string, quantity: number): Money =>
  packPrice(pack, currency, quantity) ?? { amount: 0, currency };

function toAutoTopUp(catalog: Catalog, row: SettingRow): AutoTopUp {
  const pack = catalog.creditPacks.find((candidate) => candidate.id === row.credit_pack_id);
  return {
    feature: row.feature_key,
    enabled: row.enabled,
    packId: row.credit_pack_id,
    quantity: row.quantity,
    threshold: Number(row.threshold),
    maxPerMonth: row.max_per_month,
    price: priceOf(pack, row.currency, row.quantity),
    units: (pack?.units ?? 0) * row.quantity,
    usedThisMonth: Number(row.used_this_month),
    disabledReason: row.disabled_reason,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toAttempt(catalog: Catalog, row: AttemptRow): AutoTopUpAttempt {
  const pack = catalog.creditPacks.find((candidate) => candidate.id === row.credit_pack_id);
  return {
    id: String(row.id),
    feature: row.feature_key,
    packId: row.credit_pack_id,
    quantity: row.quantity,
    status: row.status,
    // What was charged once there is a purchase; until then, what the pack costs today.
    price:
      row.amount === null
        ? priceOf(pack, row.currency, row.quantity)
        : { amount: Number(row.amount), currency: row.currency },
    balanceBefore: Number(row.balance_before),
    balanceAfter: Number(row.balance_after),
    createdAt: row.created_at.toISOString(),
    settledAt: row.settled_at?.toISOString() ?? null,
    failure:
      row.failure_code === null ? null : { code: row.failure_code, message: row.failure_message ?? '' },
  };
}

async function settingRow(db: Executor, accountId: string, feature: string, at: Date) {
  const { rows } = await db.query<SettingRow>(
    `SELECT ${SETTING} WHERE s.account_id = $1 AND s.feature_key = $3`,
    [accountId, monthStart(at), feature],
  );
  return rows[0];
}

/** The account's auto top-up settings, by feature, and its 20 most recent attempts. */
export async function autoTopUps(context: EngineContext, accountId: string): Promise<AutoTopUps> {
  const catalog = await context.catalog();
  const { rows: settings } = await context.db.query<SettingRow>(
    `SELECT ${SETTING} WHERE s.account_id = $1 ORDER BY s.feature_key`,
    [accountId, monthStart(context.now())],
  );
  const { rows: attempts } = await context.db.query<AttemptRow>(
    `SELECT t.id, t.feature_key, t.credit_pack_id, t.quantity, t.status, t.currency, t.balance_before,
       t.balance_after, t.created_at, t.settled_at, t.failure_code, t.failure_message, p.amount
     FROM auto_top_ups t LEFT JOIN purchases p ON p.id = t.purchase_id
     WHERE t.account_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT 20`,
    [accountId],
  );
  return {
    accountId,
    data: settings.map((row) => toAutoTopUp(catalog, row)),
    attempts: attempts.map((row) => toAttempt(catalog, row)),
  };
}

const invalid = (field: string, message: string) =>
  new BillingError('validation_failed', message, { issues: [{ field, message }] });

/** The feature a pack can top up: a metered feature that spends its own grants (a pool, or a plain one). */
function topUpRule(catalog: Catalog, accountPlan: AccountPlan, feature: string): MeteredRule {
  const rule = featureRule(catalog, accountPlan, feature);
  if (!rule) throw invalid('params.feature', `Unknown feature "${feature}"`);
  if (rule.kind !== 'metered') throw invalid('params.feature', `"${feature}" is not a metered feature`);
  if (rule.spends.key !== rule.feature.key) {
    throw invalid('params.feature', `"${feature}" is paid in "${rule.spends.key}"; top that up instead`);
  }
  return rule;
}

/** The currency the account pays in: its subscription's, else the pack's first price. */
async function accountCurrency(db: Executor, accountId: string, pack: CreditPack): Promise<string> {
  const { rows } = await db.query<{ currency: string | null }>(
    `SELECT currency FROM subscriptions WHERE account_id = $1 AND currency IS NOT NULL
     ORDER BY stripe_created_at DESC LIMIT 1`,
    [accountId],
  );
  const currency = rows[0]?.currency?.toUpperCase();
  return currency && pack.prices.some((money) => money.currency === currency)
    ? currency
    : (pack.prices[0]?.currency ?? 'USD');
}

/** Refuses to turn auto top-up on for an account Stripe holds no card for. */
async function assertSavedCard(context: EngineContext, accountPlan: AccountPlan): Promise<void> {
  if (!context.stripe?.configured) throw notConfigured(['STRIPE_SECRET_KEY']);
  const customerId = accountPlan.stripeCustomerId;
  const subscription = await liveSubscriptionRow(context.db, accountPlan.accountId);
  const card = customerId
    ? await context.stripe.call((stripe) => savedCard(stripe, customerId, subscription?.id ?? null))
    : null;
  if (!card) {
    throw new BillingError(
      'conflict',
      'Add a card first: auto top-up charges the card saved with your subscription or purchases',
    );
  }
}

/**
 * Sets an account's auto top-up of a feature (upsert, audited). Turning it on — or back on after a failure
 * turned it off — when the balance is already below the threshold buys at once, as a crossing would: the
 * account asked for credits not to run low. Answers the setting and whether a top-up is now pending.
 */
export async function setAutoTopUp(
  context: EngineContext,
  accountId: string,
  feature: string,
  input: AutoTopUpInput,
  actor: AuditActor,
  requestId?: string,
): Promise<{ setting: AutoTopUp; pending: boolean }> {
  const catalog = await context.catalog();
  const accountPlan = await loadAccountPlan(context.db, catalog, accountId);
  const rule = topUpRule(catalog, accountPlan, feature);
  const pack = catalog.creditPacks.find((candidate) => candidate.id === input.packId);
  if (!pack) throw invalid('body.packId', `Unknown credit pack "${input.packId}"`);
  if (pack.feature !== feature) {
    throw invalid('body.packId', `${pack.name} adds ${pack.feature}, not ${feature}`);
  }
  const quantity = input.quantity ?? 1;
  const currency = await accountCurrency(context.db, accountId, pack);
  if (input.enabled) await assertSavedCard(context, accountPlan);
  const now = context.now();
  return transactionWithRetry(context.db, async (tx) => {
    const before = await settingRow(tx, accountId, feature, now);
    await tx.query(
      `INSERT INTO auto_top_up_settings (account_id, feature_key, enabled, credit_pack_id, quantity, threshold,
         max_per_month, currency, disabled_reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)
       ON CONFLICT (account_id, feature_key) DO UPDATE SET enabled = $3, credit_pack_id = $4, quantity = $5,
         threshold = $6, max_per_month = $7, currency = $8,
         disabled_reason = CASE WHEN $3 THEN NULL ELSE auto_top_up_settings.disabled_reason END, updated_at = $9`,
      [
        accountId,
        feature,
        input.enabled,
        pack.id,
        quantity,
        input.threshold,
        input.maxPerMonth,
        currency,
        now,
      ],
    );
    let pending = false;
    if (input.enabled && !before?.enabled) {
      // Locked as spending locks it, so no track crosses the threshold between this read and the attempt.
      const balance = await meteredBalance(tx, accountPlan, rule, now, { lock: true });
      if (!balance.unlimited && balance.remaining < input.threshold) {
        const crossing = { feature, before: balance.remaining, after: balance.remaining };
        pending = await recordCrossings(tx, accountId, [crossing], now);
      }
    }
    const after = (await settingRow(tx, accountId, feature, now)) as SettingRow;
    await recordAudit(tx, {
      accountId,
      actor,
      action: 'auto_top_up.updated',
      subjectType: 'auto_top_up_setting',
      subjectId: feature,
      before: before ? toAutoTopUp(catalog, before) : null,
      after: toAutoTopUp(catalog, after),
      requestId,
      at: now,
    });
    return { setting: toAutoTopUp(catalog, after), pending };
  });
}
