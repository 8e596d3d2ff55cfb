import type Stripe from 'stripe';

/**
 * The JSON shape of an SDK type. The SDK turns `*_decimal` strings into `Decimal` objects after
 * parsing a response, so on the wire (and in the store) they are plain strings.
 */
export type Wire<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends Stripe.Decimal
    ? string
    : T extends (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function clone<T>(value: T): T {
  return structuredClone(value);
}
