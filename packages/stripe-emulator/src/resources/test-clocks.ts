import { advanceClock } from '../billing/billing-cycle.js';
import { cancelSubscriptionNow } from '../billing/subscription-cancellation.js';
import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import { newestFirst, paginate } from '../list-pagination.js';
import type { TestClockObject } from '../objects.js';
import { api, type Route } from '../router.js';
import { invalidParam, invalidRequest, missingParam, resourceMissing } from '../stripe-errors.js';
import { clone } from '../wire.js';

const day = 86_400;

function requireClock(context: EmulatorContext, id: string): TestClockObject {
  const clock = context.store.testClocks.get(id);
  if (!clock) throw resourceMissing('test_clock', 'test_helpers.test_clock', id);
  return clock;
}

function deleteClock(context: EmulatorContext, clock: TestClockObject): void {
  for (const subscription of context.store.subscriptions.values()) {
    if (subscription.test_clock === clock.id && subscription.status !== 'canceled') {
      cancelSubscriptionNow(context, subscription, clock.frozen_time, 'cancellation_requested');
    }
  }
  for (const customer of context.store.customers.values()) {
    if (customer.test_clock === clock.id) context.store.customers.delete(customer.id);
  }
  context.store.testClocks.delete(clock.id);
  emit(context, 'test_helpers.test_clock.deleted', clock, context.realNow());
}

export const testClockRoutes: Route[] = [
  api('POST', '/v1/test_helpers/test_clocks', ({ params }, context) => {
    const frozenTime = params.integer('frozen_time');
    if (frozenTime === undefined) throw missingParam('frozen_time');
    const now = context.realNow();
    const clock = {
      id: newId('clock'),
      object: 'test_helpers.test_clock',
      created: now,
      deletes_after: now + 30 * day,
      frozen_time: frozenTime,
      livemode: false,
      name: params.string('name') ?? null,
      status: 'ready',
      status_details: {},
    } satisfies TestClockObject;
    const stored: TestClockObject = clock;
    context.store.testClocks.set(clock.id, stored);
    emit(context, 'test_helpers.test_clock.created', stored, now);
    return stored;
  }),
  api('GET', '/v1/test_helpers/test_clocks', ({ params }, context) =>
    paginate(newestFirst(context.store.testClocks.values()), params, '/v1/test_helpers/test_clocks'),
  ),
  api('GET', '/v1/test_helpers/test_clocks/:id', ({ pathParams }, context) =>
    requireClock(context, pathParams.id ?? ''),
  ),
  api('DELETE', '/v1/test_helpers/test_clocks/:id', ({ pathParams }, context) => {
    const clock = requireClock(context, pathParams.id ?? '');
    deleteClock(context, clock);
    return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
  }),
  api('POST', '/v1/test_helpers/test_clocks/:id/advance', ({ params, pathParams }, context) => {
    const clock = requireClock(context, pathParams.id ?? '');
    const target = params.integer('frozen_time');
    if (target === undefined) throw missingParam('frozen_time');
    if (clock.status === 'advancing')
      throw invalidRequest('The test clock is already advancing.', 'test_clock_advancing');
    if (target <= clock.frozen_time) {
      throw invalidParam(
        'frozen_time',
        'The frozen_time must be after the test clock\u2019s current frozen_time.',
      );
    }
    clock.status = 'advancing';
    clock.status_details = { advancing: { target_frozen_time: target } };
    emit(context, 'test_helpers.test_clock.advancing', clock, context.realNow());
    const snapshot = clone(clock);
    // Like Stripe, the call answers at once and the work happens afterwards; poll until `ready`.
    setImmediate(() => {
      if (!context.store.testClocks.has(clock.id)) return;
      try {
        advanceClock(context, clock.id, target);
        clock.status = 'ready';
        clock.status_details = {};
        emit(context, 'test_helpers.test_clock.ready', clock, context.realNow());
      } catch (error) {
        // An emulator bug must not take the process down; Stripe reports the same state this way.
        console.error(`[stripe-emulator] advancing ${clock.id} failed:`, error);
        clock.status = 'internal_failure';
        clock.status_details = {};
        emit(context, 'test_helpers.test_clock.internal_failure', clock, context.realNow());
      }
    });
    return snapshot;
  }),
];
