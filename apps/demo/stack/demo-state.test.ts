import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  demoStatePath,
  isSeeded,
  newDemoState,
  readDemoState,
  SEED_VERSION,
  writeDemoState,
} from './demo-state.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const marker = { version: SEED_VERSION, completedAt: '', seededInMs: 1, adminCustomers: 1, clocks: {} };

describe('the seed marker in demo.json', () => {
  it('counts a directory as seeded only with a marker of this version', () => {
    expect(isSeeded(readDemoState(dir))).toBe(false);
    const state = newDemoState();
    writeDemoState(dir, state);
    expect(isSeeded(readDemoState(dir))).toBe(false);
    writeDemoState(dir, { ...state, seed: { ...marker, version: SEED_VERSION - 1 } });
    expect(isSeeded(readDemoState(dir))).toBe(false);
    writeDemoState(dir, { ...state, seed: marker });
    expect(isSeeded(readDemoState(dir))).toBe(true);
    expect(readDemoState(dir)?.jwtSecret).toBe(state.jwtSecret);
  });

  it('treats a torn file as never seeded, so the next start seeds again', () => {
    writeFileSync(demoStatePath(dir), '{"jwtSecret": "abc", "seed": {"vers');
    expect(readDemoState(dir)).toBeNull();
  });

  it('generates a secret long enough for HS256 and an API key the server accepts', () => {
    const state = newDemoState();
    expect(state.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(state.apiKey.length).toBeGreaterThanOrEqual(16);
  });
});
