import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every module the entry reaches through relative imports, with the packages each one imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (url: URL) => {
    if (graph.has(url.href)) return;
    const source = readFileSync(url, 'utf8');
    const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(
      (match) => match[1] ?? '',
    );
    graph.set(
      url.href,
      specifiers.filter((specifier) => !specifier.startsWith('.')),
    );
    for (const specifier of specifiers.filter((candidate) => candidate.startsWith('.'))) {
      visit(new URL(specifier.replace(/\.js$/, '.ts'), url));
    }
  };
  visit(new URL(entry, import.meta.url));
  return graph;
}

describe('entry points', () => {
  it('keeps the root entry free of Node-only and browser-only imports', () => {
    const packages = new Set([...importGraph('./index.ts').values()].flat());
    expect([...packages].sort()).toEqual(['@billing-kit/contracts', 'msw']);
  });

  it('confines msw/node and msw/browser to their own entries', () => {
    expect(new Set([...importGraph('./node.ts').values()].flat())).toContain('msw/node');
    expect(new Set([...importGraph('./browser.ts').values()].flat())).toContain('msw/browser');
    expect(new Set([...importGraph('./browser.ts').values()].flat())).not.toContain('msw/node');
  });
});
