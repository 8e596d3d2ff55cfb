import type { RouteDefinition, RouteManifestEntry } from '@billing-kit/contracts';
import { BillingApiError, BillingNetworkError } from './billing-api-error.js';
import { errorFromResponse, safeJson } from './error-response.js';
import { joinUrl, splitInput } from './request-url.js';
import { backoffDelay, type RetryPolicy, sleep } from './retry-policy.js';

export interface RequestOptions {
  /** Cancels the request (and any retry wait); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** For mutations: a key of your own, so a retry of yours is recognised. One is generated otherwise. */
  idempotencyKey?: string;
  /** Gives up after this long with a `BillingNetworkError` of reason `timeout`. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export interface TransportConfig {
  baseUrl: string;
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  apiKey?: string;
  fetch?: typeof fetch;
  retry: RetryPolicy;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** A route's success schemas, when the host asked for answers to be validated. */
export type ResponseSchemas = RouteDefinition['responses'];

export async function sendRequest(
  config: TransportConfig,
  route: RouteManifestEntry,
  input: Record<string, unknown>,
  options: RequestOptions = {},
  responses?: ResponseSchemas,
): Promise<unknown> {
  const { path, query, body } = splitInput(route, input);
  const url = joinUrl(config.baseUrl, path, query);
  const headers = await headersFor(config, route, options, body !== undefined);
  const isRead = route.method === 'GET';
  const attempts = isRead ? Math.max(1, config.retry.attempts) : 1;
  for (let attempt = 0; ; attempt++) {
    const retriesLeft = attempt + 1 < attempts;
    let response: Response;
    try {
      response = await fetchOnce(
        config,
        url,
        {
          method: route.method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        },
        options,
      );
    } catch (error) {
      if (!(error instanceof BillingNetworkError) || !retriesLeft) throw error;
      await sleep(backoffDelay(config.retry, attempt), options.signal);
      continue;
    }
    if (response.ok) return parseSuccess(route, response, responses);
    if (response.status >= 500 && retriesLeft) {
      // Drain the body so the connection can be reused (cancelling a mocked stream can hang).
      await response.arrayBuffer().catch(() => undefined);
      await sleep(backoffDelay(config.retry, attempt), options.signal);
      continue;
    }
    throw await errorFromResponse(response);
  }
}

async function headersFor(
  config: TransportConfig,
  route: RouteManifestEntry,
  options: RequestOptions,
  hasBody: boolean,
) {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...config.headers,
    ...options.headers,
  };
  if (hasBody) headers['content-type'] = 'application/json';
  const token = await config.getToken?.();
  if (token) headers.authorization = `Bearer ${token}`;
  if (config.apiKey) headers['x-billing-api-key'] = config.apiKey;
  if (route.method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
  return headers;
}

async function fetchOnce(config: TransportConfig, url: string, init: RequestInit, options: RequestOptions) {
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [options.signal, timeout].filter((signal): signal is AbortSignal => signal !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  // Resolved per call, not at creation, so a fetch patched later (MSW, test doubles) is the one used.
  const doFetch = config.fetch ?? globalThis.fetch;
  try {
    return await doFetch(url, signal ? { ...init, signal } : init);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout?.aborted) {
      throw new BillingNetworkError('timeout', `No answer from ${url} within ${timeoutMs} ms`, {
        cause: error,
      });
    }
    throw new BillingNetworkError('network', `Could not reach ${url}`, { cause: error });
  }
}

async function parseSuccess(
  route: RouteManifestEntry,
  response: Response,
  responses: ResponseSchemas | undefined,
): Promise<unknown> {
  const text = await response.text();
  if (response.status === 204) return undefined;
  const body = safeJson(text);
  const schema = responses ? (responses[response.status] ?? Object.values(responses)[0]) : undefined;
  if (schema === undefined) {
    if (body !== undefined) return body;
    throw new BillingApiError({
      status: response.status,
      code: 'internal',
      message: `The answer to ${route.method} ${route.path} is not JSON`,
    });
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new BillingApiError({
    status: response.status,
    code: 'internal',
    message: `The answer to ${route.method} ${route.path} does not match the billing contract`,
    details: {
      issues: parsed.error.issues.map((issue) => ({
        field: ['response', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    },
  });
}
