import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedCatalog, createBillingEngine } from '@billing-kit/server';
import { type StripeEmulatorHandle, startStripeEmulator } from '@billing-kit/stripe-emulator';
import express from 'express';
import Stripe from 'stripe';
import {
  type BillingBackend,
  createDemoBillingApp,
  DEMO_STRIPE_KEY,
  type LogLevel,
  openBillingBackend,
} from './billing-server.js';
import { demoApi } from './demo-api.js';
import {
  type DemoState,
  isSeeded,
  newDemoState,
  readDemoState,
  SEED_VERSION,
  writeDemoState,
} from './demo-state.js';
import { DemoTime } from './demo-time.js';
import { type HttpHost, listen } from './http-host.js';
import { repoRoot } from './paths.js';
import { latestClockTime } from './persona-clocks.js';
import { type PersonaId, signPersonas } from './personas.js';
import { billingApi } from './seed/billing-calls.js';
import { seededRandom } from './seed/random.js';
import { seedDemo } from './seed/seed-demo.js';
import { staticApp } from './static-app.js';
import { createTimeTravel } from './time-travel.js';
import { buildUiIfStale, distDir, type UiBuildOutcome } from './ui-build.js';

export interface DemoStackOptions {
  /** Where PGlite, the emulator's state and demo.json live; default `<repo>/.data`. */
  dataDir?: string;
  /** The demo origin's port (default 4400; 0 picks a free one). */
  port?: number;
  /** The Stripe emulator's port (default 4401; 0 picks a free one). */
  emulatorPort?: number;
  host?: string;
  /** Customers for the admin table on the first start (default 2,000). */
  adminCustomers?: number;
  /** Build `apps/demo` when stale (default true). */
  buildUi?: boolean;
  logLevel?: LogLevel;
  log?: (line: string) => void;
}

export interface DemoStack {
  url: string;
  emulatorUrl: string;
  dataDir: string;
  /** `seeded` on a first start (with how long it took), `reused` when `.data/` was already seeded. */
  data: { kind: 'seeded'; seedMs: number } | { kind: 'reused' };
  ui: UiBuildOutcome;
  /** Milliseconds each startup phase took, in order, for the summary `npm start` prints. */
  phases: [string, number][];
  now(): Date;
  stop(): Promise<void>;
}

const billingPaths = /^\/(api\/billing(\/|$)|healthz$|readyz$|metrics$)/;

