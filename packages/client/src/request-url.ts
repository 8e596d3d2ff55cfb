import type { RouteDefinition } from '@billing-kit/contracts';

export interface SplitInput {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
}

const keysOf = (schema: RouteDefinition['params']) => new Set(schema ? Object.keys(schema.shape) : []);

/**
 * Callers pass one flat object; the route's schemas say which keys go to the path, which to the query
 * string and which to the body (the contracts test that no route lets two of them share a key).
 */
export function splitInput(route: RouteDefinition, input: Record<string, unknown>): SplitInput {
  const paramKeys = keysOf(route.params);
  const queryKeys = keysOf(route.query);
  const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = input[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(`billing-kit: ${route.method} ${route.path} needs "${name}"`);
    }
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (paramKeys.has(key) || value === undefined) continue;
    if (queryKeys.has(key)) query.set(key, String(value));
    else body[key] = value;
  }
  return { path, query, body: route.body ? body : undefined };
}

export function joinUrl(baseUrl: string, path: string, query: URLSearchParams): string {
  const search = query.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}
