import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory `npm start` ran from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const demoAppDir = fileURLToPath(new URL('../', import.meta.url));
