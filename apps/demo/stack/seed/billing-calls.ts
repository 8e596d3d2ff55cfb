/** Who a seeding call is made as: a persona's bearer token, or the server-to-server key. */
export type Caller = { token: string } | { apiKey: string };

export interface BillingCallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  idempotencyKey?: string;
}

/**
 * Seeding goes through the billing API over HTTP, the way the demo UI and a host backend would, so the
 * story it writes is one the server itself accepted.
 */
export function billingApi(origin: string) {
  return async function call<T = unknown>(
    caller: Caller,
    path: string,
    options: BillingCallOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if ('token' in caller) headers.authorization = `Bearer ${caller.token}`;
    else headers['x-billing-api-key'] = caller.apiKey;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(`${origin}/api/billing${path}`, {
      method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    const body = (await response.json()) as T;
    if (!response.ok) {
      throw new Error(
        `${options.method ?? 'call'} ${path} answered ${response.status}: ${JSON.stringify(body)}`,
      );
    }
    return body;
  };
}

export type BillingApiCall = ReturnType<typeof billingApi>;
