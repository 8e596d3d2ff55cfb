import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newDemoState, readDemoState, SEED_VERSION, writeDemoState } from './demo-state.js';
import { type DemoStack, startDemoStack } from './stack.js';

let dataDir: string | undefined;
let stack: DemoStack | undefined;

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('seeds a data dir afresh when the last seed died half-way, and leaves files not its own alone', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'billing-kit-demo-crashed-'));
  // What a seed killed half-way leaves: demo.json without its marker, a PGlite directory that is not one,
  // a torn emulator state file. Beside them, another tool's data.
  writeDemoState(dataDir, newDemoState());
  mkdirSync(join(dataDir, 'pglite', 'base'), { recursive: true });
  writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), 'garbage');
  writeFileSync(join(dataDir, 'stripe.json'), '{"version": 1, "collec');
  mkdirSync(join(dataDir, 'billing'));
  writeFileSync(join(dataDir, 'billing', 'keep.txt'), 'apps/server data');

  stack = await startDemoStack({
    dataDir,
    port: 0,
    emulatorPort: 0,
    adminCustomers: 50,
    buildUi: false,
    logLevel: 'silent',
    log: () => {},
  });
  expect(stack.data.kind).toBe('seeded');
  expect(readDemoState(dataDir)?.seed).toMatchObject({ version: SEED_VERSION, adminCustomers: 50 });
  const session = (await (await fetch(`${stack.url}/demo/session`)).json()) as {
    personas: { id: string; token: string }[];
  };
  const pro = session.personas.find((persona) => persona.id === 'pro');
  const subscription = await fetch(`${stack.url}/api/billing/accounts/acct_demo_pro/subscription`, {
    headers: { authorization: `Bearer ${pro?.token}` },
  });
  expect(await subscription.json()).toMatchObject({ planId: 'pro', status: 'active' });
  expect(readFileSync(join(dataDir, 'billing', 'keep.txt'), 'utf8')).toBe('apps/server data');
}, 180_000);
