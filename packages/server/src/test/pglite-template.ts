import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadMigrations, migrate, migrationsFingerprint } from '../db/migrations.js';
import { openPgliteDatabase } from '../db/pglite-database.js';

const STALE_LOCK_MS = 60_000;

// The dump's format belongs to the PGlite build that wrote it, so its version is part of the cache key.
async function pgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest: unknown = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest
    ? String(manifest.version)
    : '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function buildTemplate(path: string): Promise<void> {
  const db = await openPgliteDatabase();
  try {
    await migrate(db);
    const dump = await db.pglite.dumpDataDir('gzip');
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await db.close();
  }
}

/**
 * A gzip dump of a freshly migrated PGlite, cached in the temp dir under the migrations' fingerprint.
 * initdb costs 4–5 s; loading this dump costs about 1 s, so each test file pays the second only. Vitest
 * workers race to build it on a cold cache: one holds a lock file, the others wait for the dump.
 */
export async function pgliteTemplateDump(): Promise<Blob> {
  const fingerprint = migrationsFingerprint(await loadMigrations());
  const path = join(tmpdir(), `billing-kit-pglite-${await pgliteVersion()}-${fingerprint}.tar.gz`);
  const lockPath = `${path}.lock`;
  while (!(await exists(path))) {
    const lock = await open(lockPath, 'wx').catch(() => undefined);
    if (lock) {
      try {
        if (!(await exists(path))) await buildTemplate(path);
      } finally {
        await lock.close();
        await unlink(lockPath).catch(() => {});
      }
      break;
    }
    const lockAge = await stat(lockPath).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (lockAge > STALE_LOCK_MS) await unlink(lockPath).catch(() => {});
    await sleep(100);
  }
  return new Blob([new Uint8Array(await readFile(path))], { type: 'application/x-gzip' });
}
