// `npm run screenshots`: runs the demo's end-to-end tests in Chromium (apps/demo/e2e) and keeps the key
// screens they photograph in docs/screenshots/, where the README shows them. Needs /usr/bin/chromium.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, BILLING_SCREENSHOTS_DIR: 'docs/screenshots' },
});
process.exit(result.status ?? 1);
