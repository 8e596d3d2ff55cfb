import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newDemoState, readDemoState, SEED_VERSION, writeDemoState } from './demo-state.js';
import type { Persona, PersonaId } from './personas.js';
import { PRO_CREDITS_USED } from './seed/seed-demo.js';
import { type DemoStack, startDemoStack } from './stack.js';

// The stack as `npm start` runs it, on a temporary data dir and free ports: seeded once for the file. The
// dir starts as a seed killed half-way leaves it (one seed serves both stories: it is the slow part).
let dataDir: string;
let stack: DemoStack;
let personas: Persona[];

const persona = (id: PersonaId) => personas.find((candidate) => candidate.id === id) as Persona;

async function api<T = Record<string, unknown>>(
  id: PersonaId,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.url}/api/billing${path}`, {
    headers: { authorization: `Bearer ${persona(id).token}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface Grant {
  source: string;
  amount: number;
  remaining: number;
  effectiveAt: string;
}
const creditGrants = async (id: PersonaId) => {
  const { body } = await api<{ balances: { feature: string; grants: Grant[] }[] }>(
    id,
    `/accounts/${persona(id).accountId}/credits`,
  );
  return body.balances.find((balance) => balance.feature === 'credits')?.grants ?? [];
};
const invoices = async (id: PersonaId) =>
  (await api<{ data: { status: string }[] }>(id, `/accounts/${persona(id).accountId}/invoices?limit=100`))
    .body.data;

