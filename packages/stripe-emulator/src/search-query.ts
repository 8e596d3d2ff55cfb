import type { Params } from './params.js';
import { invalidParam } from './stripe-errors.js';

interface Clause {
  negate: boolean;
  field: string;
  metadataKey: string | undefined;
  operator: string;
  value: string;
}

const clausePattern =
  /^(-)?([a-z_.]+)(?:\[['"]([^'"]+)['"]\])?\s*(:|~|>=|<=|>|<)\s*(?:'([^']*)'|"([^"]*)"|(\S+))$/;

function parseClause(text: string): Clause {
  const match = clausePattern.exec(text.trim());
  if (!match) throw invalidParam('query', `Invalid search query: ${text}`);
  return {
    negate: match[1] === '-',
    field: match[2] ?? '',
    metadataKey: match[3],
    operator: match[4] ?? ':',
    value: match[5] ?? match[6] ?? match[7] ?? '',
  };
}

function fieldValue(item: Record<string, unknown>, clause: Clause): unknown {
  if (clause.field === 'metadata') {
    const metadata = item.metadata as Record<string, string> | null | undefined;
    return clause.metadataKey === undefined ? undefined : metadata?.[clause.metadataKey];
  }
  return clause.field.split('.').reduce<unknown>((node, key) => {
    if (typeof node !== 'object' || node === null) return undefined;
    return (node as Record<string, unknown>)[key];
  }, item);
}

function matches(item: Record<string, unknown>, clause: Clause): boolean {
  const raw = fieldValue(item, clause);
  const actual = raw === null || raw === undefined ? '' : String(raw);
  let result: boolean;
  switch (clause.operator) {
    case '~':
      result = actual.toLowerCase().includes(clause.value.toLowerCase());
      break;
    case '>':
      result = Number(actual) > Number(clause.value);
      break;
    case '<':
      result = Number(actual) < Number(clause.value);
      break;
    case '>=':
      result = Number(actual) >= Number(clause.value);
      break;
    case '<=':
      result = Number(actual) <= Number(clause.value);
      break;
    default:
      result =
        clause.field === 'email'
          ? actual.toLowerCase() === clause.value.toLowerCase()
          : actual === clause.value;
  }
  return clause.negate ? !result : result;
}

/** Stripe's search query language, enough of it: `field:'v'`, `metadata['k']:'v'`, `~`, ranges, AND/OR. */
export function searchFilter(query: string): (item: Record<string, unknown>) => boolean {
  if (!query.trim()) throw invalidParam('query', 'Search query must not be empty');
  const hasOr = /\s+OR\s+/i.test(query);
  const hasAnd = /\s+AND\s+/i.test(query);
  if (hasOr && hasAnd) throw invalidParam('query', 'Search queries cannot mix AND and OR');
  const clauses = query.split(/\s+(?:AND|OR)\s+/i).map(parseClause);
  return (item) => (hasOr ? clauses.some((c) => matches(item, c)) : clauses.every((c) => matches(item, c)));
}

export interface SearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
  url: string;
}

export function search<T extends { id: string }>(items: T[], params: Params, url: string): SearchResult<T> {
  const filter = searchFilter(params.requiredString('query'));
  const limit = params.integer('limit') ?? 10;
  const found = items.filter((item) => filter(item as unknown as Record<string, unknown>));
  const page = params.string('page');
  const start = page ? Number(Buffer.from(page, 'base64url').toString('utf8')) || 0 : 0;
  const data = found.slice(start, start + limit);
  const hasMore = found.length > start + limit;
  return {
    object: 'search_result',
    data,
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(start + limit), 'utf8').toString('base64url') : null,
    url,
  };
}
