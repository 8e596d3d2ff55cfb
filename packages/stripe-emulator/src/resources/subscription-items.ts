import type { EmulatorContext } from '../context.js';
import type { FormObject } from '../form-body.js';
import { paginate } from '../list-pagination.js';
import { requireSubscription } from '../lookups.js';
import type { SubscriptionItemObject, SubscriptionObject } from '../objects.js';
import { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { resourceMissing } from '../stripe-errors.js';
import { updateSubscription } from './subscription-update.js';

function findItem(
  context: EmulatorContext,
  id: string,
): { subscription: SubscriptionObject; item: SubscriptionItemObject } {
  for (const subscription of context.store.subscriptions.values()) {
    const item = subscription.items.data.find((candidate) => candidate.id === id);
    if (item) return { subscription, item };
  }
  throw resourceMissing('item', 'subscription_item', id);
}

/** Item endpoints are subscription updates with one `items[0]` entry, so prorations behave the same. */
function updateThroughSubscription(
  context: EmulatorContext,
  subscription: SubscriptionObject,
  entry: FormObject,
  params: Params,
): SubscriptionObject {
  const form: FormObject = { items: [entry] };
  for (const key of ['proration_behavior', 'proration_date', 'payment_behavior']) {
    const value = params.raw[key];
    if (value !== undefined) form[key] = value;
  }
  return updateSubscription(context, subscription, new Params(form));
}

function entryFrom(params: Params, id?: string): FormObject {
  const entry: FormObject = id ? { id } : {};
  for (const key of ['price', 'quantity', 'metadata']) {
    const value = params.raw[key];
    if (value !== undefined) entry[key] = value;
  }
  return entry;
}

export const subscriptionItemRoutes: Route[] = [
  api('GET', '/v1/subscription_items', ({ params }, context) => {
    const subscription = requireSubscription(context, params.requiredString('subscription'));
    return paginate(
      subscription.items.data,
      params,
      `/v1/subscription_items?subscription=${subscription.id}`,
    );
  }),
  api('POST', '/v1/subscription_items', ({ params }, context) => {
    const subscription = requireSubscription(context, params.requiredString('subscription'));
    const before = new Set(subscription.items.data.map((item) => item.id));
    const updated = updateThroughSubscription(context, subscription, entryFrom(params), params);
    const added = updated.items.data.find((item) => !before.has(item.id));
    if (!added) throw resourceMissing('price', 'price', params.string('price') ?? '');
    return added;
  }),
  api(
    'GET',
    '/v1/subscription_items/:id',
    ({ pathParams }, context) => findItem(context, pathParams.id ?? '').item,
  ),
  api('POST', '/v1/subscription_items/:id', ({ params, pathParams }, context) => {
    const { subscription } = findItem(context, pathParams.id ?? '');
    const updated = updateThroughSubscription(
      context,
      subscription,
      entryFrom(params, pathParams.id),
      params,
    );
    return (
      updated.items.data.find((item) => item.id === pathParams.id) ??
      findItem(context, pathParams.id ?? '').item
    );
  }),
  api('DELETE', '/v1/subscription_items/:id', ({ params, pathParams }, context) => {
    const { subscription, item } = findItem(context, pathParams.id ?? '');
    updateThroughSubscription(context, subscription, { id: item.id, deleted: 'true' }, params);
    return { id: item.id, object: 'subscription_item', deleted: true };
  }),
];
