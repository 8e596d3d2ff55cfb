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

/**
 * A deep copy of a JSON-shaped value. Event snapshots make this the emulator's hottest function; a
 * plain walk beats both `structuredClone` and a JSON round trip for these small objects.
 */
export function clone<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  const result: Record<string, unknown> = {};
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) result[key] = copy(entry);
  }
  return result;
}

/** Deep equality of JSON-shaped values, without serializing them. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((entry, index) => sameJson(entry, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => sameJson(left[key], right[key]));
}
