import * as z from 'zod/mini';
import { ErrorCode } from './errors.js';
import { FeatureKind } from './features.js';
import { Id, Metadata, Slug, Timestamp } from './primitives.js';

const nonNegative = () => z.number().check(z.nonnegative());

export const DenialReason = z
  .enum(['insufficient_credits', 'quota_exceeded', 'not_entitled', 'unknown_feature'])
  .check(z.meta({ id: 'DenialReason' }));
export type DenialReason = z.infer<typeof DenialReason>;

export const CheckRequest = z
  .object({
    feature: Slug,
    amount: z._default(z.int().check(z.positive()), 1),
    currentCount: z
      .optional(z.int().check(z.nonnegative()))
      .check(
        z.describe(
          'For limit features (seats, projects): how many the account has now, as the host counts them.',
        ),
      ),
  })
  .check(z.meta({ id: 'CheckRequest' }));

/** How a check was decided when the billing server could not be reached, so hosts can log it. */
export const CheckDegraded = z
  .object({
    failMode: z.enum(['open', 'closed']),
    cause: z.enum(['unreachable', 'timeout']),
    message: z.string(),
  })
  .check(z.meta({ id: 'CheckDegraded' }));
export type CheckDegraded = z.infer<typeof CheckDegraded>;

const POOL_UNITS =
  'In units of the credit pool when the feature is priced in one (`creditCost`): for an image at 5 credits, credits.';

/** May this account use `requested` units of `feature` now, and if not, why. */
export const CheckResult = z
  .object({
    allowed: z.boolean(),
    feature: Slug,
    kind: z.nullable(FeatureKind),
    requested: z.int().check(z.positive(), z.describe('Units of the feature itself (images, not credits).')),
    unlimited: z.boolean(),
    limit: z.nullable(nonNegative()).check(z.describe(POOL_UNITS)),
    remaining: z.nullable(nonNegative()).check(z.describe(POOL_UNITS)),
    resetsAt: z.nullable(Timestamp),
    overage: z.boolean().check(z.describe('Allowed only because usage past the allowance is billed.')),
    reason: z.nullable(DenialReason),
    degraded: z
      .optional(CheckDegraded)
      .check(
        z.describe(
          'Set by the client, never the server: the billing server could not answer, and the fail mode decided.',
        ),
      ),
  })
  .check(z.meta({ id: 'CheckResult' }));
export type CheckResult = z.infer<typeof CheckResult>;

/**
 * The answer to a check of a feature the catalog does not have: not allowed, nothing known about it. A
 * check answers rather than fails, so a host asking about a feature not launched yet gets a plain "no".
 */
export const unknownFeatureCheck = (feature: string, requested: number): CheckResult => ({
  feature,
  requested,
  overage: false,
  allowed: false,
  kind: null,
  unlimited: false,
  limit: null,
  remaining: null,
  resetsAt: null,
  reason: 'unknown_feature',
});

const TrackFields = {
  feature: Slug,
  amount: z.int().check(
    z.refine((amount) => amount !== 0, 'must not be 0'),
    z.describe('Negative only for limit features.'),
  ),
  occurredAt: z.optional(Timestamp),
  metadata: z.optional(Metadata),
};

/** The usage event's idempotency key is the request's `Idempotency-Key` header. */
export const TrackRequest = z.object(TrackFields).check(z.meta({ id: 'TrackRequest' }));

export const TrackResult = z
  .object({
    id: Id,
    idempotencyKey: z.string(),
    feature: Slug,
    amount: z.int(),
    recordedAt: Timestamp,
    unlimited: z.boolean(),
    remaining: z.nullable(nonNegative()).check(z.describe(POOL_UNITS)),
    resetsAt: z.nullable(Timestamp),
    overageUnits: nonNegative().check(
      z.describe(
        'Units past the allowance, billed through Stripe (pool units for a feature priced in a pool).',
      ),
    ),
  })
  .check(z.meta({ id: 'TrackResult' }));
export type TrackResult = z.infer<typeof TrackResult>;

export const TrackBatchRequest = z
  .object({
    events: z
      .array(z.object({ ...TrackFields, idempotencyKey: z.string().check(z.minLength(1), z.maxLength(255)) }))
      .check(z.minLength(1), z.maxLength(100)),
  })
  .check(z.meta({ id: 'TrackBatchRequest' }));

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
  .check(z.meta({ id: 'TrackBatchResult' }));
export type TrackBatchResult = z.infer<typeof TrackBatchResult>;

export const ReservationStatus = z
  .enum(['held', 'confirmed', 'released', 'expired'])
  .check(
    z.describe('A held reservation past its expiry is `expired`: its units are available again.'),
    z.meta({ id: 'ReservationStatus' }),
  );
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/** The reservation's idempotency key is the request's `Idempotency-Key` header: a retry holds once. */
export const ReserveRequest = z
  .object({
    feature: Slug,
    amount: z.int().check(z.positive(), z.describe('Units to hold: they count as spent until settled.')),
    ttlSeconds: z._default(
      z
        .int()
        .check(
          z.positive(),
          z.maximum(86_400),
          z.describe('How long the hold lasts unless confirmed or released; then it expires by itself.'),
        ),
      900,
    ),
  })
  .check(z.meta({ id: 'ReserveRequest' }));

export const ConfirmReservationRequest = z
  .object({
    amount: z
      .int()
      .check(
        z.nonnegative(),
        z.describe(
          'The units the job really used: less than held returns the rest, more draws the difference if available.',
        ),
      ),
  })
  .check(z.meta({ id: 'ConfirmReservationRequest' }));

export const ReservationParams = z.object({
  accountId: Id,
  reservationId: z.string().check(z.regex(/^[1-9][0-9]{0,17}$/, 'a reservation id, as reserve answered it')),
});

/** Units of a metered feature held for a long job until confirmed with the real amount or released. */
export const Reservation = z
  .object({
    id: Id,
    feature: Slug,
    amount: z
      .int()
      .check(
        z.positive(),
        z.describe('Units of the feature; one priced in a credit pool holds `amount × cost` pool units.'),
      ),
    status: ReservationStatus,
    idempotencyKey: z.nullable(z.string()),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    settledAt: z.nullable(Timestamp),
    confirmedAmount: z
      .nullable(z.int().check(z.nonnegative()))
      .check(z.describe('What the confirmation recorded as usage; null until confirmed.')),
  })
  .check(z.meta({ id: 'Reservation' }));
export type Reservation = z.infer<typeof Reservation>;

/** A reservation as a reserve, confirm or release left it, with the feature's balance after the call. */
export const ReservationResult = z
  .object({
    ...Reservation.shape,
    remaining: z
      .nullable(nonNegative())
      .check(
        z.describe(
          'Units of the feature available after this call (held ones excluded; pool units for a feature priced in a pool); null when unlimited.',
        ),
      ),
  })
  .check(z.meta({ id: 'ReservationResult' }));
export type ReservationResult = z.infer<typeof ReservationResult>;

export const ReservationList = z
  .object({
    data: z.array(Reservation).check(z.describe('Live holds, the oldest first.')),
  })
  .check(z.meta({ id: 'ReservationList' }));
export type ReservationList = z.infer<typeof ReservationList>;
