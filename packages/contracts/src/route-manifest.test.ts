import { describe, expect, test } from 'vitest';
import type { RouteDefinition } from './route.js';
import { type RouteManifestEntry, routeManifest } from './route-manifest.js';
import { routes } from './routes.js';

/** The manifest an entry of the route table implies. */
function entryOf(route: RouteDefinition): RouteManifestEntry {
  return {
    method: route.method,
    path: route.path,
    ...(route.query ? { query: Object.keys(route.query.shape) } : {}),
    ...(route.body ? { body: true as const } : {}),
  };
}

describe('the route manifest', () => {
  test('is the route table without its schemas: same routes, methods, paths, query keys and bodies', () => {
    const implied = Object.fromEntries(
      Object.entries(routes as Record<string, RouteDefinition>).map(([name, route]) => [
        name,
        entryOf(route),
      ]),
    );
    expect(routeManifest).toEqual(implied);
  });
});
