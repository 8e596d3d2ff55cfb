// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { bundleBudgets, bundleEntries, measureBundle } from './bundle-size.js';

describe('bundle budgets (min + gzip -9, React and TanStack Query external)', () => {
  test.each(Object.entries(bundleBudgets))('%s stays within %i bytes', async (name, budget) => {
    const { gzipped } = await measureBundle(bundleEntries[name as keyof typeof bundleEntries]);
    expect(gzipped, `${name} is ${gzipped} B gzipped; its budget is ${budget} B`).toBeLessThanOrEqual(budget);
  });

  test('PricingTable alone does not drag in the client or the route table', async () => {
    const pricingTable = await measureBundle(bundleEntries.PricingTable);
    const wholeKit = await measureBundle(bundleEntries['the whole kit (react + client + contracts)']);
    expect(pricingTable.gzipped).toBeLessThan(wholeKit.gzipped / 2);
  });

  test('the whole kit ships no zod and no schema: the client calls the API from the route manifest', async () => {
    const { modules } = await measureBundle(bundleEntries['the whole kit (react + client + contracts)']);
    const contracts = modules.filter((path) => path.includes('packages/contracts/'));
    expect(modules.filter((path) => path.includes('node_modules/zod/'))).toEqual([]);
    expect(
      contracts.every((path) => /\/(route-manifest|route|error-codes)\.ts$/.test(path)),
      contracts.join(', '),
    ).toBe(true);
  });
});
