import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { api, type Route } from '../router.js';
import { resourceMissing } from '../stripe-errors.js';

export const eventRoutes: Route[] = [
  api('GET', '/v1/events', ({ params }, context) => {
    const type = params.string('type');
    const types = params.strings('types');
    const matchesType = (eventType: string) => {
      if (types.length > 0) return types.includes(eventType);
      if (type === undefined) return true;
      // Stripe allows one trailing wildcard, e.g. `invoice.*`.
      return type.endsWith('*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type;
    };
    const deliverySuccess = params.boolean('delivery_success');
    const events = newestFirst(context.store.events.values()).filter(
      (event) =>
        matchesType(event.type) &&
        matchesRange(event.created, params, 'created') &&
        (deliverySuccess === undefined || (event.pending_webhooks === 0) === deliverySuccess),
    );
    return paginate(events, params, '/v1/events');
  }),
  api('GET', '/v1/events/:id', ({ pathParams }, context) => {
    const event = context.store.events.get(pathParams.id ?? '');
    if (!event) throw resourceMissing('id', 'event', pathParams.id ?? '');
    return event;
  }),
];