/**
 * The whole demo in one process: the Stripe emulator, the billing server on PGlite, the demo API and the
 * built demo app on one origin. The first start seeds `.data/`; later starts reopen it as it was left.
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const phases: [string, number][] = [];
  let phaseStarted = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases.push([name, Math.round(now - phaseStarted)]);
    phaseStarted = now;
  };
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? join(repoRoot, '.data');
  const adminCustomers = options.adminCustomers ?? 2_000;

  // Bound first: a second `npm start` fails here, on the port, before it could touch the first one's data.
  const http = await listen(options.port ?? 4400, host);
  let state: DemoState | null = readDemoState(dataDir);
  const reused = isSeeded(state);
  if (!reused) {
    // Never seeded, seeded by another version, or a seed that died half-way: start clean. Only the demo's
    // own files go; anything else in the directory (apps/server's `.data/billing`) is left alone.
    for (const entry of ['demo.json', 'demo.json.tmp', 'pglite', 'stripe.json', 'stripe.json.tmp']) {
      rmSync(join(dataDir, entry), { recursive: true, force: true });
    }
    state = newDemoState();
  }
  const demoState = state as DemoState;
  const time = new DemoTime(demoState.time);
  const persist = () => writeDemoState(dataDir, { ...demoState, time: time.saved() });

  // The build runs while the data is opened (or seeded); a failed build leaves the APIs up and says why.
  const uiBuild: Promise<UiBuildOutcome> =
    options.buildUi === false
      ? Promise.resolve('skipped')
      : buildUiIfStale(log).catch((error: unknown) => {
          log(`the demo app failed to build: ${error instanceof Error ? error.message : String(error)}`);
          return 'failed';
        });
  let emulator: StripeEmulatorHandle | undefined;
  let backend: BillingBackend | undefined;
  try {
    emulator = await startStripeEmulator({
      port: options.emulatorPort ?? 4401,
      host,
      persistPath: join(dataDir, 'stripe.json'),
      webhooks: [{ url: `${http.origin}/api/billing/webhooks/stripe` }],
      // A failed delivery is retried soon: the time-travel control waits for every delivery to settle.
      retrySchedule: [250, 1_000, 3_000],
      now: () => time.now().getTime(),
    });
    phase('emulator');
    backend = await openBillingBackend({
      pgliteDir: join(dataDir, 'pglite'),
      emulatorUrl: emulator.url,
      webhookSecret: emulator.webhookSecret,
    });
    phase('database + catalog sync');
    const personas = await signPersonas(demoState.jwtSecret);
    const stripe = new Stripe(DEMO_STRIPE_KEY, { ...emulator.stripeConfig, maxNetworkRetries: 1 });
    const clocks: Partial<Record<PersonaId, string>> = { ...(demoState.seed?.clocks ?? {}) };
    // A stop in the middle of a jump can leave the clocks ahead of the saved offset: catch the demo time up.
    const clocksAt = await latestClockTime(stripe, Object.values(clocks));
    if (clocksAt && clocksAt > time.now()) {
      time.resumeFrom(clocksAt);
      persist();
    }
    // Overage (voice words past the allowance) is sent to Stripe before every jump, as the reference
    // server's schedule would have by then, so it shows on the renewal invoice the jump produces.
    const engine = createBillingEngine({
      db: backend.database,
      catalog: cachedCatalog(backend.database),
      now: () => time.now(),
      stripe: backend.stripe,
    });
    const advance = createTimeTravel({
      stripe,
      emulator,
      time,
      clockIds: () => Object.values(clocks),
      persist,
      beforeJump: () => engine.reportUsage(),
    });
    const billingApp = createDemoBillingApp(backend, {
      jwtSecret: demoState.jwtSecret,
      apiKey: demoState.apiKey,
      origin: http.origin,
      now: () => time.now(),
      logLevel: options.logLevel ?? 'warn',
    });
    const app = express();
    app.disable('x-powered-by');
    app.use(
      '/demo',
      demoApi({ emulatorUrl: emulator.url, now: () => time.now(), personas: () => personas, advance }),
    );
    app.use((request, response, next) =>
      billingPaths.test(request.path) ? billingApp(request, response, next) : next(),
    );
    app.use(staticApp(distDir));
    http.serve(app);
    phase('apps');

    let data: DemoStack['data'] = { kind: 'reused' };
    if (!reused) {
      const seedStarted = performance.now();
      const end = new Date(Math.floor(Date.now() / 1000) * 1000);
      log(`first start: seeding demo data into ${dataDir} …`);
      await seedDemo(
        {
          origin: http.origin,
          apiKey: demoState.apiKey,
          call: billingApi(http.origin),
          stripe,
          emulator,
          database: backend.database,
          time,
          tokens: Object.fromEntries(personas.map((persona) => [persona.id, persona.token])) as Record<
            PersonaId,
            string
          >,
          random: seededRandom(20261202),
          clocks,
          log,
        },
        { end, adminCustomers },
      );
      const seedMs = Math.round(performance.now() - seedStarted);
      // Resumed at the wall clock, not at `end`: what the server dated by the database's clock while seeding
      // (a pack's grant) must not lie in the demo's future.
      time.resumeFrom(new Date(Math.max(end.getTime(), Date.now())));
      // The marker is written last: a seed that dies before this line is wiped and redone next start.
      demoState.seed = {
        version: SEED_VERSION,
        completedAt: new Date().toISOString(),
        seededInMs: seedMs,
        adminCustomers,
        clocks,
      };
      persist();
      data = { kind: 'seeded', seedMs };
      phase('seed');
    }
    const ui = await uiBuild;
    phase('ui build (wait)');
    const running = { emulator, backend };
    let stopping: Promise<void> | undefined;
    return {
      url: http.origin,
      emulatorUrl: emulator.url,
      dataDir,
      data,
      ui,
      phases,
      now: () => time.now(),
      stop() {
        stopping ??= stopEverything(http, running.emulator, running.backend, () => {
          if (demoState.seed) persist();
        });
        return stopping;
      },
    };
  } catch (error) {
    await stopEverything(http, emulator, backend, () => {}).catch(() => undefined);
    throw error;
  }
}

async function stopEverything(
  http: HttpHost,
  emulator: StripeEmulatorHandle | undefined,
  backend: BillingBackend | undefined,
  persist: () => void,
): Promise<void> {
  // Deliveries in flight are not persisted by the emulator: let them land (briefly) before it stops.
  if (emulator) {
    await Promise.race([emulator.waitForDeliveries(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await emulator.stop();
  }
  await http.close();
  await backend?.database.close();
  persist();
}
