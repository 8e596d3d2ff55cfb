// Measures what a consumer's bundler ships for one import of the kit: esbuild, minified, tree-shaken,
// with React, ReactDOM and TanStack Query external (the host app has them), gzip -9. Deterministic, so a
// test can hold budgets; `npm run bench` prints the table.

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const bundleEntries = {
  PricingTable: "export { PricingTable } from '@billing-kit/react';",
  BillingDashboard: "export { BillingDashboard } from '@billing-kit/react';",
  UsageMeters: "export { UsageMeters } from '@billing-kit/react';",
  BillingAdmin: "export { BillingAdmin } from '@billing-kit/react';",
  'the whole kit (react + client + contracts + zod)':
    "export * from '@billing-kit/react'; export { createBillingClient } from '@billing-kit/client';",
} as const;

/**
 * Budgets held by a test (PERF.md: PricingTable ≤ 10 kB, under Autumn's hooks-only SDK). The whole kit's
 * 35 kB target is not held yet: classic zod, which the contracts use, is ~93 kB on its own in a browser
 * bundle; moving the contracts to `zod/mini` (~5 kB) is the planned fix. `npm run bench` prints the figure.
 */
export const bundleBudgets: Partial<Record<keyof typeof bundleEntries, number>> = {
  PricingTable: 10_000,
};

export const bundleTargets: Partial<Record<keyof typeof bundleEntries, number>> = {
  ...bundleBudgets,
  'the whole kit (react + client + contracts + zod)': 35_000,
};

const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  '@stripe/react-stripe-js',
  '@stripe/stripe-js',
];

export async function measureBundle(source: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    splitting: false,
    external,
    conditions: ['@billing-kit/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
