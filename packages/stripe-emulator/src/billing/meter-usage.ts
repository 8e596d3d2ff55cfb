import type { EmulatorContext } from '../context.js';

/** A meter's aggregate for one customer over `[start, end)` (Stripe bills usage by event timestamp). */
export function meterUsage(
  context: EmulatorContext,
  meterId: string,
  customerId: string,
  period: { start: number; end: number },
): number {
  const meter = context.store.meters.get(meterId);
  if (!meter) return 0;
  const customerKey = meter.customer_mapping.event_payload_key;
  const valueKey = meter.value_settings.event_payload_key;
  let total = 0;
  for (const event of context.store.meterEvents.values()) {
    if (event.event_name !== meter.event_name) continue;
    if (event.payload[customerKey] !== customerId) continue;
    if (event.timestamp < period.start || event.timestamp >= period.end) continue;
    if (meter.default_aggregation.formula === 'count') total += 1;
    else total += Number(event.payload[valueKey] ?? 0) || 0;
  }
  return total;
}
