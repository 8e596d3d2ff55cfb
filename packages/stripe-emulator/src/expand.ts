import type { EmulatorContext } from './context.js';
import { collectionForId } from './store.js';
import { invalidParam } from './stripe-errors.js';
import { clone } from './wire.js';

type Node = Record<string, unknown>;

function lookup(context: EmulatorContext, id: string): unknown {
  const collection = collectionForId(id);
  if (!collection) return undefined;
  const found = (context.store[collection] as Map<string, unknown>).get(id);
  return found === undefined ? undefined : clone(found);
}

function expandPath(context: EmulatorContext, node: unknown, path: string[], fullPath: string): void {
  if (Array.isArray(node)) {
    for (const entry of node) expandPath(context, entry, path, fullPath);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const record = node as Node;
  if (!(head in record)) throw invalidParam('expand', `This property cannot be expanded (${fullPath}).`);
  let value = record[head];
  if (typeof value === 'string') {
    const expanded = lookup(context, value);
    if (expanded !== undefined) {
      record[head] = expanded;
      value = expanded;
    }
  }
  if (rest.length > 0) expandPath(context, value, rest, fullPath);
}

/**
 * Replaces ids by copies of their objects along each `expand[]` path (`data.price.product`,
 * `latest_invoice`), in place: pass a copy of what the store holds.
 */
export function applyExpansions<T>(context: EmulatorContext, body: T, paths: readonly string[]): T {
  if (paths.length === 0) return body;
  const result = body;
  for (const path of paths) {
    if (path.split('.').length > 4)
      throw invalidParam('expand', `You cannot expand more than 4 levels (${path}).`);
    expandPath(context, result, path.split('.'), path);
  }
  return result;
}
