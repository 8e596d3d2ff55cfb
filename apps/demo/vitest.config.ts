import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// One project for the demo. Tests run in Node by default (the stack under stack/**); the UI's tests
// under src/** opt into jsdom per file with `// @vitest-environment jsdom`.
export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: 'demo',
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}', 'stack/**/*.test.ts'],
      setupFiles: ['./src/test/setup.ts'],
    },
  }),
);
