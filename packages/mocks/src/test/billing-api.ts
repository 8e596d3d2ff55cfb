import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type BillingHandlersOptions, createBillingHandlers } from '../handlers/create-billing-handlers.js';
import type { ScenarioName } from '../scenarios/scenarios.js';
import { createMockStore, type MockStore } from '../store/mock-store.js';

export const ORIGIN = 'http://localhost:3000';

export interface ApiAnswer {
  status: number;
  // Tests read bodies loosely and check them against the contract's schemas where it matters.
  body: Record<string, unknown> & {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
  headers: Headers;
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${ORIGIN}/api/billing${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers } as ApiAnswer;
}

export const api = {
  get: (path: string) => send('GET', path),
  post: (path: string, body?: unknown, headers?: Record<string, string>) =>
    send('POST', path, body ?? {}, headers),
  put: (path: string, body?: unknown, headers?: Record<string, string>) =>
    send('PUT', path, body ?? {}, headers),
  delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
};

/**
 * One MSW server per test file, failing on any request no handler answers. Each test mounts a fresh
 * store, so mutations never leak between tests.
 */
export function useBillingServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return (
    scenario: ScenarioName | MockStore = 'free',
    options: Omit<BillingHandlersOptions, 'scenario'> = {},
  ) => {
    const store = typeof scenario === 'string' ? createMockStore(scenario) : scenario;
    server.use(...createBillingHandlers({ ...options, scenario: store }));
    return store;
  };
}
