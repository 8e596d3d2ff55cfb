// Runs every story as a test in a real Chromium (Debian's, never a downloaded one): play functions and
// axe checks. Not part of `npm test` (which needs only Node); `.ci/run` installs Chromium and runs it.
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
  optimizeDeps: { include: ['msw', 'msw/browser', 'msw-storybook-addon/csf3', 'react', 'react-dom/client'] },
  test: {
    name: 'storybook',
    setupFiles: ['./.storybook/vitest.setup.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumFlags },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
