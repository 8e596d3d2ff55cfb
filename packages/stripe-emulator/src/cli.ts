#!/usr/bin/env node
import { parseCliOptions, usage } from './cli-options.js';
import { startStripeEmulator } from './emulator.js';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(usage);
    return;
  }
  const emulator = await startStripeEmulator(options);
  console.log(`Stripe emulator listening on ${emulator.url}`);
  console.log(`  SDK: new Stripe('sk_test_…', ${JSON.stringify(emulator.stripeConfig)})`);
  for (const webhook of options.webhooks ?? [])
    console.log(`  webhooks → ${webhook.url} (secret ${emulator.webhookSecret})`);
  if (options.persistPath) console.log(`  state: ${options.persistPath}`);
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
