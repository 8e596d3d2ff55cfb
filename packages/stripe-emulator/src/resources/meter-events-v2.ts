import { recordMeterEvent } from '../billing/meter-event-recorder.js';
import type { EmulatorContext } from '../context.js';
import { randomToken } from '../ids.js';
import type { MeterEventObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { invalidParam, missingParam } from '../stripe-errors.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const sessionLifetime = 15 * 60;

function timestampOf(params: Params, param: string): number | undefined {
  const value = params.string('timestamp');
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw invalidParam(param, `Invalid timestamp: ${value}`);
  return Math.floor(parsed / 1000);
}

/** The v2 shape of a meter event: ISO timestamps, `v2.billing.meter_event`. */
function v2Event(event: MeterEventObject) {
  return {
    object: 'v2.billing.meter_event',
    created: iso(event.created),
    event_name: event.event_name,
    identifier: event.identifier,
    livemode: false,
    payload: event.payload,
    timestamp: iso(event.timestamp),
  };
}

/** Tokens of `meter_event_session`s, which authenticate `meter_event_stream` calls. */
export function isMeterEventSessionToken(context: EmulatorContext, token: string): boolean {
  const expiresAt = context.meterEventSessions.get(token);
  return expiresAt !== undefined && expiresAt > context.realNow();
}

export const meterEventV2Routes: Route[] = [
  api('POST', '/v2/billing/meter_events', ({ params }, context) =>
    v2Event(recordMeterEvent(context, params, timestampOf(params, 'timestamp'))),
  ),
  api('POST', '/v2/billing/meter_event_session', (_request, context) => {
    const now = context.realNow();
    const token = `mes_auth_${randomToken(32)}`;
    context.meterEventSessions.set(token, now + sessionLifetime);
    return {
      id: `mes_${randomToken(24)}`,
      object: 'v2.billing.meter_event_session',
      authentication_token: token,
      created: iso(now),
      expires_at: iso(now + sessionLifetime),
      livemode: false,
    };
  }),
  api('POST', '/v2/billing/meter_event_stream', ({ params }, context) => {
    const events = params.list('events');
    if (events.length === 0) throw missingParam('events');
    events.forEach((event, index) => {
      recordMeterEvent(context, event, timestampOf(event, `events[${index}][timestamp]`));
    });
    return {};
  }),
];
