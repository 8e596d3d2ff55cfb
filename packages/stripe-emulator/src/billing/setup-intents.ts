import { type EmulatorContext, emit } from '../context.js';
import { newId, randomToken } from '../ids.js';
import type { SetupIntentObject } from '../objects.js';

export function newSetupIntent(
  context: EmulatorContext,
  customerId: string | null,
  created: number,
): SetupIntentObject {
  const id = newId('seti');
  const setupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomToken(32)}`,
    created,
    customer: customerId,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: 'off_session',
  } satisfies SetupIntentObject;
  const stored: SetupIntentObject = setupIntent;
  context.store.setupIntents.set(id, stored);
  emit(context, 'setup_intent.created', stored, created);
  return stored;
}

export function succeedSetupIntent(
  context: EmulatorContext,
  setupIntent: SetupIntentObject,
  paymentMethodId: string,
  customerId: string | null,
  now: number,
): void {
  setupIntent.status = 'succeeded';
  setupIntent.payment_method = paymentMethodId;
  setupIntent.customer = customerId;
  emit(context, 'setup_intent.succeeded', setupIntent, now);
}
