import {
  type ErrorCode,
  errorBody,
  errorStatus,
  type FieldIssue,
  fieldIssues,
  type RouteDefinition,
  type RouteName,
  type RouteOutput,
  type Routes,
  routes,
} from '@billing-kit/contracts';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { MockApiError } from './mock-api-error.js';

/** Matches the API prefix on any origin, so the same handlers serve localhost, Storybook and the demo. */
export const DEFAULT_BASE_URL = '*/api/billing';

type SchemaOutput<Schema> = Schema extends { parse(data: unknown): infer Output } ? Output : undefined;
type PartOf<Route, Key extends 'params' | 'query' | 'body'> = Route extends {
  readonly [K in Key]: infer Schema;
}
  ? SchemaOutput<Schema>
  : undefined;

/** What a resolver receives: the request's params, query and body, already parsed by the route's schemas. */
export interface ResolverInput<Name extends RouteName> {
  params: PartOf<Routes[Name], 'params'>;
  query: PartOf<Routes[Name], 'query'>;
  body: PartOf<Routes[Name], 'body'>;
  /** The `Idempotency-Key` header, if the caller sent one. */
  idempotencyKey: string | null;
  request: Request;
}

type MaybePromise<Value> = Value | Promise<Value>;

/** Answers one route with its success body; throw `MockApiError` (or call `fail`) to answer an error. */
export type MockResolver<Name extends RouteName> = (
  input: ResolverInput<Name>,
) => MaybePromise<RouteOutput<Routes[Name]>>;

/** What the adapter needs from a store: the idempotency cache, a delay and an optional forced failure. */
export interface RouteContext {
  readonly idempotency: Map<string, { fingerprint: string; status: number; body: unknown }>;
  readonly delayMs: number;
  readonly failure: ErrorCode | null;
}

export interface MockRouteOptions {
  /** Prefix the route paths are mounted under. Defaults to `*\/api/billing` (any origin). */
  baseUrl?: string;
  context?: RouteContext;
}

type Parsed =
  | { ok: true; params: unknown; query: unknown; body: unknown }
  | { ok: false; issues: FieldIssue[] };

async function parseRequest(
  route: RouteDefinition,
  request: Request,
  pathParams: Record<string, unknown>,
): Promise<Parsed> {
  const issues: FieldIssue[] = [];
  const parse = (location: 'params' | 'query' | 'body', schema: RouteDefinition['body'], input: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    issues.push(...fieldIssues(location, result.error));
    return undefined;
  };
  const params = parse('params', route.params, pathParams);
  const query = parse('query', route.query, Object.fromEntries(new URL(request.url).searchParams));
  let body: unknown;
  if (route.body) {
    const text = await request.text();
    let json: unknown;
    try {
      // An empty body reads as `{}`, as Express's JSON parser leaves it.
      json = text.trim() === '' ? {} : JSON.parse(text);
      body = parse('body', route.body, json);
    } catch {
      issues.push({ field: 'body', message: 'Malformed JSON' });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, params, query, body };
}

const answer = (status: number, body: unknown, headers?: Record<string, string>) =>
  HttpResponse.json(body as Record<string, unknown>, { status, ...(headers ? { headers } : {}) });

const methods = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
} as const;

/**
 * Turns one contract route into an MSW handler: input parsed by the route's schemas (bad input is a
 * 400 naming the field), typed errors mapped to their status, and every success body checked against
 * the route's response schema, so a mock can never drift from the contract without a loud failure.
 */
export function mockRoute<Name extends RouteName>(
  name: Name,
  // NoInfer: the route name alone decides `Name`, so object literals a resolver returns keep their
  // literal types ('active', 'month') instead of widening to string.
  resolver: NoInfer<MockResolver<Name>>,
  options: MockRouteOptions = {},
): HttpHandler {
  const route: RouteDefinition = routes[name];
  const context: RouteContext = options.context ?? { idempotency: new Map(), delayMs: 0, failure: null };
  const [successStatus, responseSchema] = Object.entries(route.responses)[0] ?? [];
  if (successStatus === undefined || responseSchema === undefined) {
    throw new Error(`Route ${name} declares no success response`);
  }
  return methods[route.method](
    `${options.baseUrl ?? DEFAULT_BASE_URL}${route.path}`,
    async ({ request, params }) => {
      if (context.delayMs > 0) await delay(context.delayMs);
      if (context.failure !== null) {
        return answer(
          errorStatus[context.failure],
          errorBody(context.failure, `Mock scenario: ${name} failed`),
        );
      }
      const parsed = await parseRequest(route, request, params);
      if (!parsed.ok) {
        return answer(
          400,
          errorBody('validation_failed', 'The request is invalid', { issues: parsed.issues }),
        );
      }
      const idempotencyKey = request.headers.get('Idempotency-Key');
      const cacheKey =
        route.idempotent && idempotencyKey
          ? `${name} ${JSON.stringify(parsed.params)} ${idempotencyKey}`
          : null;
      const fingerprint = JSON.stringify(parsed.body ?? null);
      if (cacheKey !== null) {
        const first = context.idempotency.get(cacheKey);
        if (first && first.fingerprint !== fingerprint) {
          return answer(
            409,
            errorBody('conflict', `Idempotency-Key "${idempotencyKey}" was used with another request`),
          );
        }
        if (first) return answer(first.status, first.body, { 'Idempotent-Replayed': 'true' });
      }
      let status: number;
      let body: unknown;
      try {
        const input = { ...parsed, idempotencyKey, request } as unknown as ResolverInput<Name>;
        body = await resolver(input);
        status = Number(successStatus);
        const checked = responseSchema.safeParse(body);
        if (!checked.success) {
          const problems = checked.error.issues.map(
            (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
          );
          const message = `Mock for ${name} answered a body its contract forbids — ${problems.join('; ')}`;
          console.error(message);
          return answer(500, errorBody('internal', message));
        }
      } catch (error) {
        if (!(error instanceof MockApiError)) {
          console.error(`Mock for ${name} threw`, error);
          return answer(500, errorBody('internal', `Mock for ${name} threw: ${String(error)}`));
        }
        status = error.status;
        body = error.toBody();
      }
      if (cacheKey !== null) context.idempotency.set(cacheKey, { fingerprint, status, body });
      return answer(status, body);
    },
  );
}
