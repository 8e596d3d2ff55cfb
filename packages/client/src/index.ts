export * from './billing-api-error.js';
export * from './billing-keys.js';
export * from './billing-queries.js';
export type { FailMode } from './check-fail-mode.js';
export * from './create-billing-client.js';
export type { RetryPolicy } from './retry-policy.js';
export type { RequestOptions } from './send-request.js';
