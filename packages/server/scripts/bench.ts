// `npm run bench -w @billing-kit/server`: check and track over HTTP beside a bare Express JSON route, the
// in-process engine.track beside a raw SQL transaction, and the usage summary over 1,000,000 events (one
// account, spread over three years) — on PGlite, and again on PostgreSQL when BILLING_TEST_DATABASE_URL
// is set (`eval "$(scripts/ci-postgres.sh)"`), in one run, printed as ratios against the ceilings
// (PERF.md). Never a timed test.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { demoCatalog } from '@billing-kit/contracts';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import express from 'express';
import { pino } from 'pino';
import { createBillingApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { cachedCatalog } from '../src/domain/catalog/catalog-cache.js';
import { syncCatalog } from '../src/domain/catalog/catalog-sync.js';
import { createBillingEngine } from '../src/engine/engine.js';
import { createStripeGateway } from '../src/stripe/stripe-gateway.js';
import { pgliteTemplateDump } from '../src/test/pglite-template.js';
import { createTestDatabase } from '../src/test/test-database.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const FIXED_RATE = 300;
const SUMMARY_EVENTS = Number(process.env.BENCH_SUMMARY_EVENTS ?? 1_000_000);
const API_KEY = 'bench-api-key-0123456789';
// Group commit coalesces concurrent calls of one account; the spread rows send the same load to this many
// accounts in turn, so each account sees a fiftieth of it and groups stay small — the other end of what a
// host's traffic looks like (one busy tenant against many quiet ones).
const SPREAD_ACCOUNTS = 50;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** This process's CPU time (user + system) per answered request, µs: the server and autocannon together. */
  cpu: number;
}

function listen(app: express.Express): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

// How long each autocannon run lasts: SECONDS, or 1 s while warming up.
let cannonSeconds = SECONDS;

async function cannon(
  url: string,
  body: unknown,
  /** `keyPrefix`: each request gets an idempotency key of its own; without it, one fixed request is sent. */
  options: { rate?: number; keyPrefix?: string; spread?: (sequence: number) => string } = {},
): Promise<Figures> {
  let sequence = 0;
  const spread = options.spread;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: cannonSeconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { 'content-type': 'application/json', 'x-billing-api-key': API_KEY },
    body: JSON.stringify(body),
    ...(options.keyPrefix !== undefined || spread
      ? {
          requests: [
            {
              setupRequest: (request: CannonRequest): CannonRequest => {
                sequence += 1;
                return {
                  ...request,
                  ...(spread ? { path: spread(sequence) } : {}),
                  headers: {
                    ...request.headers,
                    ...(options.keyPrefix !== undefined
                      ? { 'idempotency-key': `bench-${options.keyPrefix}${sequence}` }
                      : {}),
                  },
                };
              },
            },
          ],
        }
      : {}),
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpu: (cpu.user + cpu.system) / Math.max(1, result.requests.total),
  };
}

