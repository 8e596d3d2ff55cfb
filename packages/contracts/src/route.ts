import type * as z from 'zod/mini';
import type { ErrorCode } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `member`: a user of the account in the path (or an admin).
 * `member_or_api_key`: also the host's server-to-server API key. `stripe_signature`: Stripe webhooks.
 */
export type RouteAuth = 'public' | 'member' | 'member_or_api_key' | 'admin' | 'stripe_signature';

type Schema = z.ZodMiniType;
type ObjectSchema = z.ZodMiniObject;

/** One route of the API as data, in the manner of ts-rest: adding an endpoint means adding one of these. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** Express-style path relative to the API prefix, e.g. `/accounts/:accountId/subscription`. */
  readonly path: string;
  readonly auth: RouteAuth;
  readonly summary: string;
  readonly tag: string;
  readonly params?: ObjectSchema;
  readonly query?: ObjectSchema;
  readonly body?: Schema;
  /** Success responses by status; every route may also answer `ErrorBody` with the listed codes. */
  readonly responses: { readonly [status: number]: Schema };
  readonly errors: readonly ErrorCode[];
  /** Mutations take an `Idempotency-Key` header; the server replays the first answer for a repeated key. */
  readonly idempotent?: boolean;
  readonly rateLimited?: boolean;
}

/** Keeps a route's literal types (method, path, schemas) while checking its shape. */
export function defineRoute<const Route extends RouteDefinition>(route: Route): Route {
  return route;
}

export type SuccessStatus<Route extends RouteDefinition> = Extract<
  keyof Route['responses'],
  200 | 201 | 202 | 204
>;

type InputOf<S> = S extends Schema ? z.input<S> : unknown;

/** Flattens an intersection into one object type, member by member when it is a union. */
type Simplify<T> = T extends unknown ? { [Key in keyof T]: T[Key] } : never;

/** Everything a caller passes: path params, query and body fields, flattened into one object. */
export type RouteInput<Route extends RouteDefinition> = Simplify<
  InputOf<Route['params']> & InputOf<Route['query']> & InputOf<Route['body']>
>;

/** The parsed success body of a route. */
export type RouteOutput<Route extends RouteDefinition> = z.output<Route['responses'][SuccessStatus<Route>]>;

/** Path parameter names of an Express-style path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string);
}
