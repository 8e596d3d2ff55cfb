import type { EmulatorContext } from './context.js';
import { type FormObject, safeDecode } from './form-body.js';
import type { Params } from './params.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface ApiRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly params: Params;
  readonly pathParams: Readonly<Record<string, string>>;
}

/** An API handler answers a JSON body (status 200); errors are thrown as `StripeApiError`. */
export type ApiHandler = (request: ApiRequest, context: EmulatorContext) => object;

export interface PageRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: FormObject;
  readonly form: FormObject;
  readonly json: unknown;
}

export interface PageResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export type PageHandler = (request: PageRequest, context: EmulatorContext) => PageResponse;

export type Route =
  | { kind: 'api'; method: HttpMethod; path: string; handler: ApiHandler }
  | { kind: 'page'; method: HttpMethod; path: string; handler: PageHandler };

export const api = (method: HttpMethod, path: string, handler: ApiHandler): Route => ({
  kind: 'api',
  method,
  path,
  handler,
});

export const page = (method: HttpMethod, path: string, handler: PageHandler): Route => ({
  kind: 'page',
  method,
  path,
  handler,
});

export interface RouteMatch {
  route: Route;
  pathParams: Record<string, string>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length; i++) {
      const expected = pattern[i] ?? '';
      const actual = safeDecode(segments[i] ?? '');
      if (expected.startsWith(':')) pathParams[expected.slice(1)] = actual;
      else if (expected !== actual) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, pathParams };
  }
  return undefined;
}
