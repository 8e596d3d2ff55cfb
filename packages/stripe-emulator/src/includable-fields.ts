/**
 * Fields Stripe leaves out of an object unless asked for with `expand[]` ("includable" fields):
 * an invoice's `payments` and a Checkout Session's `line_items`.
 */
const includable: Record<string, string[]> = {
  invoice: ['payments'],
  'checkout.session': ['line_items'],
};

function wanted(expand: readonly string[], path: string): boolean {
  return expand.some((entry) => entry === path || entry.startsWith(`${path}.`));
}

function strip(node: unknown, path: string, expand: readonly string[]): void {
  if (Array.isArray(node)) {
    for (const entry of node) strip(entry, path, expand);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const kind = typeof record.object === 'string' ? record.object : '';
  for (const field of includable[kind] ?? []) {
    if (field in record && !wanted(expand, path ? `${path}.${field}` : field)) delete record[field];
  }
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'object' && value !== null) strip(value, path ? `${path}.${key}` : key, expand);
  }
}

/** Removes includable fields that were not expanded, anywhere in an answer (mutates `body`). */
export function withoutUnrequestedFields<T>(body: T, expand: readonly string[]): T {
  strip(body, '', expand);
  return body;
}

/** The same for one object's own fields only: enough for webhook payloads, which expand nothing. */
export function withoutIncludableFields<T extends object>(object: T): T {
  const record = object as Record<string, unknown>;
  const kind = typeof record.object === 'string' ? record.object : '';
  for (const field of includable[kind] ?? []) delete record[field];
  return object;
}
