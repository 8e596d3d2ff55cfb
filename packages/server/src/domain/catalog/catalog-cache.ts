import type { Catalog } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { loadCatalog } from './catalog-store.js';

/**
 * The catalog changes only when someone runs `billing-kit sync`, yet nearly every request reads it; a
 * few seconds of staleness per replica buys one query batch per interval instead of per request.
 */
export function cachedCatalog(
  db: Executor,
  ttlMs = 5_000,
  now: () => number = Date.now,
): () => Promise<Catalog> {
  let cached: { catalog: Promise<Catalog>; loadedAt: number } | undefined;
  return () => {
    if (!cached || now() - cached.loadedAt > ttlMs) {
      const catalog = loadCatalog(db);
      cached = { catalog, loadedAt: now() };
      catalog.catch(() => {
        cached = undefined;
      });
    }
    return cached.catalog;
  };
}
