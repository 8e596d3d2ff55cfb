import { recordMeterEvent } from '../billing/meter-event-recorder.js';
import { meterUsage } from '../billing/meter-usage.js';
import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import { newestFirst, paginate } from '../list-pagination.js';
import { requireMeter } from '../lookups.js';
import type { MeterObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { invalidParam, missingParam } from '../stripe-errors.js';

function createMeter(context: EmulatorContext, params: Params): MeterObject {
  const now = context.realNow();
  const eventName = params.requiredString('event_name');
  if (
    [...context.store.meters.values()].some(
      (meter) => meter.event_name === eventName && meter.status === 'active',
    )
  ) {
    throw invalidParam('event_name', `An active meter already uses the event name '${eventName}'.`);
  }
  const aggregation = params.object('default_aggregation');
  if (!aggregation) throw missingParam('default_aggregation');
  const formula = aggregation.oneOf('formula', ['sum', 'count', 'last'] as const);
  if (!formula) throw missingParam('default_aggregation[formula]');
  const meter = {
    id: newId('mtr'),
    object: 'billing.meter',
    created: now,
    customer_mapping: {
      event_payload_key:
        params.object('customer_mapping')?.string('event_payload_key') ?? 'stripe_customer_id',
      type: 'by_id',
    },
    default_aggregation: { formula },
    display_name: params.requiredString('display_name'),
    event_name: eventName,
    event_time_window: params.oneOf('event_time_window', ['day', 'hour'] as const) ?? null,
    livemode: false,
    status: 'active',
    status_transitions: { deactivated_at: null },
    updated: now,
    value_settings: {
      event_payload_key: params.object('value_settings')?.string('event_payload_key') ?? 'value',
    },
  } satisfies MeterObject;
  const stored: MeterObject = meter;
  context.store.meters.set(meter.id, stored);
  emit(context, 'billing.meter.created', stored, now);
  return stored;
}

export const meterRoutes: Route[] = [
  api('POST', '/v1/billing/meters', ({ params }, context) => createMeter(context, params)),
  api('GET', '/v1/billing/meters', ({ params }, context) => {
    const status = params.string('status');
    const meters = newestFirst(context.store.meters.values()).filter(
      (meter) => status === undefined || meter.status === status,
    );
    return paginate(meters, params, '/v1/billing/meters');
  }),
  api('GET', '/v1/billing/meters/:id', ({ pathParams }, context) =>
    requireMeter(context, pathParams.id ?? '', 'id'),
  ),
  api('POST', '/v1/billing/meters/:id', ({ params, pathParams }, context) => {
    const meter = requireMeter(context, pathParams.id ?? '', 'id');
    if (params.has('display_name')) meter.display_name = params.requiredString('display_name');
    meter.updated = context.realNow();
    emit(context, 'billing.meter.updated', meter, meter.updated);
    return meter;
  }),
  api('POST', '/v1/billing/meters/:id/deactivate', ({ pathParams }, context) => {
    const meter = requireMeter(context, pathParams.id ?? '', 'id');
    meter.status = 'inactive';
    meter.status_transitions.deactivated_at = context.realNow();
    emit(context, 'billing.meter.deactivated', meter, context.realNow());
    return meter;
  }),
  api('POST', '/v1/billing/meters/:id/reactivate', ({ pathParams }, context) => {
    const meter = requireMeter(context, pathParams.id ?? '', 'id');
    meter.status = 'active';
    meter.status_transitions.deactivated_at = null;
    emit(context, 'billing.meter.reactivated', meter, context.realNow());
    return meter;
  }),
  api('GET', '/v1/billing/meters/:id/event_summaries', ({ params, pathParams }, context) => {
    const meter = requireMeter(context, pathParams.id ?? '', 'id');
    const customer = params.requiredString('customer');
    const start = params.integer('start_time');
    const end = params.integer('end_time');
    if (start === undefined) throw missingParam('start_time');
    if (end === undefined) throw missingParam('end_time');
    const summary = {
      id: newId('mtrusg'),
      object: 'billing.meter_event_summary',
      aggregated_value: meterUsage(context, meter.id, customer, { start, end }),
      end_time: end,
      livemode: false,
      meter: meter.id,
      start_time: start,
    };
    return paginate([summary], params, `/v1/billing/meters/${meter.id}/event_summaries`);
  }),
  api('POST', '/v1/billing/meter_events', ({ params }, context) =>
    recordMeterEvent(context, params, params.integer('timestamp')),
  ),
];
