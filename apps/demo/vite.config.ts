import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, loadEnv } from 'vite';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const stackUrl = process.env.DEMO_STACK_URL ?? 'http://127.0.0.1:4400';

/**
 * `vite` / `vite build`: the live demo, served by the stack on the same origin as `/api/billing` and `/demo`.
 * `--mode offline` (or `VITE_DEMO_MODE=offline`): the same app on the MSW mocks alone, built to
 * `dist-offline` with a relative base so the static files can be hosted under any path.
 */
export default defineConfig(({ mode }) => {
  const offline = mode === 'offline' || loadEnv(mode, appRoot, 'VITE_').VITE_DEMO_MODE === 'offline';
  return {
    root: appRoot,
    base: offline ? './' : '/',
    plugins: [react()],
    define: { 'import.meta.env.VITE_DEMO_MODE': JSON.stringify(offline ? 'offline' : 'live') },
    // Workspace packages are used from their TypeScript sources, as in the tests and Storybook.
    resolve: { conditions: ['@billing-kit/source', ...defaultClientConditions] },
    optimizeDeps: { include: ['msw', 'msw/browser'] },
    build: {
      outDir: offline ? 'dist-offline' : 'dist',
      emptyOutDir: true,
      // Offline carries MSW and the mock scenarios in one lazily loaded chunk of about 550 kB.
      chunkSizeWarningLimit: offline ? 700 : 500,
    },
    // `npm run dev` (live) beside a running stack (`npm start`): its demo and billing APIs, same origin.
    server: offline ? {} : { proxy: { '/demo': stackUrl, '/api': stackUrl } },
    preview: { host: '127.0.0.1' },
  };
});
