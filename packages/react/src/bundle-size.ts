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
  'the whole kit (react + client + contracts)':
    "export * from '@billing-kit/react'; export { createBillingClient } from '@billing-kit/client';",
  'opt-in: the client validating answers (+ route table, zod/mini)':
    "import { routes } from '@billing-kit/contracts'; import { createBillingClient } from '@billing-kit/client';" +
    ' export const createValidatingClient = (baseUrl: string) => createBillingClient({ baseUrl, validateResponses: routes });',
} as const;

/**
 * Budgets held by a test (PERF.md: PricingTable ≤ 10 kB, under Autumn's hooks-only SDK; the whole kit
 * ≤ 35 kB). The whole kit ships no zod: the client calls the API from the contracts' schema-free route
 * manifest and recognises error bodies without a schema, while the server and the mocks validate with the
 * schemas (on `zod/mini`). A host that wants answers validated in the client passes the route table and
 * pays for it (the opt-in line of `npm run bench`, ~20 kB). Classic zod had made the kit ~125 kB.
 */
export const bundleBudgets: Partial<Record<keyof typeof bundleEntries, number>> = {
  PricingTable: 10_000,
  'the whole kit (react + client + contracts)': 35_000,
};

export const bundleTargets: Partial<Record<keyof typeof bundleEntries, number>> = { ...bundleBudgets };

const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  '@stripe/react-stripe-js',
  '@stripe/stripe-js',
];

export interface BundleMeasure {
  minified: number;
  gzipped: number;
  /** The source files that ended up in the bundle, relative to the working directory. */
  modules: string[];
}

export async function measureBundle(source: string): Promise<BundleMeasure> {
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
    metafile: true,
  });
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  const modules = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, modules };
}
