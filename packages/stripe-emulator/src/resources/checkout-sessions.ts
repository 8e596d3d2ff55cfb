import { newSetupIntent } from '../billing/setup-intents.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { newestFirst, paginate } from '../list-pagination.js';
import { idOf, requireCustomer, requirePrice } from '../lookups.js';
import type { CheckoutSessionObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { invalidParam, invalidRequest, missingParam, resourceMissing } from '../stripe-errors.js';
import { buildCheckoutSession } from './checkout-session-builder.js';

export function requireSession(
  context: EmulatorContext,
  id: string,
  param = 'session',
): CheckoutSessionObject {
  const session = context.store.checkoutSessions.get(id);
  if (!session) throw resourceMissing(param, 'checkout.session', id);
  return session;
}

function createSession(context: EmulatorContext, params: Params): CheckoutSessionObject {
  params.rejectUnsupported(['discounts', 'automatic_tax', 'shipping_options', 'tax_id_collection']);
  const mode = params.oneOf('mode', ['payment', 'subscription', 'setup'] as const);
  if (!mode) throw missingParam('mode');
  const uiMode =
    params.oneOf('ui_mode', ['hosted_page', 'embedded_page', 'elements', 'form'] as const) ?? 'hosted_page';
  if (uiMode !== 'hosted_page' && uiMode !== 'embedded_page') {
    throw invalidParam('ui_mode', 'The emulator supports ui_mode hosted_page and embedded_page.');
  }
  const customerId = params.string('customer') ?? null;
  if (customerId) requireCustomer(context, customerId);
  const lineItems = params.list('line_items').map((entry, index) => {
    const price = requirePrice(context, entry.requiredString('price'), `line_items[${index}][price]`);
    if (!price.active)
      throw invalidParam(`line_items[${index}][price]`, `The price \`${price.id}\` is not active.`);
    if (mode === 'subscription' && price.recurring === null && index === 0) {
      throw invalidParam(
        `line_items[${index}][price]`,
        'Subscription mode needs at least one recurring price.',
      );
    }
    if (mode === 'payment' && price.recurring !== null) {
      throw invalidParam(`line_items[${index}][price]`, 'You must use one-time prices in payment mode.');
    }
    const metered = price.recurring?.usage_type === 'metered';
    return { price, quantity: metered ? 1 : (entry.integer('quantity') ?? 1) };
  });
  if (mode === 'setup' && lineItems.length > 0) {
    throw invalidParam('line_items', 'line_items cannot be used in setup mode.');
  }
  if (mode !== 'setup' && lineItems.length === 0) throw missingParam('line_items');
  const successUrl = params.string('success_url') ?? null;
  const returnUrl = params.string('return_url') ?? null;
  if (uiMode === 'embedded_page' && !returnUrl && params.string('redirect_on_completion') !== 'never') {
    throw missingParam('return_url');
  }
  if (uiMode === 'embedded_page' && successUrl) {
    throw invalidParam(
      'success_url',
      'success_url cannot be used with ui_mode embedded_page; use return_url.',
    );
  }
  const now = nowForCustomer(context, customerId);
  const session = buildCheckoutSession(context, {
    mode,
    uiMode,
    lineItems,
    customerId,
    customerEmail: params.string('customer_email') ?? null,
    clientReferenceId: params.string('client_reference_id') ?? null,
    metadata: params.metadata(),
    successUrl,
    cancelUrl: params.string('cancel_url') ?? null,
    returnUrl,
    created: now,
    expiresAt: params.integer('expires_at') ?? now + 24 * 60 * 60,
  });
  const subscriptionData = params.object('subscription_data');
  const paymentIntentData = params.object('payment_intent_data');
  if (mode === 'payment' && params.string('customer_creation') === 'always')
    session.customer_creation = 'always';
  context.store.checkoutOptions.set(session.id, {
    trialPeriodDays: subscriptionData?.integer('trial_period_days') ?? null,
    trialEnd: subscriptionData?.integer('trial_end') ?? null,
    subscriptionMetadata: subscriptionData?.metadata() ?? {},
    subscriptionDescription: subscriptionData?.string('description') ?? null,
    paymentIntentMetadata: paymentIntentData?.metadata() ?? {},
    paymentIntentDescription: paymentIntentData?.string('description') ?? null,
  });
  if (mode === 'setup') {
    session.currency = params.string('currency')?.toLowerCase() ?? null;
    session.setup_intent = newSetupIntent(context, customerId, now).id;
  }
  context.store.checkoutSessions.set(session.id, session);
  context.changed();
  return session;
}

export const checkoutSessionRoutes: Route[] = [
  api('POST', '/v1/checkout/sessions', ({ params }, context) => createSession(context, params)),
  api('GET', '/v1/checkout/sessions', ({ params }, context) => {
    const customer = params.string('customer');
    const status = params.string('status');
    const subscription = params.string('subscription');
    const paymentIntent = params.string('payment_intent');
    const sessions = newestFirst(context.store.checkoutSessions.values()).filter(
      (session) =>
        (customer === undefined || session.customer === customer) &&
        (status === undefined || session.status === status) &&
        (subscription === undefined || session.subscription === subscription) &&
        (paymentIntent === undefined || session.payment_intent === paymentIntent),
    );
    return paginate(
      sessions.map((session) => session),
      params,
      '/v1/checkout/sessions',
    );
  }),
  api('GET', '/v1/checkout/sessions/:id', ({ pathParams }, context) =>
    requireSession(context, pathParams.id ?? ''),
  ),
  api('GET', '/v1/checkout/sessions/:id/line_items', ({ params, pathParams }, context) => {
    const session = requireSession(context, pathParams.id ?? '');
    return paginate(session.line_items?.data ?? [], params, `/v1/checkout/sessions/${session.id}/line_items`);
  }),
  api('POST', '/v1/checkout/sessions/:id/expire', ({ pathParams }, context) => {
    const session = requireSession(context, pathParams.id ?? '');
    if (session.status !== 'open') {
      throw invalidRequest(
        `Only Checkout Sessions with a status of open can be expired (status: ${session.status}).`,
      );
    }
    session.status = 'expired';
    session.url = null;
    emit(context, 'checkout.session.expired', session, nowForCustomer(context, idOf(session.customer)));
    return session;
  }),
];
