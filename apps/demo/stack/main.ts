import { startDemoStack } from './stack.js';

// `npm start`: the whole demo in this process. `ready in` counts from when `npm start` launched us
// (scripts/start.mjs passes its start time), or from this process's own start.
const launchedAt = Number(process.env.DEMO_LAUNCHED_AT) || Date.now() - performance.now();

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number`);
  return port;
}

// Until the stack is up there is nothing to stop cleanly: a seed cut short is redone on the next start.
const quitWhileStarting = () => {
  console.log('\nstopped while starting');
  process.exit(130);
};
process.once('SIGINT', quitWhileStarting);
process.once('SIGTERM', quitWhileStarting);

async function main(): Promise<void> {
  const startupMs = Math.round(Date.now() - launchedAt);
  const stack = await startDemoStack({
    port: portFromEnv('DEMO_PORT', 4400),
    emulatorPort: portFromEnv('DEMO_STRIPE_PORT', 4401),
    ...(process.env.DEMO_DATA_DIR ? { dataDir: process.env.DEMO_DATA_DIR } : {}),
    ...(process.env.DEMO_ADMIN_CUSTOMERS ? { adminCustomers: Number(process.env.DEMO_ADMIN_CUSTOMERS) } : {}),
  });
  const timings = [['node + imports', startupMs] as const, ...stack.phases]
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
    .join(' · ');
  const readySeconds = ((Date.now() - launchedAt) / 1000).toFixed(1);
  const ui = {
    built: 'built just now',
    'up-to-date': 'built, up to date',
    'no-ui-sources':
      'not built yet (apps/demo has no vite.config.ts / index.html): a placeholder page is served',
    skipped: 'not built (skipped)',
    failed: 'the build failed (see above): a placeholder page is served',
  }[stack.ui];
  console.log(`
billing-kit demo
  demo             ${stack.url}   (${ui})
  billing API      ${stack.url}/api/billing
  demo API         ${stack.url}/demo/session
  Stripe emulator  ${stack.emulatorUrl}   (hosted checkout, portal, invoices)
  data             ${stack.dataDir}   (${stack.data.kind === 'seeded' ? `seeded in ${(stack.data.seedMs / 1000).toFixed(1)} s` : 'reused'}; npm run reset wipes it)
  demo time        ${stack.now().toISOString()}

  Personas are picked in the demo: Free, Pro trial, Pro, Past due, Enterprise, and "Platform admin" for the
  admin console (every customer, invoices, metrics, credit grants). Ctrl+C stops; the data stays.

  ${timings}
ready in ${readySeconds} s`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo …`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.off('SIGINT', quitWhileStarting);
  process.off('SIGTERM', quitWhileStarting);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const { code, port } = error as { code?: string; port?: number };
  if (code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use — is the demo already running? Stop it, or pick other ports with
DEMO_PORT and DEMO_STRIPE_PORT (0 picks free ones).`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
