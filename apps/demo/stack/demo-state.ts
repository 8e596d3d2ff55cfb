import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersonaId } from './personas.js';

/** Bumped whenever the seeded story changes, so an older `.data/` is wiped and seeded again. */
export const SEED_VERSION = 2;

export interface SeedMarker {
  version: number;
  completedAt: string;
  seededInMs: number;
  adminCustomers: number;
  /** One Stripe test clock per persona customer (Stripe allows three customers per clock). */
  clocks: Partial<Record<PersonaId, string>>;
}

/** What `.data/demo.json` keeps between starts. Secrets are generated once, on the first start. */
export interface DemoState {
  jwtSecret: string;
  apiKey: string;
  /** Demo time = wall time + offset; `latestMs` is the furthest demo time handed out, so it never goes back. */
  time: { offsetMs: number; latestMs: number };
  seed: SeedMarker | null;
}

export const demoStatePath = (dataDir: string) => join(dataDir, 'demo.json');

export function newDemoState(): DemoState {
  return {
    jwtSecret: randomBytes(32).toString('base64url'),
    apiKey: `bk_demo_${randomBytes(18).toString('base64url')}`,
    time: { offsetMs: 0, latestMs: 0 },
    seed: null,
  };
}

export function readDemoState(dataDir: string): DemoState | null {
  const path = demoStatePath(dataDir);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DemoState;
  } catch {
    // A torn or hand-edited file: treat the directory as never seeded, which wipes and re-seeds it.
    return null;
  }
}

export function writeDemoState(dataDir: string, state: DemoState): void {
  mkdirSync(dataDir, { recursive: true });
  const path = demoStatePath(dataDir);
  // Written beside and renamed, so a crash never leaves half a file (and with it, a lost secret).
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export const isSeeded = (state: DemoState | null): state is DemoState & { seed: SeedMarker } =>
  state?.seed?.version === SEED_VERSION;