const start = () =>
  startDemoStack({ dataDir, port: 0, emulatorPort: 0, buildUi: false, logLevel: 'silent', log: () => {} });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'billing-kit-demo-'));
  // What a seed killed half-way leaves: demo.json without its marker, a PGlite directory that is not one,
  // a torn emulator state file. Beside them, another tool's data.
  writeDemoState(dataDir, newDemoState());
  mkdirSync(join(dataDir, 'pglite', 'base'), { recursive: true });
  writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), 'garbage');
  writeFileSync(join(dataDir, 'stripe.json'), '{"version": 1, "collec');
  mkdirSync(join(dataDir, 'billing'));
  writeFileSync(join(dataDir, 'billing', 'keep.txt'), 'apps/server data');
  stack = await start();
  const session = (await (await fetch(`${stack.url}/demo/session`)).json()) as { personas: Persona[] };
  personas = session.personas;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo stack', () => {
  it('seeds afresh over what a seed killed half-way left, and leaves files not its own alone', () => {
    expect(stack.data.kind).toBe('seeded');
    expect(readDemoState(dataDir)?.seed?.version).toBe(SEED_VERSION);
    expect(readFileSync(join(dataDir, 'billing', 'keep.txt'), 'utf8')).toBe('apps/server data');
  });

  it('lists every persona in /demo/session with a token the billing API accepts', async () => {
    const session = (await (await fetch(`${stack.url}/demo/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({
      mode: 'live',
      emulatorUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
    });
    expect(Number.isNaN(Date.parse(String(session.now)))).toBe(false);
    expect(personas.map((p) => p.id).sort()).toEqual(
      ['admin', 'enterprise', 'free', 'past_due', 'pro', 'trialing'].sort(),
    );
    for (const { id, accountId, role } of personas) {
      const me = await api<{ role: string; account: { id: string } | null }>(id, '/me');
      expect(me.status, id).toBe(200);
      expect(me.body.role).toBe(role);
      expect(me.body.account?.id ?? null).toBe(accountId);
    }
  });

  it('has Pro near its quota, with a pack, an add-on and paid invoices', async () => {
    const grants = await creditGrants('pro');
    // Pro rolls up to 200 unused credits over, spent first: this period's usage drew on the carry first.
    // Carries made at earlier period starts were spent in their own periods; this period's is the plan's peer.
    const plan = grants.find((grant) => grant.source === 'plan');
    const carried = grants.filter(
      (grant) => grant.source === 'rollover' && grant.effectiveAt === plan?.effectiveAt,
    );
    const carriedIn = carried.reduce((sum, grant) => sum + grant.amount, 0);
    expect(carriedIn).toBeLessThanOrEqual(200);
    expect(plan?.amount).toBe(400);
    expect((plan?.remaining ?? 0) + carried.reduce((sum, grant) => sum + grant.remaining, 0)).toBe(
      400 + carriedIn - PRO_CREDITS_USED,
    );
    expect(grants, JSON.stringify(grants)).toContainEqual(
      expect.objectContaining({ source: 'credit_pack', remaining: 100 }),
    );
    const subscription = await api('pro', '/accounts/acct_demo_pro/subscription');
    expect(subscription.body).toMatchObject({
      planId: 'pro',
      status: 'active',
      addOns: [expect.objectContaining({ addOnId: 'priority_support' })],
    });
    expect(
      (await invoices('pro')).filter((invoice) => invoice.status === 'paid').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('has each other persona in its state', async () => {
    expect((await api('past_due', '/accounts/acct_demo_past_due/subscription')).body).toMatchObject({
      planId: 'starter',
      status: 'past_due',
    });
    expect((await invoices('past_due')).some((invoice) => invoice.status === 'open')).toBe(true);
    expect((await api('trialing', '/accounts/acct_demo_trial/subscription')).body).toMatchObject({
      planId: 'pro',
      status: 'trialing',
    });
    expect((await api('enterprise', '/accounts/acct_demo_globex/subscription')).body).toMatchObject({
      planId: 'enterprise',
      status: 'active',
    });
    const free = await api<{ planId: string; entitlements: { feature: string; used: number }[] }>(
      'free',
      '/accounts/acct_demo_free/entitlements',
    );
    expect(free.body.planId).toBe('free');
    expect(free.body.entitlements.find((e) => e.feature === 'credits')?.used).toBeGreaterThan(0);
  });

  it('shows the admin at least 2,000 customers', async () => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: unknown[]; nextCursor: string | null } } = await api(
        'admin',
        `/admin/customers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      count += page.body.data.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(count).toBeGreaterThanOrEqual(2_000);
  });

  it('refuses a bad time-travel body with the standard error', async () => {
    for (const body of ['{"by":"week"}', '{}', 'not json']) {
      const response = await fetch(`${stack.url}/demo/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('has Pro buy 100 credits by itself once fewer than 50 are left (auto top-up, with the saved card)', async () => {
    const { body: settings } = await api<{
      data: { feature: string; enabled: boolean; threshold: number }[];
    }>('pro', '/accounts/acct_demo_pro/auto-top-ups');
    expect(settings.data).toEqual([
      expect.objectContaining({ feature: 'credits', enabled: true, threshold: 50 }),
    ]);
    const available = (await creditGrants('pro')).reduce((sum, grant) => sum + grant.remaining, 0);
    const tracked = await fetch(`${stack.url}/api/billing/accounts/acct_demo_pro/track`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${persona('pro').token}`,
        'content-type': 'application/json',
        'idempotency-key': 'stack-test-top-up',
      },
      body: JSON.stringify({ feature: 'credits', amount: available - 45 }),
    });
    expect(tracked.status).toBe(200);
    const topUp = await vi.waitFor(
      async () => {
        const found = (await creditGrants('pro')).find((grant) => grant.source === 'top_up');
        if (!found) throw new Error('no top-up yet');
        return found;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(topUp).toMatchObject({ amount: 100, remaining: 100 });
    // Dated by the demo's clock (the customer's test clock), not the machine's.
    expect(Math.abs(Date.parse(topUp.effectiveAt) - stack.now().getTime())).toBeLessThan(60_000);
  });

  it('advancing a month renews Pro: a fresh 400 credits, one more invoice, with the overage used before', async () => {
    const before = await invoices('pro');
    // 1,500 voice words past Pro's allowance of none: $1.50 at $1.00 per 1,000, reported before the jump.
    const tracked = await fetch(`${stack.url}/api/billing/accounts/${persona('pro').accountId}/track`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${persona('pro').token}`,
        'content-type': 'application/json',
        'idempotency-key': 'stack-test-voice',
      },
      body: JSON.stringify({ feature: 'voice_words', amount: 1500 }),
    });
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ overageUnits: 1500 });
    const then = stack.now();
    const response = await fetch(`${stack.url}/demo/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'month' }),
    });
    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: string };
    expect(Date.parse(now)).toBeGreaterThan(then.getTime() + 27 * 86_400_000);
    const plan = (await creditGrants('pro')).find((grant) => grant.source === 'plan');
    expect(plan).toMatchObject({ amount: 400, remaining: 400 });
    const after = await invoices('pro');
    expect(after.length).toBe(before.length + 1);
    expect(after[0]?.status).toBe('paid');
    const renewal = after[0] as unknown as { lines: { amount: { amount: number } }[] };
    expect(renewal.lines.map((line) => line.amount.amount)).toContain(150);
  });

  it('reopens the seeded data on a second start without seeding again', async () => {
    const marker = readDemoState(dataDir)?.seed;
    const timeBefore = stack.now();
    await stack.stop();
    stack = await start();
    expect(stack.data.kind).toBe('reused');
    expect(readDemoState(dataDir)?.seed).toEqual(marker);
    expect(stack.now().getTime()).toBeGreaterThanOrEqual(timeBefore.getTime());
    const session = (await (await fetch(`${stack.url}/demo/session`)).json()) as { personas: Persona[] };
    personas = session.personas;
    const plan = (await creditGrants('pro')).find((grant) => grant.source === 'plan');
    expect(plan).toMatchObject({ amount: 400, remaining: 400 });
  }, 60_000);
});
