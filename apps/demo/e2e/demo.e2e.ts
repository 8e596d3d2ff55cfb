// The demo's sales story, end to end in Chromium against `npm start`'s stack: the hosted checkout, credits
// spent through check/track and through a reservation, a declined card, an auto top-up, a failed renewal fixed in the
// portal, time travel, a credit pack, a cancellation, and the admin console. The tests run in order and share one world (one demo time).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona, PersonaId } from '../stack/personas.js';
import { type E2eWorld, startE2eWorld } from './harness.js';

let world: E2eWorld;
let page: Page;
let personas: Persona[];

beforeAll(async () => {
  world = await startE2eWorld();
  page = world.page;
  personas = ((await (await fetch(`${world.stack.url}/demo/session`)).json()) as { personas: Persona[] })
    .personas;
});
afterAll(() => world?.close());

const persona = (id: PersonaId) => personas.find((candidate) => candidate.id === id) as Persona;

/** Reads the billing API as a persona, beside the browser, to check what the screens claim. */
async function api<T>(id: PersonaId, path: string): Promise<T> {
  const { accountId, token } = persona(id);
  const response = await fetch(`${world.stack.url}/api/billing/accounts/${accountId}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface Grant {
  source: string;
  amount: number;
  remaining: number;
  effectiveAt: string;
  expiresAt: string | null;
}
const creditGrants = async (id: PersonaId) =>
  (await api<{ balances: { feature: string; grants: Grant[] }[] }>(id, '/credits')).balances.find(
    (balance) => balance.feature === 'credits',
  )?.grants ?? [];

/** The Credits meter on the Write page: used and limit, as its ARIA says. */
async function creditsMeter(): Promise<{ used: number; limit: number }> {
  const meter = page.getByRole('meter', { name: 'Credits' });
  await meter.waitFor();
  return {
    used: Number(await meter.getAttribute('aria-valuenow')),
    limit: Number(await meter.getAttribute('aria-valuemax')),
  };
}

/** Reloads until `probe` holds: webhooks reach the server a moment after Stripe's page redirects. */
async function eventually(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    if (await probe().catch(() => false)) return;
    await page.waitForTimeout(250);
    await page.reload();
  }
  throw new Error(`Never true: ${what}`);
}

async function payOnHostedCheckout(card: string): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith('/checkout/'));
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Pay' }).click();
}

async function advanceClock(by: '+1 day' | '+1 month'): Promise<void> {
  const before = await page.locator('.demo-clock time').getAttribute('datetime');
  await page.getByRole('button', { name: by }).click();
  await expect
    .poll(() => page.locator('.demo-clock time').getAttribute('datetime'), { timeout: 60_000 })
    .not.toBe(before);
}

describe('the demo, end to end', () => {
  it('a free user subscribes to Pro through the hosted checkout with 4242… and lands back with 400 credits', async () => {
    await world.open('free', 'pricing');
    await world.screenshot('pricing', { publish: true });
    await page
      .getByRole('listitem', { name: 'Pro' })
      .getByRole('button', { name: 'Start free trial' })
      .click();
    await page.waitForURL((url) => url.pathname.startsWith('/checkout/'));
    await world.screenshot('hosted-checkout', { publish: true });
    await payOnHostedCheckout('4242 4242 4242 4242');
    await page.waitForURL((url) => url.origin === world.stack.url && url.hash.startsWith('#/billing'));
    await page.getByText('Payment received').waitFor();
    await eventually(
      async () =>
        (await page.getByRole('heading', { name: /Pro/ }).first().textContent())?.includes('Trial') ?? false,
      'the dashboard shows Pro in trial',
    );
    await world.screenshot('billing-after-checkout');
    await world.open('free', 'write');
    expect(await creditsMeter()).toEqual({ used: 0, limit: 400 });
  });

  it('spends credits through check and track, and the meter moves', async () => {
    await world.open('free', 'write');
    const before = await creditsMeter();
    await page.getByRole('radio', { name: /Paragraph/ }).check();
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('heading', { name: 'Your draft' }).waitFor();
    await expect(page.getByText(/Spent 3 credits/).isVisible()).resolves.toBe(true);
    await expect.poll(async () => (await creditsMeter()).used).toBe(before.used + 3);
    const usage = await api<{ features: { feature: string; used: number }[] }>('free', '/usage');
    expect(usage.features.find((item) => item.feature === 'credits')?.used).toBe(before.used + 3);
  });

  it('an article reserves 10 credits, the meter shows them held while it writes, then it pays for its words', async () => {
    await world.open('free', 'write');
    const before = await creditsMeter();
    await page.getByRole('radio', { name: /Article/ }).check();
    await page.getByRole('button', { name: 'Generate' }).click();
    // The hold is on the meter before the job starts (reserve refetches the entitlements first).
    await page.getByText('Holding 10 credits while Quill writes your article…').waitFor();
    expect(await page.getByRole('meter', { name: 'Credits' }).getAttribute('aria-valuetext')).toBe(
      `${before.used} of ${before.limit} used, 10 held`,
    );
    await world.screenshot('write-holding');
    await page.getByRole('heading', { name: 'Your draft' }).waitFor();
    // The default prompt's article is 93 words: 8 credits at one per 12 words; the other 2 go back.
    await expect(page.getByText(/Spent 8 credits · 10 held, 2 returned/).isVisible()).resolves.toBe(true);
    await expect.poll(async () => (await creditsMeter()).used).toBe(before.used + 8);
    expect(await page.getByRole('meter', { name: 'Credits' }).getAttribute('aria-valuetext')).toBe(
      `${before.used + 8} of ${before.limit} used`,
    );
    await world.screenshot('write-spent', { publish: true });
    const usage = await api<{ features: { feature: string; used: number }[] }>('free', '/usage');
    expect(usage.features.find((item) => item.feature === 'credits')?.used).toBe(before.used + 8);
    expect(await api<{ data: unknown[] }>('free', '/reservations')).toEqual({ data: [] });
  });

  it('a declined card (4000…0002) shows the error on the checkout page and changes nothing', async () => {
    const grantsBefore = await creditGrants('pro');
    await world.open('pro', 'pricing');
    await page.getByRole('button', { name: 'Buy 50 credits' }).click();
    await payOnHostedCheckout('4000 0000 0000 0002');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/declined/i);
    await world.screenshot('checkout-declined');
    await page.getByRole('link', { name: 'Cancel and return' }).click();
    await page.waitForURL((url) => url.origin === world.stack.url);
    expect(await creditGrants('pro')).toEqual(grantsBefore);
  });

  it("Pro's auto top-up, set on the Billing page, buys 100 credits by itself when usage takes the balance below it", async () => {
    await world.open('pro', 'billing');
    const section = page.getByRole('region', { name: 'Auto top-up of credits' });
    await section.waitFor();
    expect(await section.getByRole('switch', { name: /Buy credits automatically/ }).isChecked()).toBe(true);
    await section.getByLabel('Threshold (credits left)').fill('60');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const settings = await api<{ data: { feature: string; threshold: number; enabled: boolean }[] }>(
      'pro',
      '/auto-top-ups',
    );
    expect(settings.data).toEqual([
      expect.objectContaining({ feature: 'credits', threshold: 60, enabled: true }),
    ]);

    // The host's backend spends as Quill's jobs would, down to 55 credits left: below 60, so it buys once.
    const available = (await creditGrants('pro')).reduce((sum, grant) => sum + grant.remaining, 0);
    const { accountId, token } = persona('pro');
    const tracked = await fetch(`${world.stack.url}/api/billing/accounts/${accountId}/track`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': 'e2e-auto-top-up',
      },
      body: JSON.stringify({ feature: 'credits', amount: available - 55 }),
    });
    expect(tracked.status).toBe(200);
    // The probe waits for the section to load after each reload (it makes several requests): counting at
    // once, a reload could come before the answers every time.
    await eventually(async () => {
      const paid = page
        .getByRole('region', { name: 'Auto top-up of credits' })
        .locator('[data-status="paid"]');
      await paid.waitFor({ timeout: 3_000 });
      return (await paid.count()) === 1;
    }, 'the Billing page shows the top-up paid');
    expect(await page.getByText(/Last top-up: 100 credits for \$9\.00/).isVisible()).toBe(true);
    const bought = (await creditGrants('pro')).filter((grant) => grant.source === 'top_up');
    expect(bought).toEqual([expect.objectContaining({ amount: 100, remaining: 100 })]);
    await page.getByRole('region', { name: 'Auto top-up of credits' }).scrollIntoViewIfNeeded();
    await world.screenshot('billing-auto-top-up', { publish: true });
  });

  it('a failed renewal shows the past-due banner, and updating the card in the portal recovers it', async () => {
    await world.open('past_due', 'billing');
    const banner = page.getByRole('alert').filter({ hasText: 'Payment failed.' });
    await banner.waitFor();
    await world.screenshot('billing-past-due', { publish: true });
    await banner.getByRole('button', { name: 'Fix payment' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/portal/'));
    await page.getByLabel('New card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Update card' }).click();
    await world.screenshot('portal-card-updated');
    await world.open('past_due', 'billing');
    await eventually(
      async () => (await page.getByRole('alert').filter({ hasText: 'Payment failed.' }).count()) === 0,
      'the past-due banner is gone',
    );
    const subscription = await api<{ status: string }>('past_due', '/subscription');
    expect(subscription.status).toBe('active');
    await world.screenshot('billing-recovered');
  });

  it('advancing a month resets Pro to a fresh 400 credits, rolls unused ones over, and lists a new invoice', async () => {
    const invoicesBefore = (await api<{ data: unknown[] }>('pro', '/invoices?limit=100')).data.length;
    await world.open('pro', 'write');
    const usedBefore = (await creditsMeter()).used;
    expect(usedBefore).toBeGreaterThan(300);
    await advanceClock('+1 month');
    await expect.poll(async () => (await creditsMeter()).used, { timeout: 20_000 }).toBeLessThan(usedBefore);
    const grants = await creditGrants('pro');
    const plan = grants.filter((grant) => grant.source === 'plan');
    expect(plan).toEqual([expect.objectContaining({ amount: 400, remaining: 400 })]);
    // Pro carries up to 200 unused credits into the new month (counting older carries still live), untouched
    // yet; a carry from an earlier month may still be listed, spent or not, until it expires.
    const carried = grants.filter((grant) => grant.source === 'rollover');
    const carriedNow = carried.filter((grant) => grant.effectiveAt === plan[0]?.effectiveAt);
    expect(carriedNow.length).toBeLessThanOrEqual(1);
    for (const grant of carriedNow) expect(grant.remaining).toBe(grant.amount);
    expect(carried.reduce((sum, grant) => sum + grant.remaining, 0)).toBeLessThanOrEqual(200);
    await world.screenshot('write-after-a-month');
    await world.open('pro', 'billing');
    expect((await api<{ data: unknown[] }>('pro', '/invoices?limit=100')).data.length).toBe(
      invoicesBefore + 1,
    );
    await world.screenshot('billing-after-a-month');
  });

  it('buying a credit pack adds its credits with an expiry date', async () => {
    const packsBefore = (await creditGrants('pro')).filter((grant) => grant.source === 'credit_pack').length;
    await world.open('pro', 'pricing');
    await page.getByRole('button', { name: 'Buy 100 credits' }).click();
    await payOnHostedCheckout('4242 4242 4242 4242');
    await page.waitForURL((url) => url.origin === world.stack.url && url.hash.startsWith('#/billing'));
    await eventually(
      async () =>
        (await creditGrants('pro')).filter((grant) => grant.source === 'credit_pack').length > packsBefore,
      'the pack is granted',
    );
    const packs = (await creditGrants('pro')).filter((grant) => grant.source === 'credit_pack');
    const bought = packs.find((grant) => grant.amount === 100 && grant.remaining === 100);
    expect(bought?.expiresAt).toEqual(expect.any(String));
    await page.reload();
    await page
      .getByRole('table', { name: /credits/i })
      .first()
      .waitFor();
    await world.screenshot('billing-pack', { publish: true });
  });

  it('cancelling at period end, then advancing, falls back to Free', async () => {
    await world.open('free', 'billing');
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page
      .getByRole('dialog', { name: 'Cancel your subscription?' })
      .getByRole('button', { name: 'Cancel at period end' })
      .click();
    await page.getByRole('button', { name: 'Resume subscription' }).waitFor();
    await world.screenshot('billing-canceling');
    await advanceClock('+1 month');
    await world.open('free', 'billing');
    await eventually(
      async () => (await api<{ planId: string }>('free', '/subscription')).planId === 'free',
      'the account is back on Free',
    );
    await world.screenshot('billing-back-to-free');
  });

  it('the admin finds a customer by email and grants credits', async () => {
    const customer = persona('free');
    await world.open('admin', 'admin');
    await page.getByRole('searchbox', { name: 'Search' }).fill(customer.email);
    const row = page.getByRole('row').filter({ hasText: customer.email });
    await row.waitFor();
    await world.screenshot('admin-search');
    await row.getByRole('button').first().click();
    const form = page.getByRole('form', { name: 'Grant credits' });
    await form.getByLabel('Feature').selectOption('credits');
    await form.getByLabel('Amount').fill('25');
    await form.getByLabel('Reason').fill('Sorry for the outage');
    await form.getByRole('button', { name: 'Grant' }).click();
    await expect(form.getByRole('status').textContent()).resolves.toContain('Granted 25 credits');
    await world.screenshot('admin-grant', { publish: true });
    const adjustments = (await creditGrants('free')).filter((grant) => grant.amount === 25);
    expect(adjustments).toHaveLength(1);
  });
});
