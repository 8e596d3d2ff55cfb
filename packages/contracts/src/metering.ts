import { z } from 'zod';
import { ErrorCode } from './errors.js';
import { FeatureKind } from './features.js';
import { Id, Metadata, Slug, Timestamp } from './primitives.js';

export const DenialReason = z
  .enum(['insufficient_credits', 'quota_exceeded', 'not_entitled', 'unknown_feature'])
  .meta({ id: 'DenialReason' });
export type DenialReason = z.infer<typeof DenialReason>;

export const CheckRequest = z
  .object({
    feature: Slug,
    amount: z.int().positive().default(1),
    currentCount: z
      .int()
      .nonnegative()
      .optional()
      .describe(
        'For limit features (seats, projects): how many the account has now, as the host counts them.',
      ),
  })
  .meta({ id: 'CheckRequest' });

/** How a check was decided when the billing server could not be reached, so hosts can log it. */
export const CheckDegraded = z
  .object({
    failMode: z.enum(['open', 'closed']),
    cause: z.enum(['unreachable', 'timeout']),
    message: z.string(),
  })
  .meta({ id: 'CheckDegraded' });
export type CheckDegraded = z.infer<typeof CheckDegraded>;

/** May this account use `requested` units of `feature` now, and if not, why. */
export const CheckResult = z
  .object({
    allowed: z.boolean(),
    feature: Slug,
    kind: FeatureKind.nullable(),
    requested: z.int().positive(),
    unlimited: z.boolean(),
    limit: z.number().nonnegative().nullable(),
    remaining: z.number().nonnegative().nullable(),
    resetsAt: Timestamp.nullable(),
    overage: z.boolean().describe('Allowed only because usage past the allowance is billed.'),
    reason: DenialReason.nullable(),
    degraded: CheckDegraded.optional().describe(
      'Set by the client, never the server: the billing server could not answer, and the fail mode decided.',
    ),
  })
  .meta({ id: 'CheckResult' });
export type CheckResult = z.infer<typeof CheckResult>;

const TrackFields = {
  feature: Slug,
  amount: z
    .int()
    .refine((amount) => amount !== 0, 'must not be 0')
    .describe('Negative only for limit features.'),
  occurredAt: Timestamp.optional(),
  metadata: Metadata.optional(),
};

/** The usage event's idempotency key is the request's `Idempotency-Key` header. */
export const TrackRequest = z.object(TrackFields).meta({ id: 'TrackRequest' });

export const TrackResult = z
  .object({
    id: Id,
    idempotencyKey: z.string(),
    feature: Slug,
    amount: z.int(),
    recordedAt: Timestamp,
    unlimited: z.boolean(),
    remaining: z.number().nonnegative().nullable(),
    resetsAt: Timestamp.nullable(),
    overageUnits: z.number().nonnegative().describe('Units past the allowance, billed through Stripe.'),
  })
  .meta({ id: 'TrackResult' });
export type TrackResult = z.infer<typeof TrackResult>;

export const TrackBatchRequest = z
  .object({
    events: z
      .array(z.object({ ...TrackFields, idempotencyKey: z.string().min(1).max(255) }))
      .min(1)
      .max(100),
  })
  .meta({ id: 'TrackBatchRequest' });

export const TrackBatchResult = z
  .object({
    results: z.array(
      z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true), idempotencyKey: z.string(), result: TrackResult }),
        z.object({
          ok: z.literal(false),
          idempotencyKey: z.string(),
          error: z.object({ code: ErrorCode, message: z.string() }),
        }),
      ]),
    ),
  })
  .meta({ id: 'TrackBatchResult' });
export type TrackBatchResult = z.infer<typeof TrackBatchResult>;
