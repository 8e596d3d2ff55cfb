import { newestFirst, paginate } from '../list-pagination.js';
import { api, type Route } from '../router.js';
import { resourceMissing } from '../stripe-errors.js';

/** Read access to the SetupIntents that setup-mode Checkout Sessions create. */
export const setupIntentRoutes: Route[] = [
  api('GET', '/v1/setup_intents', ({ params }, context) => {
    const customer = params.string('customer');
    const intents = newestFirst(context.store.setupIntents.values()).filter(
      (intent) => customer === undefined || intent.customer === customer,
    );
    return paginate(intents, params, '/v1/setup_intents');
  }),
  api('GET', '/v1/setup_intents/:id', ({ pathParams }, context) => {
    const intent = context.store.setupIntents.get(pathParams.id ?? '');
    if (!intent) throw resourceMissing('intent', 'setup_intent', pathParams.id ?? '');
    return intent;
  }),
];
