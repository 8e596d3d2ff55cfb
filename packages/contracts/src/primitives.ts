import * as z from 'zod/mini';

/** ISO 4217 currency code, upper case (`USD`, `EUR`). Stripe's lower-case codes are mapped at the edge. */
export const CurrencyCode = z
  .string()
  .check(
    z.regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code in upper case, like USD'),
    z.meta({ id: 'CurrencyCode', examples: ['USD'] }),
  );
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Money is always integer minor units (cents) plus a currency, until the moment it is formatted. */
export const Money = z
  .object({
    amount: z
      .int()
      .check(z.describe('Integer amount in the currency’s minor unit (cents for USD, yen for JPY).')),
    currency: CurrencyCode,
  })
  .check(z.meta({ id: 'Money', examples: [{ amount: 3900, currency: 'USD' }] }));
export type Money = z.infer<typeof Money>;

/** An instant as an ISO 8601 string with an offset (`2026-11-23T18:46:00.000Z`). */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .check(z.meta({ id: 'Timestamp', examples: ['2026-11-23T18:46:00.000Z'] }));
export type Timestamp = z.infer<typeof Timestamp>;

/** Stable, URL-safe identifier chosen by a team (feature keys, plan ids, pack ids). */
export const Slug = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[a-z][a-z0-9_]*$/, 'lower case letters, digits and underscores, starting with a letter'),
    z.meta({ id: 'Slug', examples: ['api_calls'] }),
  );
export type Slug = z.infer<typeof Slug>;

/** Server-assigned identifier (accounts, grants, invoices, …). Opaque to clients. */
export const Id = z.string().check(z.minLength(1), z.maxLength(255), z.meta({ id: 'Id' }));
export type Id = z.infer<typeof Id>;

export const BillingInterval = z.enum(['month', 'year']).check(z.meta({ id: 'BillingInterval' }));
export type BillingInterval = z.infer<typeof BillingInterval>;

/** Free-form key/value pairs, the same limits as Stripe metadata. */
export const Metadata = z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(500))).check(
  z.refine((record) => Object.keys(record).length <= 50, 'at most 50 keys'),
  z.meta({ id: 'Metadata' }),
);
export type Metadata = z.infer<typeof Metadata>;

/** A count that may be unlimited: `null` means no limit, never 0. */
export const Limit = z.nullable(z.int().check(z.nonnegative())).check(z.describe('null means unlimited'));
