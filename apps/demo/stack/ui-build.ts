import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { demoAppDir, repoRoot } from './paths.js';

export const distDir = join(demoAppDir, 'dist');
const stampPath = join(distDir, '.stack-build.json');
const viteConfig = join(demoAppDir, 'vite.config.ts');

// What the demo bundle is built from: the app itself and the browser-side packages it may import. The
// server and the emulator never reach the browser, so their changes do not rebuild it.
const sourceRoots = [
  join(demoAppDir, 'src'),
  join(demoAppDir, 'public'),
  join(demoAppDir, 'index.html'),
  viteConfig,
  join(demoAppDir, 'package.json'),
  ...['contracts', 'client', 'react', 'mocks'].map((name) => join(repoRoot, 'packages', name, 'src')),
];

function listFiles(path: string, into: string[]): void {
  if (!existsSync(path)) return;
  const stats = statSync(path);
  if (!stats.isDirectory()) {
    into.push(`${relative(repoRoot, path)}:${stats.size}:${Math.trunc(stats.mtimeMs)}`);
    return;
  }
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    listFiles(join(path, entry), into);
  }
}

/** A fingerprint of the sources' paths, sizes and modification times: a stat walk, no file is read. */
export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const root of sourceRoots) listFiles(root, files);
  return createHash('sha256').update(files.sort().join('\n')).digest('hex');
}

export const uiSourcesExist = () => existsSync(viteConfig) && existsSync(join(demoAppDir, 'index.html'));

function builtFingerprint(): string | null {
  if (!existsSync(join(distDir, 'index.html')) || !existsSync(stampPath)) return null;
  try {
    return (JSON.parse(readFileSync(stampPath, 'utf8')) as { fingerprint?: string }).fingerprint ?? null;
  } catch {
    return null;
  }
}

export type UiBuildOutcome = 'built' | 'up-to-date' | 'no-ui-sources' | 'skipped' | 'failed';

/**
 * Builds `apps/demo` with its own Vite config when `dist/` is missing or older than its sources, so a warm
 * start serves what is there. Vite is imported only when a build is due: loading it costs a second.
 */
export async function buildUiIfStale(log: (line: string) => void): Promise<UiBuildOutcome> {
  if (!uiSourcesExist()) return 'no-ui-sources';
  const fingerprint = sourceFingerprint();
  if (builtFingerprint() === fingerprint) return 'up-to-date';
  log('building the demo app (vite build) …');
  const { build } = await import('vite');
  await build({ root: demoAppDir, configFile: viteConfig, logLevel: 'warn', mode: 'production' });
  writeFileSync(stampPath, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
  return 'built';
}
