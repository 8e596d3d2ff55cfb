import type {
  AutoTopUp,
  AutoTopUps,
  BillUsageResult,
  CheckResult,
  Credits,
  Entitlements,
  LedgerEntry,
  Metrics,
  Page,
  ReservationList,
  ReservationResult,
  TrackBatchResult,
  TrackResult,
  UsageSummary,
} from '@billing-kit/contracts';
import type { AuditActor } from '../domain/audit/audit-log.js';
import { credits, entitlements } from './account-views.js';
import { type AdminGrantInput, adminGrant } from './admin-grant.js';
import { type ChargeOptions, type ChargeOutcome, chargeAutoTopUps } from './auto-top-up-charge.js';
import { type AutoTopUpInput, autoTopUps, setAutoTopUp } from './auto-top-up-settings.js';
import { createBackgroundTask } from './background-task.js';
import { type CheckInput, checkGroup } from './check.js';
import type { EngineContext } from './engine-context.js';
import { createGroupQueue } from './group-queue.js';
import { ledgerPage } from './ledger-page.js';
import { type MetricsInput, metrics } from './metrics.js';
import { createPlanMemory } from './plan-memory.js';
import {
  type ConfirmReservationInput,
  confirmReservation,
  type ReserveInput,
  releaseReservation,
  reservations,
  reserve,
  sweepExpiredHolds,
} from './reservations.js';
import { openCurrentPeriods } from './reset-job.js';
import { type TrackInput, trackGroup } from './track.js';
import { trackBatch } from './track-batch.js';
import { type BillUsageInput, billUsage, type ReportUsageOptions, reportUsage } from './usage-reporter.js';
import { type UsageSummaryInput, usageSummary } from './usage-summary.js';

/** The credits, quotas and usage engine: plain functions over a database, the catalog and a clock. */
export interface BillingEngine {
  check(accountId: string, input: CheckInput): Promise<CheckResult>;
  track(accountId: string, input: TrackInput): Promise<TrackResult>;
  trackBatch(accountId: string, events: readonly TrackInput[]): Promise<TrackBatchResult>;
  /** Holds units of a metered feature for a long job; they count as spent until settled or expired. */
  reserve(accountId: string, input: ReserveInput): Promise<ReservationResult>;
  /** Records what the job really used as usage and settles the hold. */
  confirmReservation(
    accountId: string,
    reservationId: string,
    input: ConfirmReservationInput,
  ): Promise<ReservationResult>;
  /** Gives a hold's units back unused. */
  releaseReservation(accountId: string, reservationId: string): Promise<ReservationResult>;
  /** The account's live holds. */
  reservations(accountId: string): Promise<ReservationList>;
  /** Marks expired holds as such (bookkeeping: an expired hold already holds nothing); answers their ids. */
  sweepExpiredHolds(at?: Date): Promise<string[]>;
  grant(
    accountId: string,
    input: AdminGrantInput,
    actor: AuditActor,
    requestId?: string,
  ): Promise<LedgerEntry>;
  entitlements(accountId: string): Promise<Entitlements>;
  credits(accountId: string): Promise<Credits>;
  usage(accountId: string, input: UsageSummaryInput): Promise<UsageSummary>;
  ledger(
    accountId: string,
    query: { cursor?: string | undefined; limit: number; feature?: string | undefined },
  ): Promise<Page<LedgerEntry>>;
  /** The scheduled "reset": opens current periods; safe to run late, twice, or never. */
  openCurrentPeriods(accountIds?: readonly string[]): Promise<number>;
  /** Sends pending overage to Stripe as meter events, each once. */
  reportUsage(options?: ReportUsageOptions): Promise<{ reported: number; failed: number }>;
  billUsage(input: BillUsageInput): Promise<BillUsageResult>;
  metrics(input: MetricsInput): Promise<Metrics>;
  /** The account's auto top-up settings by feature and its recent attempts. */
  autoTopUps(accountId: string): Promise<AutoTopUps>;
  /** Opts the account in to (or out of) buying a pack when a feature's balance falls below a threshold. */
  setAutoTopUp(
    accountId: string,
    feature: string,
    input: AutoTopUpInput,
    actor: AuditActor,
    requestId?: string,
  ): Promise<AutoTopUp>;
  /**
   * Charges pending auto top-ups now. The engine also does it by itself right after a spend records one
   * (when Stripe is configured); this is for schedules and operators, and finds what a crash left pending.
   */
  chargeAutoTopUps(options?: ChargeOptions): Promise<ChargeOutcome>;
  /** Resolves once the work the engine started after answering (charging auto top-ups) is done. */
  idle(): Promise<void>;
}

/**
 * Concurrent checks of one account's feature share one read, and concurrent tracks of one account share
 * one call of the track function (group commit): under load the database does a statement per group, not
 * per call.
 */
export function createBillingEngine(host: EngineContext): BillingEngine {
  // Auto top-ups recorded by a spend are charged right after it commits, in the background.
  const topUps = createBackgroundTask(
    () => chargeAutoTopUps(context),
    (error) => host.onBackgroundError?.(error),
  );
  const context: EngineContext = {
    ...host,
    plans: host.plans ?? createPlanMemory(),
    onTopUpPending(accountId) {
      if (host.stripe?.configured) topUps.kick();
      host.onTopUpPending?.(accountId);
    },
  };
  const checks = createGroupQueue<string, { accountId: string; input: CheckInput }, CheckResult>(
    (_key, items) =>
      checkGroup(
        context,
        items[0]?.accountId ?? '',
        items[0]?.input.feature ?? '',
        items.map((item) => item.input),
      ),
  );
  const tracks = createGroupQueue<string, TrackInput, TrackResult>((accountId, inputs) =>
    trackGroup(context, accountId, inputs),
  );
  return {
    check: (accountId, input) => checks(`${accountId}\u0000${input.feature}`, { accountId, input }),
    track: (accountId, input) => tracks(accountId, input),
    trackBatch: (accountId, events) => trackBatch(context, accountId, events),
    reserve: (accountId, input) => reserve(context, accountId, input),
    confirmReservation: (accountId, reservationId, input) =>
      confirmReservation(context, accountId, reservationId, input),
    releaseReservation: (accountId, reservationId) => releaseReservation(context, accountId, reservationId),
    reservations: (accountId) => reservations(context, accountId),
    sweepExpiredHolds: (at) => sweepExpiredHolds(context, at),
    grant: (accountId, input, actor, requestId) => adminGrant(context, accountId, input, actor, requestId),
    entitlements: (accountId) => entitlements(context, accountId),
    credits: (accountId) => credits(context, accountId),
    usage: (accountId, input) => usageSummary(context, accountId, input),
    ledger: (accountId, query) => ledgerPage(context.db, accountId, context.now(), query),
    openCurrentPeriods: (accountIds) => openCurrentPeriods(context, accountIds),
    reportUsage: (options) => reportUsage(context, options),
    billUsage: (input) => billUsage(context, input),
    metrics: (input) => metrics(context, input),
    autoTopUps: (accountId) => autoTopUps(context, accountId),
    async setAutoTopUp(accountId, feature, input, actor, requestId) {
      const { setting, pending } = await setAutoTopUp(context, accountId, feature, input, actor, requestId);
      if (pending) context.onTopUpPending?.(accountId);
      return setting;
    },
    chargeAutoTopUps: (options) => chargeAutoTopUps(context, options),
    idle: () => topUps.idle(),
  };
}
