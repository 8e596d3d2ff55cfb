// `npm start`: the whole product offline in one process — the Stripe emulator, the reference billing server on
// PGlite (data under .data/), the demo API and the built demo app on one origin (apps/demo/stack).
// TypeScript runs through tsx, with workspace packages resolved to their sources.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const launchedAt = Date.now();
const main = fileURLToPath(new URL('../apps/demo/stack/main.ts', import.meta.url));
const child = spawn(process.execPath, ['--conditions=@billing-kit/source', '--import', 'tsx', main], {
  stdio: 'inherit',
  env: { ...process.env, DEMO_LAUNCHED_AT: String(launchedAt) },
});
// Ctrl+C reaches the child from the terminal too; forwarding covers `kill <pid>` of this process.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
