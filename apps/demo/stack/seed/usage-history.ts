import { addMonths, DAY_MS } from '../demo-time.js';
import { type PersonaId, personaDefinition } from '../personas.js';
import type { Random } from './random.js';
import type { SeedContext } from './seed-context.js';

export type DailyUsage = Partial<Record<'credits' | 'tokens' | 'api_calls' | 'scraping_tasks', number>>;

export interface UsageDay {
  personaId: PersonaId;
  at: Date;
  usage: DailyUsage;
}

/** One working moment a day, a few hours before the time of day `until` has, from `from` to `until`. */
export function dailyInstants(from: Date, until: Date, random: Random): Date[] {
  const instants: Date[] = [];
  for (let day = Math.floor((until.getTime() - from.getTime()) / DAY_MS); day >= 0; day -= 1) {
    const at = new Date(until.getTime() - day * DAY_MS - random.int(1, 10) * 3_600_000);
    if (at > from) instants.push(at);
  }
  return instants;
}

/** The monthly credits period containing `at`, stepped from the subscription's start as the engine does. */
export function monthlyPeriodStart(anchor: Date, at: Date): Date {
  let start = anchor;
  while (addMonths(start, 1) <= at) start = addMonths(start, 1);
  return start;
}

/** Splits `total` over `count` days unevenly (some days busy, some quiet), summing exactly. */
export function splitUnevenly(total: number, count: number, random: Random): number[] {
  if (count === 0) return [];
  const weights = Array.from({ length: count }, () => 0.3 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => Math.floor((weight / sum) * total));
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** Records one persona's day through the API key, as the host app's backend reports usage. */
export async function trackDay(context: SeedContext, day: UsageDay): Promise<void> {
  const { accountId } = personaDefinition(day.personaId);
  const dayKey = day.at.toISOString().slice(0, 13);
  const events = Object.entries(day.usage)
    .filter(([, amount]) => amount > 0)
    .map(([feature, amount]) => ({
      feature,
      amount,
      occurredAt: day.at.toISOString(),
      idempotencyKey: `seed-${day.personaId}-${feature}-${dayKey}`,
    }));
  if (events.length === 0) return;
  const { results } = await context.call<{
    results: { ok: boolean; idempotencyKey: string; error?: { message: string } }[];
  }>({ apiKey: context.apiKey }, `/accounts/${accountId}/track/batch`, {
    json: { events },
    idempotencyKey: `seed-batch-${day.personaId}-${dayKey}`,
  });
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    throw new Error(`Seeding usage of ${day.personaId} failed: ${JSON.stringify(failed)}`);
  }
}
