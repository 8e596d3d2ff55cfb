export type { AccountPlan, FeatureRule } from './account-plan.js';
export type { AdminGrantInput } from './admin-grant.js';
export type { CheckInput } from './check.js';
export { type BillingEngine, createBillingEngine } from './engine.js';
export type { EngineContext } from './engine-context.js';
export type { MetricsInput } from './metrics.js';
export { addMonths, type BillingAnchor, type Period, periodAt } from './periods.js';
export { grantPaidPurchase } from './purchase-grants.js';
export type { ConfirmReservationInput, ReserveInput } from './reservations.js';
export type { TrackInput } from './track.js';
export {
  type BillUsageInput,
  meterEventName,
  type ReportUsageOptions,
  usageIdentifier,
} from './usage-reporter.js';
export type { UsageSummaryInput } from './usage-summary.js';
