import type { Catalog } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { meterEventName } from './usage-reporter.js';

/** Features whose usage past the allowance is billed somewhere in the catalog: each needs a Stripe meter. */
export function overageFeatures(catalog: Catalog): string[] {
  const keys = new Set<string>();
  for (const owner of [...catalog.plans, ...catalog.addOns]) {
    for (const entitlement of owner.entitlements) {
      if (entitlement.kind === 'metered' && entitlement.overage) keys.add(entitlement.feature);
    }
  }
  return [...keys].sort();
}

/**
 * Makes Stripe hold one active billing meter per overage feature (summing `value` per customer), found by
 * event name so a second sync creates nothing. Returns what it created and kept, for the sync report.
 */
export async function syncUsageMeters(
  stripe: Stripe,
  catalog: Catalog,
): Promise<{ created: string[]; kept: string[]; meterIds: Map<string, string> }> {
  const existing = new Map<string, string>();
  for await (const meter of stripe.billing.meters.list({ status: 'active', limit: 100 })) {
    existing.set(meter.event_name, meter.id);
  }
  const created: string[] = [];
  const kept: string[] = [];
  const meterIds = new Map<string, string>();
  for (const featureKey of overageFeatures(catalog)) {
    const eventName = meterEventName(featureKey);
    const known = existing.get(eventName);
    if (known) {
      meterIds.set(featureKey, known);
      kept.push(`meter ${eventName}`);
      continue;
    }
    const feature = catalog.features.find((candidate) => candidate.key === featureKey);
    const meter = await stripe.billing.meters.create({
      display_name: feature?.name ?? featureKey,
      event_name: eventName,
      default_aggregation: { formula: 'sum' },
      customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
      value_settings: { event_payload_key: 'value' },
    });
    meterIds.set(featureKey, meter.id);
    created.push(`meter ${eventName}`);
  }
  return { created, kept, meterIds };
}
