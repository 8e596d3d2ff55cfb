/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by vite.config.ts from the mode: `offline` runs on the MSW mocks alone. */
  readonly VITE_DEMO_MODE: 'live' | 'offline';
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