async function rate(seconds: number, work: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  while (performance.now() < end) {
    await work();
    done += 1;
  }
  return done / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function benchDatabase(db: Database, label: string, summaryEvents: number) {
  await syncCatalog(db, createStripeGateway({}), demoCatalog);
  const engine = createBillingEngine({ db, catalog: cachedCatalog(db), now: () => new Date() });
  const spreadAccounts = Array.from({ length: SPREAD_ACCOUNTS }, (_, index) => `bench_spread_${index}`);
  for (const id of ['bench_http', 'bench_engine', 'bench_summary', ...spreadAccounts]) {
    await db.query('INSERT INTO accounts (id, name) VALUES ($1, $1)', [id]);
    await engine.grant(
      id,
      { feature: 'credits', amount: 1_000_000_000, reason: 'benchmark', source: 'promotion' },
      {
        type: 'system',
        id: 'bench',
      },
    );
  }

  const bare = express();
  bare.use(express.json());
  bare.post('/bare', (request, response) => {
    response.json({ ok: true, feature: request.body?.feature ?? null });
  });
  const bareServer = await listen(bare);
  const billing = createBillingApp({
    database: db,
    apiKey: API_KEY,
    jwt: { secret: 'bench-secret-0123456789-0123456789-0123' },
    logger: pino({ level: 'silent' }),
    rateLimits: false,
  });
  const billingServer = await listen(billing);
  const accountUrl = `${billingServer.url}/api/billing/accounts/bench_http`;
  const spreadPath = (route: string) => (sequence: number) =>
    `/api/billing/accounts/${spreadAccounts[sequence % SPREAD_ACCOUNTS]}/${route}`;
  const payload = { feature: 'credits', amount: 1 };

  // Every row but one sends the same requests: each with an idempotency key of its own, as track needs (a
  // repeated key is a replay). Making each request costs autocannon, which shares this process and its core,
  // ~40 µs, about a sixth of the bare route's throughput; a ceiling sent one fixed request would charge that
  // to whatever is measured against it. The row with one fixed request shows the difference.
  const runs: [string, (round: number) => Promise<Figures>][] = [
    [
      'bare Express POST (ceiling)',
      (round) => cannon(`${bareServer.url}/bare`, payload, { keyPrefix: `b${round}-` }),
    ],
    ['bare Express POST, one fixed request', () => cannon(`${bareServer.url}/bare`, payload)],
    ['check', (round) => cannon(`${accountUrl}/check`, payload, { keyPrefix: `c${round}-` })],
    ['track', (round) => cannon(`${accountUrl}/track`, payload, { keyPrefix: `t${round}-` })],
    [
      `track, spread over ${SPREAD_ACCOUNTS} accounts`,
      (round) =>
        cannon(`${accountUrl}/track`, payload, { keyPrefix: `s${round}-`, spread: spreadPath('track') }),
    ],
    [
      `bare @ ${FIXED_RATE} req/s`,
      (round) => cannon(`${bareServer.url}/bare`, payload, { rate: FIXED_RATE, keyPrefix: `g${round}-` }),
    ],
    [
      `check @ ${FIXED_RATE} req/s`,
      (round) => cannon(`${accountUrl}/check`, payload, { rate: FIXED_RATE, keyPrefix: `h${round}-` }),
    ],
    [
      `track @ ${FIXED_RATE} req/s`,
      (round) => cannon(`${accountUrl}/track`, payload, { rate: FIXED_RATE, keyPrefix: `f${round}-` }),
    ],
  ];
  const FIXED_FROM = runs.findIndex(([name]) => name.startsWith('bare @'));
  // Rounds interleave the ceiling with what is measured against it, and each ratio is taken within its
  // round before the median is: a shared machine's load swings then move both sides of a ratio together.
  // First one second of each row, not counted, so the JIT has warmed up before the first ceiling is taken.
  cannonSeconds = 1;
  for (const [, run] of runs) await run(-1);
  cannonSeconds = SECONDS;
  const rounds: Figures[][] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const figures: Figures[] = [];
    for (const [, run] of runs) figures.push(await run(round));
    rounds.push(figures);
  }
  bareServer.close();
  billingServer.close();

  console.log(
    `\nHTTP on ${label}, ${CONNECTIONS} connections, ${SECONDS} s each, 127.0.0.1, median of ${ROUNDS} rounds\n`,
  );
  console.log('| run | req/s | vs bare | p50 ms | p99 ms | p99 vs bare | CPU µs/req | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [index, [name]] of runs.entries()) {
    const fixed = index >= FIXED_FROM;
    const of = (pick: (figures: Figures[]) => number) => median(rounds.map(pick));
    const rps = of((figures) => figures[index]?.rps ?? 0);
    const ratio = of((figures) => (figures[index]?.rps ?? 0) / (figures[0]?.rps ?? 1));
    const p99Ratio = of((figures) => (figures[index]?.p99 ?? 0) / (figures[FIXED_FROM]?.p99 ?? 1));
    const errors = rounds.reduce((sum, figures) => sum + (figures[index]?.errors ?? 0), 0);
    console.log(
      `| ${name} | ${rps.toFixed(0)} | ${fixed ? '' : `${(ratio * 100).toFixed(0)}%`} | ${of((figures) => figures[index]?.p50 ?? 0)} | ${of((figures) => figures[index]?.p99 ?? 0)} | ${fixed ? `${p99Ratio.toFixed(1)}×` : ''} | ${fixed ? '' : of((figures) => figures[index]?.cpu ?? 0).toFixed(0)} | ${errors} |`,
    );
  }

  let key = 0;
  const nextKey = (prefix: string) => {
    key += 1;
    return `${prefix}${key}`;
  };
  const { rows: grants } = await db.query<{ id: number }>(
    `SELECT id FROM credit_grants WHERE account_id = 'bench_engine' AND source = 'promotion'`,
  );
  const grantId = grants[0]?.id;
  const engineTrack = () =>
    engine.track('bench_engine', { feature: 'credits', amount: 1, idempotencyKey: nextKey('e') });
  const rawTransaction = () =>
    db.transaction(async (tx) => {
      const { rows: inserted } = await tx.query<{ id: number }>(
        `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, occurred_at)
         VALUES ('bench_engine', $1, 'credits', 1, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [nextKey('r')],
      );
      if (inserted.length === 0) return;
      await tx.query('UPDATE credit_grants SET remaining = remaining - 1 WHERE id = $1 AND remaining >= 1', [
        grantId,
      ]);
    });
  const pairs: { raw: number; engine: number }[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const raw = await rate(SECONDS / 2, rawTransaction);
    pairs.push({ raw, engine: await rate(SECONDS / 2, engineTrack) });
  }
  const rawRate = median(pairs.map((pair) => pair.raw));
  const engineRate = median(pairs.map((pair) => pair.engine));
  const engineRatio = median(pairs.map((pair) => pair.engine / pair.raw));
  console.log(`\nIn process on ${label}, sequential, ${SECONDS / 2} s each, median of ${ROUNDS} rounds\n`);
  console.log('| run | tx/s | vs raw |');
  console.log('| --- | ---: | ---: |');
  console.log(
    `| raw SQL transaction (idempotent insert + conditional decrement) | ${rawRate.toFixed(0)} | |`,
  );
  console.log(`| engine.track | ${engineRate.toFixed(0)} | ${(engineRatio * 100).toFixed(0)}% |`);

  if (summaryEvents > 0) {
    await db.query(
      `INSERT INTO usage_events (account_id, idempotency_key, feature_key, amount, occurred_at)
       SELECT 'bench_summary', 's' || n, (ARRAY['credits', 'tokens', 'api_calls'])[1 + n % 3], 1 + n % 5,
         now() - make_interval(secs => n * 100)
       FROM generate_series(1, $1::int) AS n`,
      [summaryEvents],
    );
    await db.query('ANALYZE usage_events');
    const summaryTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let run = 0; run < 20; run += 1) {
      let started = performance.now();
      await engine.usage('bench_summary', { period: 'current' });
      summaryTimes.push(performance.now() - started);
      started = performance.now();
      await db.query(
        `SELECT feature_key, sum(amount) FROM usage_events
         WHERE account_id = 'bench_summary' AND occurred_at >= now() - interval '30 days' GROUP BY feature_key`,
      );
      rawTimes.push(performance.now() - started);
    }
    console.log(
      `\nUsage summary on ${label} over ${summaryEvents.toLocaleString('en')} events of one account, 20 runs\n`,
    );
    console.log('| run | p50 ms | vs raw |');
    console.log('| --- | ---: | ---: |');
    console.log(`| raw indexed query (sum by feature, 30 days) | ${median(rawTimes).toFixed(1)} | |`);
    console.log(
      `| engine.usage (summary + daily series + entitlements) | ${median(summaryTimes).toFixed(1)} | ${(median(summaryTimes) / median(rawTimes)).toFixed(1)}× |`,
    );
  }
}

async function main() {
  const pglite = await openPgliteDatabase({ loadDataDir: await pgliteTemplateDump() });
  await benchDatabase(pglite, 'PGlite (in process, in memory)', SUMMARY_EVENTS);
  await pglite.close();
  if (process.env.BILLING_TEST_DATABASE_URL) {
    const postgres = await createTestDatabase();
    await benchDatabase(postgres, 'PostgreSQL (127.0.0.1, pool of 10)', SUMMARY_EVENTS);
    await postgres.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
