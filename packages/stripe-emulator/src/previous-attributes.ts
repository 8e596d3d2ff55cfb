import { type JsonValue, sameJson } from './wire.js';

type JsonRecord = { [key: string]: JsonValue };

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Stripe's `data.previous_attributes`: the old values of what changed, descending into nested
 * objects so only the changed leaves are listed (arrays and lists are compared whole).
 */
export function previousAttributes(before: unknown, after: unknown): JsonRecord {
  const changes: JsonRecord = {};
  if (!isRecord(before) || !isRecord(after)) return changes;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (sameJson(old, now)) continue;
    if (isRecord(old) && isRecord(now) && old.object === undefined) {
      changes[key] = previousAttributes(old, now);
    } else {
      changes[key] = old ?? null;
    }
  }
  return changes;
}
