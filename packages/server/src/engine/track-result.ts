import type { Metadata, TrackResult } from '@billing-kit/contracts';

export interface TrackInput {
  feature: string;
  amount: number;
  idempotencyKey: string;
  occurredAt?: string | Date | undefined;
  metadata?: Metadata | undefined;
}

/** A usage event as stored, with the answer its track gave (replays answer it again). */
export interface EventRow {
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

export const toResult = (row: EventRow): TrackResult => ({
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
