// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, test } from 'vitest';
import type { PageId } from './demo-location.ts';
import type { PersonaId } from './session/demo-session.ts';
import { renderDemo } from './test/render-demo.tsx';

// jsdom has no canvas; axe probes it for colour checks, which need a real browser anyway.
HTMLCanvasElement.prototype.getContext = () => null;

async function violationsOf(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

const views: [PersonaId, PageId, string][] = [
  ['free', 'write', 'Your credits'],
  ['pro', 'pricing', 'Pricing'],
  ['past_due', 'billing', 'Fix payment'],
  ['admin', 'admin', 'Customers'],
];

describe('every page has landmarks, labelled controls and no axe violations', () => {
  test.each(views)('%s on %s', async (persona, page, loadedText) => {
    const { container } = renderDemo({ as: persona, page });
    await screen.findAllByText(loadedText);
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(await violationsOf(container)).toEqual([]);
  });
});
