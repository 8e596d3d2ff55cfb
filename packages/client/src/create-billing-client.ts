import {
  type RouteDefinition,
  type RouteInput,
  type RouteManifestEntry,
  type RouteName,
  type RouteOutput,
  type Routes,
  routeManifest,
} from '@billing-kit/contracts';
import { checkWithFailMode, type FailMode } from './check-fail-mode.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { type RequestOptions, sendRequest } from './send-request.js';

export interface BillingClientOptions {
  /** Where the billing router is mounted, e.g. `https://api.example.com/api/billing` or `/api/billing`. */
  baseUrl: string;
  /** The host app's own token for the signed-in user, sent as a bearer token. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Server-to-server key for check/track. Never put it in a browser bundle. */
  apiKey?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Default timeout of every request, in milliseconds. */
  timeoutMs?: number;
  /**
   * What `check` answers when the billing server cannot be reached or times out: `closed` (the
   * default) denies, `open` allows. Either way the answer carries `degraded` so the host can log it.
   */
  failMode?: FailMode;
  headers?: Record<string, string>;
  /**
   * The route table, `routes` from `@billing-kit/contracts`, to parse every answer with its route's
   * response schema (a stray answer throws a `BillingApiError` naming the field). Off by default: the
   * schemas and zod/mini add ~20 kB gzipped to a browser bundle (the whole kit is ~27 kB without them).
   */
  validateResponses?: { readonly [Name in RouteName]: Pick<RouteDefinition, 'responses'> };
}

type EmptyInput = Record<never, never>;
type InputFor<Route extends RouteDefinition> = RouteInput<Route>;

/** Routes whose input has no required field may be called with no argument. */
export type ClientMethod<Route extends RouteDefinition> =
  EmptyInput extends InputFor<Route>
    ? (input?: InputFor<Route>, options?: RequestOptions) => Promise<RouteOutput<Route>>
    : (input: InputFor<Route>, options?: RequestOptions) => Promise<RouteOutput<Route>>;

/** `check` also takes a fail mode of its own, overriding the client's. */
export type CheckOptions = RequestOptions & { failMode?: FailMode };

/** One method per route of the contract, named as the route, typed by its schemas. */
export type BillingClient = { readonly [Name in Exclude<RouteName, 'check'>]: ClientMethod<Routes[Name]> } & {
  readonly check: (
    input: RouteInput<Routes['check']>,
    options?: CheckOptions,
  ) => Promise<RouteOutput<Routes['check']>>;
};

export function createBillingClient(options: BillingClientOptions): BillingClient {
  const config = {
    baseUrl: options.baseUrl,
    retry: { ...defaultRetryPolicy, ...options.retry },
    ...(options.getToken ? { getToken: options.getToken } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
  const client: Record<
    string,
    (input?: Record<string, unknown>, requestOptions?: RequestOptions) => Promise<unknown>
  > = {};
  for (const [name, route] of Object.entries(routeManifest) as [RouteName, RouteManifestEntry][]) {
    const responses = options.validateResponses?.[name].responses;
    client[name] = (input = {}, requestOptions) =>
      sendRequest(config, route, input, requestOptions, responses);
  }
  const send = client.check as (input: Record<string, unknown>, options?: RequestOptions) => Promise<unknown>;
  client.check = (input = {}, requestOptions: CheckOptions = {}) =>
    checkWithFailMode(send, input, requestOptions, requestOptions.failMode ?? options.failMode ?? 'closed');
  return Object.freeze(client) as unknown as BillingClient;
}
