import type {
  BillUsageResult,
  CheckResult,
  Credits,
  Entitlements,
  LedgerEntry,
  Metrics,
  Page,
  TrackBatchResult,
  TrackResult,
  UsageSummary,
} from '@billing-kit/contracts';
import type { AuditActor } from '../domain/audit/audit-log.js';
import { credits, entitlements } from './account-views.js';
import { type AdminGrantInput, adminGrant } from './admin-grant.js';
import { type CheckInput, checkGroup } from './check.js';
import type { EngineContext } from './engine-context.js';
import { createGroupQueue } from './group-queue.js';
import { ledgerPage } from './ledger-page.js';
import { type MetricsInput, metrics } from './metrics.js';
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
}

/**
 * Concurrent checks of one account's feature share one read, and concurrent tracks of one account share
 * one transaction (group commit): under load the database does a statement per group, not per call.
 */
export function createBillingEngine(context: EngineContext): BillingEngine {
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
    grant: (accountId, input, actor, requestId) => adminGrant(context, accountId, input, actor, requestId),
    entitlements: (accountId) => entitlements(context, accountId),
    credits: (accountId) => credits(context, accountId),
    usage: (accountId, input) => usageSummary(context, accountId, input),
    ledger: (accountId, query) => ledgerPage(context.db, accountId, context.now(), query),
    openCurrentPeriods: (accountIds) => openCurrentPeriods(context, accountIds),
    reportUsage: (options) => reportUsage(context, options),
    billUsage: (input) => billUsage(context, input),
    metrics: (input) => metrics(context, input),
  };
}
