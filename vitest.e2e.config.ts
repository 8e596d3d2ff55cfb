// The demo end to end in Debian's Chromium against `npm start`'s stack (apps/demo/e2e). Not part of
// `npm test` (which needs only Node); `.ci/run` installs Chromium and runs it; `npm run screenshots` runs it
// to refresh the README's screenshots.
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@billing-kit/source', ...defaultServerConditions] } },
  test: {
    name: 'e2e',
    include: ['apps/demo/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
