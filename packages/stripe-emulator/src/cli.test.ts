import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');
const directory = mkdtempSync(join(tmpdir(), 'stripe-emulator-cli-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(directory, { recursive: true, force: true });
});

/** Starts the CLI from source and resolves with the URL it prints. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], {
    env: { ...process.env, STRIPE_SUPPRESS_NOTICES: 'true' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`CLI exited (${code}): ${output}`)));
  });
}

function stopCli(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('billing-kit-stripe-emulator CLI', () => {
  it('serves the API and keeps its state in --data across a restart', async () => {
    const data = join(directory, 'stripe.json');
    const first = await startCli(['--data', data]);
    const port = Number(new URL(first.url).port);
    const stripe = new Stripe('sk_test_cli', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const customer = await stripe.customers.create({ email: 'cli@example.com' });
    await stopCli(first.child);

    const second = await startCli(['--data', data]);
    const again = new Stripe('sk_test_cli', {
      host: '127.0.0.1',
      port: Number(new URL(second.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    expect(((await again.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe('cli@example.com');
    await stopCli(second.child);
  }, 30_000);
});
