type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Examples = Record<string, Json>;

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const jsonType = (value: Json): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

// Maps whose keys are chosen by the caller, not by Stripe's schema.
const freeFormKeys = new Set(['metadata', 'currency_options', 'payload', 'previous_attributes']);

export function exampleKeyFor(value: { [key: string]: Json }): string | undefined {
  const kind = value.object;
  if (typeof kind !== 'string') return undefined;
  return value.deleted === true ? `deleted_${kind}` : kind;
}

/**
 * Differences between an emulator object and Stripe's published example of the same `object`:
 * `<object>.<path>: missing|extra|type`. Arrays compare each element with the example's first one;
 * nested objects with their own `object` (expanded or embedded) are compared with their own example.
 */
export function shapeDiff(examples: Examples, value: Json, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const entry of value) shapeDiff(examples, entry, found);
    return;
  }
  if (!isObject(value)) return;
  if (value.object === 'list' || value.object === 'search_result') {
    shapeDiff(examples, value.data ?? [], found);
    return;
  }
  const key = exampleKeyFor(value);
  const example = key ? examples[key] : undefined;
  if (!key || !isObject(example)) {
    if (key) found.add(`${key}: no example`);
    return;
  }
  compare(examples, value, example, key, found);
}

function compare(examples: Examples, actual: Json, expected: Json, path: string, found: Set<string>): void {
  if (actual === null || expected === null) return;
  if (
    isObject(actual) &&
    typeof actual.object === 'string' &&
    (!isObject(expected) || expected.object !== actual.object)
  ) {
    // An expanded reference (the example holds an id) or another kind of object than the example's
    // (an event's `data.object`): compare it with its own example.
    shapeDiff(examples, actual, found);
    return;
  }
  if (jsonType(actual) !== jsonType(expected)) {
    found.add(`${path}: type`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const model = expected[0];
    if (model === undefined) return;
    for (const entry of actual) compare(examples, entry, model, `${path}[]`, found);
    return;
  }
  if (!isObject(actual) || !isObject(expected)) return;
  if (actual.object === 'list' && expected.object === 'list') {
    const model = Array.isArray(expected.data) ? expected.data[0] : undefined;
    if (Array.isArray(actual.data) && model !== undefined) {
      for (const entry of actual.data) compare(examples, entry, model, `${path}.data[]`, found);
    }
    return;
  }
  if (Object.keys(expected).length === 0) return;
  for (const key of Object.keys(expected)) {
    if (!(key in actual)) found.add(`${path}.${key}: missing`);
  }
  for (const key of Object.keys(actual)) {
    if (!(key in expected)) {
      found.add(`${path}.${key}: extra`);
      continue;
    }
    if (freeFormKeys.has(key)) continue;
    compare(examples, actual[key] as Json, expected[key] as Json, `${path}.${key}`, found);
  }
}

export type { Json };
