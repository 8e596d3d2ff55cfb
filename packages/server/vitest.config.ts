import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// Setup hooks open a database (about 1 s from the cached template, 5 s when the template is rebuilt after
// a migration changes) on a 2-core machine shared with other suites.
export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'server', environment: 'node', hookTimeout: 60_000 } }),
);
