import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createStore,
  restoreStore,
  type StoreCollections,
  type StoreSnapshot,
  snapshotStore,
} from './store.js';

const formatVersion = 1;

export function loadStore(path: string | undefined): StoreCollections {
  if (!path || !existsSync(path)) return createStore();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: number; collections?: StoreSnapshot };
  if (parsed.version !== formatVersion || !parsed.collections) {
    throw new Error(`${path} is not a stripe-emulator state file (version ${formatVersion}).`);
  }
  return restoreStore(parsed.collections);
}

export function saveStore(path: string, store: StoreCollections): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: formatVersion, collections: snapshotStore(store) }));
  // Rename is atomic, so a crash mid-write never leaves a half-written state file.
  renameSync(temporary, path);
}

/** Saves at most every `delayMs` after changes, and once more on flush. */
export class DebouncedSaver {
  readonly #path: string;
  readonly #store: StoreCollections;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | null = null;

  constructor(path: string, store: StoreCollections, delayMs = 200) {
    this.#path = path;
    this.#store = store;
    this.#delayMs = delayMs;
  }

  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      saveStore(this.#path, this.#store);
    }, this.#delayMs);
    this.#timer.unref();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    saveStore(this.#path, this.#store);
  }
}
