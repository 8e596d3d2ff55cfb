import type {
  AuditEntry,
  AutoTopUpAttemptStatus,
  BillingInterval,
  CheckoutItem,
  GrantSource,
  Invoice,
  Purchase,
  SubscriptionStatus,
  TrackResult,
} from '@billing-kit/contracts';

// These are the store's own records, not wire shapes: instants are epoch milliseconds and nothing
// derivable (balances, names, prices) is kept. The wire shapes are built from them on every read.

export interface SubscriptionRecord {
  planId: string;
  status: SubscriptionStatus;
  interval: BillingInterval | null;
  currency: string;
  /** Custom price of a contact-sales plan per interval, in minor units; null for catalog prices. */
  customAmount: number | null;
  periodStart: number | null;
  periodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  trialEnd: number | null;
  addOns: { addOnId: string; quantity: number }[];
  accessLimited: boolean;
  /** When the account first paid: conversion and churn are measured from it. */
  paidSince: number | null;
}

/** An amount of a metered feature, live in [effectiveAt, expiresAt). Its remaining balance is derived. */
export interface GrantRecord {
  id: string;
  feature: string;
  source: GrantSource;
  amount: number;
  effectiveAt: number;
  expiresAt: number | null;
  reason: string | null;
  reference: string | null;
  createdAt: number;
}

/** One consumption (or, for `adjustment`, an admin removal) that draws grants in expiry order. */
export interface UsageRecord {
  id: string;
  feature: string;
  amount: number;
  at: number;
  idempotencyKey: string;
  kind: 'usage' | 'adjustment';
  reason: string | null;
  /** The answer given when it was recorded, replayed for a retried idempotency key. */
  result: TrackResult | null;
  billedAt: number | null;
}

/**
 * Units of a metered feature held for a job. A held record past `expiresAt` holds nothing: it expires by
 * the clock alone, as on the server.
 */
export interface HoldRecord {
  id: string;
  feature: string;
  amount: number;
  status: 'held' | 'confirmed' | 'released';
  idempotencyKey: string | null;
  createdAt: number;
  expiresAt: number;
  settledAt: number | null;
  /** The usage a confirmation recorded (0 when it confirmed nothing); null until confirmed. */
  confirmedAmount: number | null;
}

/** An invoice with what each line sold, so revenue can be grouped by package. */
export interface StoredInvoice {
  invoice: Invoice;
  revenue: { packageType: 'plan' | 'credit_pack' | 'add_on' | 'usage'; packageId: string; amount: number }[];
}

/** An account's auto top-up of one feature (the feature whose grants the pack adds to). */
export interface AutoTopUpRecord {
  feature: string;
  enabled: boolean;
  packId: string;
  quantity: number;
  threshold: number;
  maxPerMonth: number;
  /** Why the store turned it off (a declined card); cleared when it is saved enabled again. */
  disabledReason: string | null;
  updatedAt: number;
}

/** One threshold crossing and what it bought, at the price of that moment. */
export interface TopUpAttemptRecord {
  id: string;
  feature: string;
  packId: string;
  quantity: number;
  status: AutoTopUpAttemptStatus;
  /** Minor units of `currency`: the pack's price times the quantity. */
  amount: number;
  currency: string;
  balanceBefore: number;
  balanceAfter: number;
  createdAt: number;
  settledAt: number | null;
  failure: { code: string; message: string } | null;
}

export interface AccountActivity {
  grants: GrantRecord[];
  usage: UsageRecord[];
  invoices: StoredInvoice[];
  purchases: Purchase[];
  audit: AuditEntry[];
  /** Reservations; absent until the account's first one. */
  holds?: HoldRecord[];
  /** Auto top-up settings, one per feature; absent until the first is saved. */
  autoTopUps?: AutoTopUpRecord[];
  /** Auto top-up attempts, oldest first. */
  topUpAttempts?: TopUpAttemptRecord[];
}

export interface AccountRecord {
  id: string;
  name: string;
  email: string | null;
  createdAt: number;
  subscription: SubscriptionRecord;
  /**
   * Ledger, invoices and history. Built on first read for generated customers, so a store of 10,000
   * customers starts instantly and pays only for the accounts a test or story opens.
   */
  activity: AccountActivity | null;
  buildActivity: (() => AccountActivity) | null;
  /**
   * The saved card declines off-session charges: auto top-ups fail and turn themselves off. Accounts on the
   * free plan have no saved card at all.
   */
  cardDeclines?: boolean;
}

export interface CheckoutSessionRecord {
  id: string;
  accountId: string;
  item: CheckoutItem;
  currency: string;
  status: 'open' | 'complete';
}

export interface IdempotentAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}
