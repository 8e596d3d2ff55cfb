import { parseArgs } from 'node:util';
import type { StripeEmulatorOptions } from './emulator.js';

export const usage = `Usage: billing-kit-stripe-emulator [options]

  --port <n>              Port to listen on (default 12111; 0 picks a free one)
  --host <host>           Interface to bind (default 127.0.0.1)
  --webhook <url>         Deliver every event to this URL (repeatable)
  --webhook-secret <s>    Signing secret for --webhook endpoints (default whsec_billing_kit_emulator)
  --data <file>           Keep state in this JSON file across restarts
  --retry-schedule <ms,…> Delays between webhook delivery attempts, in ms
  --help                  Show this help`;

/** Turns command-line arguments into emulator options; throws with a message on bad input. */
export function parseCliOptions(args: string[]): StripeEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      data: { type: 'string' },
      'retry-schedule': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? '12111');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port: ${values.port}`);
  const options: StripeEmulatorOptions = {
    port,
    host: values.host ?? '127.0.0.1',
    webhooks: (values.webhook ?? []).map((url) => ({ url })),
  };
  if (values['webhook-secret']) options.webhookSecret = values['webhook-secret'];
  if (values.data) options.persistPath = values.data;
  if (values['retry-schedule']) {
    const schedule = values['retry-schedule'].split(',').map(Number);
    if (schedule.some((delay) => !Number.isFinite(delay) || delay < 0)) {
      throw new Error(`Invalid --retry-schedule: ${values['retry-schedule']}`);
    }
    options.retrySchedule = schedule;
  }
  return options;
}
