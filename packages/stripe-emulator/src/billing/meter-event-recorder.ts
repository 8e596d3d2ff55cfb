import { type EmulatorContext, nowForCustomer } from '../context.js';
import { randomToken } from '../ids.js';
import type { MeterEventObject } from '../objects.js';
import type { Params } from '../params.js';
import { invalidParam, missingParam } from '../stripe-errors.js';

/**
 * Stores a meter event (v1 or v2 API). The identifier makes a retried report safe: the first event
 * stands and nothing is counted twice. `timestamp` defaults to the customer's (clock) time.
 */
export function recordMeterEvent(
  context: EmulatorContext,
  params: Params,
  timestamp: number | undefined,
): MeterEventObject {
  const eventName = params.requiredString('event_name');
  const meter = [...context.store.meters.values()].find((candidate) => candidate.event_name === eventName);
  const payloadParams = params.object('payload');
  if (!payloadParams) throw missingParam('payload');
  const payload: Record<string, string> = {};
  for (const [key, value] of Object.entries(payloadParams.raw)) {
    if (typeof value !== 'string') throw invalidParam(`payload[${key}]`, 'Payload values must be strings.');
    payload[key] = value;
  }
  const customerKey = meter?.customer_mapping.event_payload_key ?? 'stripe_customer_id';
  const valueKey = meter?.value_settings.event_payload_key ?? 'value';
  const customerId = payload[customerKey];
  if (!customerId) throw missingParam(`payload[${customerKey}]`);
  if (
    meter?.default_aggregation.formula !== 'count' &&
    payload[valueKey] !== undefined &&
    !Number.isFinite(Number(payload[valueKey]))
  ) {
    throw invalidParam(`payload[${valueKey}]`, 'The meter event value must be a number.');
  }
  const identifier = params.string('identifier') ?? randomToken(24);
  const existing = context.store.meterEvents.get(identifier);
  if (existing) return existing;
  const now = nowForCustomer(context, customerId);
  const event = {
    object: 'billing.meter_event',
    created: now,
    event_name: eventName,
    identifier,
    livemode: false,
    payload,
    timestamp: timestamp ?? now,
  } satisfies MeterEventObject;
  context.store.meterEvents.set(identifier, event);
  context.changed();
  return event;
}
