import axe from 'axe-core';
import { expect } from 'vitest';

/** Fails with the list of violations, if any. Colour contrast needs a real browser: the Storybook run checks it. */
export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
}
