// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { bundleBudgets, bundleEntries, measureBundle } from './bundle-size.js';

describe('bundle budgets (min + gzip -9, React and TanStack Query external)', () => {
  test.each(Object.entries(bundleBudgets))('%s stays within %i bytes', async (name, budget) => {
    const { gzipped } = await measureBundle(bundleEntries[name as keyof typeof bundleEntries]);
    expect(gzipped, `${name} is ${gzipped} B gzipped; its budget is ${budget} B`).toBeLessThanOrEqual(budget);
  });

  test('PricingTable alone does not drag in zod or the route table', async () => {
    const pricingTable = await measureBundle(bundleEntries.PricingTable);
    const wholeKit = await measureBundle(bundleEntries['the whole kit (react + client + contracts + zod)']);
    expect(pricingTable.gzipped).toBeLessThan(wholeKit.gzipped / 2);
  });
});
