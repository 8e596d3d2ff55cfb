import { pathParamNames, type RouteManifestEntry } from '@billing-kit/contracts';

export interface SplitInput {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
}

/**
 * Callers pass one flat object; the route says which keys go to the path, which to the query string and
 * which to the body (the contracts test that no route lets two of them share a key).
 */
export function splitInput(route: RouteManifestEntry, input: Record<string, unknown>): SplitInput {
  const paramKeys = new Set(pathParamNames(route.path));
  const queryKeys = new Set(route.query);
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
