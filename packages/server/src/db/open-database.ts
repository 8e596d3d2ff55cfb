import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

export interface DatabaseLocation {
  /** A PostgreSQL URL; when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** Where embedded PGlite keeps its files; undefined means in memory. */
  dataDir?: string | undefined;
}

/** PostgreSQL when a URL is given, otherwise embedded PGlite. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.databaseUrl) return openPostgresDatabase({ connectionString: location.databaseUrl });
  return openPgliteDatabase(location.dataDir === undefined ? {} : { dataDir: location.dataDir });
}
