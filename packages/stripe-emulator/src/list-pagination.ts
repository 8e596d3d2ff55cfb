import type { Params } from './params.js';
import { invalidParam } from './stripe-errors.js';

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** Stripe's cursor pagination over items already sorted newest first. */
export function paginate<T extends { id?: string }>(items: T[], params: Params, url: string): ListObject<T> {
  const limit = params.integer('limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidParam('limit', 'Invalid limit: must be between 1 and 100', 'parameter_invalid_integer');
  }
  const startingAfter = params.string('starting_after');
  const endingBefore = params.string('ending_before');
  if (startingAfter !== undefined) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index === -1)
      throw invalidParam('starting_after', `No such object: '${startingAfter}'`, 'resource_missing');
    const rest = items.slice(index + 1);
    return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore !== undefined) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index === -1)
      throw invalidParam('ending_before', `No such object: '${endingBefore}'`, 'resource_missing');
    const before = items.slice(0, index);
    return {
      object: 'list',
      data: before.slice(Math.max(0, before.length - limit)),
      has_more: before.length > limit,
      url,
    };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}

/** `created[gte]=…` style filters and a bare `created=…`. */
export function matchesRange(value: number, params: Params, key: string): boolean {
  if (typeof params.raw[key] === 'string') return value === params.integer(key);
  const range = params.object(key);
  if (!range) return true;
  const gt = range.integer('gt');
  const gte = range.integer('gte');
  const lt = range.integer('lt');
  const lte = range.integer('lte');
  return (
    (gt === undefined || value > gt) &&
    (gte === undefined || value >= gte) &&
    (lt === undefined || value < lt) &&
    (lte === undefined || value <= lte)
  );
}
