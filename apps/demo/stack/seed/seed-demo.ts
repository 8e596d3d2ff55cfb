import { addMonths, DAY_MS } from '../demo-time.js';
import { advanceClocks } from '../persona-clocks.js';
import { seedDirectoryCustomers } from './directory-customers.js';
import {
  buyThroughCheckout,
  openPersonaCustomer,
  signEnterpriseContract,
  switchToFailingCard,
} from './persona-accounts.js';
import type { SeedContext } from './seed-context.js';
import {
  dailyInstants,
  monthlyPeriodStart,
  splitUnevenly,
  trackDay,
  type UsageDay,
} from './usage-history.js';

interface Step {
  at: Date;
  /** Actions need every persona's test clock at `at` first; usage only needs the engine's clock. */
  kind: 'action' | 'usage';
  run: () => Promise<void>;
}

/** How much of Pro's 400 monthly credits the Pro persona has used when the demo opens. */
export const PRO_CREDITS_USED = 340;

/**
 * The personas' history, written in time order: each persona's test clock starts when its story does and
 * all clocks move forward together (renewals, trial ends and failed payments happen as Stripe would make
 * them, with their webhooks), while the engine's clock is pinned to each moment usage is recorded. Ends
 * with every clock at `end`, the demo's "now".
 */
export async function seedPersonaHistory(context: SeedContext, end: Date): Promise<void> {
  const { random } = context;
  const daysBefore = (days: number) => new Date(end.getTime() - days * DAY_MS);
  const steps: Step[] = [];
  const action = (at: Date, run: () => Promise<void>) => steps.push({ at, kind: 'action', run });
  const usage = (days: UsageDay[]) => {
    for (const day of days) steps.push({ at: day.at, kind: 'usage', run: () => trackDay(context, day) });
  };
  const customers: Record<string, string> = {};

  // Pro: a trial 110 days ago, paid monthly since; Priority support added 40 days ago, a 100-credit pack today.
  const proStart = daysBefore(110);
  action(proStart, async () => {
    customers.pro = await openPersonaCustomer(context, 'pro', proStart);
    await buyThroughCheckout(context, 'pro', { kind: 'plan', planId: 'pro', interval: 'month' });
  });
  action(daysBefore(40), async () => {
    await context.call({ token: context.tokens.pro }, '/accounts/acct_demo_pro/subscription/add-ons', {
      json: { addOnId: 'priority_support', quantity: 1 },
    });
    await context.emulator.waitForDeliveries();
  });
  // Bought today: the server dates a pack's grant by the database's wall clock (`paid_at = now()`), not by
  // Stripe's payment time nor its injected `now`, so a pack bought on a test clock weeks ago would look
  // bought today anyway.
  action(new Date(end.getTime() - 3 * 3_600_000), () =>
    buyThroughCheckout(context, 'pro', { kind: 'credit_pack', packId: 'credits_100', quantity: 1 }),
  );
  // And turned auto top-up on: 100 credits whenever fewer than 50 are left, at most 3 times a month.
  action(new Date(end.getTime() - 2 * 3_600_000), async () => {
    await context.call({ token: context.tokens.pro }, '/accounts/acct_demo_pro/auto-top-ups/credits', {
      method: 'PUT',
      json: { enabled: true, packId: 'credits_100', quantity: 1, threshold: 50, maxPerMonth: 3 },
      idempotencyKey: 'seed-pro-auto-top-up',
    });
  });
  const proInstants = dailyInstants(new Date(proStart.getTime() + 3_600_000), end, random);
  const proPeriod = monthlyPeriodStart(proStart, end);
  const current = proInstants.filter((at) => at >= proPeriod);
  const currentCredits = splitUnevenly(PRO_CREDITS_USED, current.length, random);
  usage(
    proInstants.map((at) => ({
      personaId: 'pro',
      at,
      usage: {
        credits: at >= proPeriod ? (currentCredits[current.indexOf(at)] ?? 0) : random.int(5, 12),
        tokens: random.int(8_000, 30_000),
        api_calls: random.int(80, 300),
        scraping_tasks: random.int(0, 25),
      },
    })),
  );

  // Trialing: started Pro's 14-day trial five days ago.
  const trialStart = daysBefore(5);
  action(trialStart, async () => {
    await openPersonaCustomer(context, 'trialing', trialStart);
    await buyThroughCheckout(context, 'trialing', { kind: 'plan', planId: 'pro', interval: 'month' });
  });
  usage(
    dailyInstants(new Date(trialStart.getTime() + 3_600_000), end, random).map((at) => ({
      personaId: 'trialing',
      at,
      usage: { credits: random.int(4, 15), tokens: random.int(2_000, 12_000), api_calls: random.int(10, 60) },
    })),
  );

  // Past due: Starter for two months; the card starts declining, and the renewal two days ago failed.
  const failedRenewal = daysBefore(2);
  const pastDueStart = addMonths(failedRenewal, -2);
  action(pastDueStart, async () => {
    customers.past_due = await openPersonaCustomer(context, 'past_due', pastDueStart);
    await buyThroughCheckout(context, 'past_due', { kind: 'plan', planId: 'starter', interval: 'month' });
  });
  action(daysBefore(8), () => switchToFailingCard(context, customers.past_due ?? ''));
  usage(
    dailyInstants(new Date(pastDueStart.getTime() + 3_600_000), end, random).map((at) => ({
      personaId: 'past_due',
      at,
      usage: { credits: random.int(1, 6), tokens: random.int(1_000, 6_000), api_calls: random.int(5, 40) },
    })),
  );

  // Enterprise: a contract since 100 days ago, heavy usage, nothing ever runs out.
  const enterpriseStart = daysBefore(100);
  action(enterpriseStart, async () => {
    const customer = await openPersonaCustomer(context, 'enterprise', enterpriseStart, 'pm_card_visa');
    await signEnterpriseContract(context, customer);
  });
  usage(
    dailyInstants(new Date(enterpriseStart.getTime() + 3_600_000), end, random).map((at) => ({
      personaId: 'enterprise',
      at,
      usage: {
        credits: random.int(60, 220),
        tokens: random.int(150_000, 600_000),
        api_calls: random.int(2_000, 9_000),
        scraping_tasks: random.int(50, 400),
      },
    })),
  );

  // Free: signed up six weeks ago, uses a few of the 5 daily credits now and then, 3 of them today.
  const freeStart = daysBefore(45);
  action(freeStart, async () => {
    await openPersonaCustomer(context, 'free', freeStart);
  });
  const freeDays = dailyInstants(daysBefore(20), daysBefore(1), random).filter(() => random.next() < 0.6);
  const startOfToday = new Date(Math.floor(end.getTime() / DAY_MS) * DAY_MS);
  const today = new Date(Math.max(startOfToday.getTime(), end.getTime() - 2 * 3_600_000));
  usage(
    [...freeDays.map((at) => ({ at, credits: random.int(1, 4) })), { at: today, credits: 3 }].map(
      ({ at, credits }) => ({
        personaId: 'free' as const,
        at,
        usage: { credits, tokens: random.int(500, 4_000), api_calls: random.int(0, 20) },
      }),
    ),
  );

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'action' ? -1 : 1));
  let clocksAt = 0;
  const moveClocks = async (at: Date) => {
    await advanceClocks(context.stripe, Object.values(context.clocks), at);
    await context.emulator.waitForDeliveries();
    clocksAt = at.getTime();
  };
  for (const step of steps) {
    // Clocks follow at least weekly, so webhooks (renewals) land before much later usage is recorded.
    if (step.kind === 'action' || step.at.getTime() - clocksAt > 7 * DAY_MS) await moveClocks(step.at);
    context.time.pin(step.at);
    await step.run();
  }
  context.time.pin(end);
  await moveClocks(end);
}

/** The whole first-start seed: the personas' history, then the directory of customers for the admin. */
export async function seedDemo(
  context: SeedContext,
  options: { end: Date; adminCustomers: number },
): Promise<void> {
  const started = performance.now();
  await seedPersonaHistory(context, options.end);
  context.log(`  personas seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const directoryStarted = performance.now();
  await seedDirectoryCustomers(context.database, {
    count: options.adminCustomers,
    now: options.end,
    random: context.random,
  });
  context.log(
    `  ${options.adminCustomers} admin-table customers in ${((performance.now() - directoryStarted) / 1000).toFixed(1)} s`,
  );
}
