import { ConfigError, loadConfig, runBillingServer } from '@billing-kit/server';

// The deployable billing server: configuration from the environment, PGlite under .data/ unless
// DATABASE_URL is set, migrations on start, and a graceful stop on SIGTERM/SIGINT.
async function main(): Promise<void> {
  const server = await runBillingServer(loadConfig());
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
