import { formatDate, formatMoney } from '../billing/periods.js';
import type { EmulatorContext } from '../context.js';
import type { FormObject } from '../form-body.js';
import type { PortalSessionObject, PriceObject, SubscriptionObject } from '../objects.js';
import { Params } from '../params.js';
import { replaceDefaultCard } from '../resources/payment-methods.js';
import { updateSubscription } from '../resources/subscription-update.js';
import { type PageResponse, page, type Route } from '../router.js';
import { StripeApiError } from '../stripe-errors.js';
import { escapeHtml, formString, htmlPage } from './html.js';
import { afterFlow, flowSubscription } from './portal-flows.js';

const productOf = (price: PriceObject) =>
  typeof price.product === 'string' ? price.product : price.product.id;

/**
 * Plans a subscription can switch to in the portal: active licensed recurring prices of the products
 * it already has (e.g. monthly ↔ yearly), plus those of products with `metadata.portal_switchable = 'true'`.
 */
export function switchablePrices(context: EmulatorContext, subscription: SubscriptionObject): PriceObject[] {
  const owned = new Set(subscription.items.data.map((item) => productOf(item.price)));
  const current = new Set(subscription.items.data.map((item) => item.price.id));
  return [...context.store.prices.values()].filter((price) => {
    if (!price.active || price.type !== 'recurring' || price.recurring?.usage_type === 'metered')
      return false;
    if (current.has(price.id) || price.currency !== subscription.currency) return false;
    const product = context.store.products.get(productOf(price));
    return owned.has(productOf(price)) || product?.metadata.portal_switchable === 'true';
  });
}

function priceLabel(context: EmulatorContext, price: PriceObject): string {
  const name = context.store.products.get(productOf(price))?.name ?? productOf(price);
  return `${name} — ${formatMoney(price.unit_amount ?? 0, price.currency)} / ${price.recurring?.interval ?? 'once'}`;
}

function subscriptionSection(
  context: EmulatorContext,
  session: PortalSessionObject,
  subscription: SubscriptionObject,
): string {
  const base = `/portal/${escapeHtml(session.id)}/subscriptions/${escapeHtml(subscription.id)}`;
  const main =
    subscription.items.data.find((item) => item.price.recurring?.usage_type !== 'metered') ??
    subscription.items.data[0];
  const periodEnd = main?.current_period_end ?? 0;
  const items = subscription.items.data
    .map((item) => `<li>${escapeHtml(priceLabel(context, item.price))}</li>`)
    .join('');
  const options = switchablePrices(context, subscription)
    .map(
      (price) => `<option value="${escapeHtml(price.id)}">${escapeHtml(priceLabel(context, price))}</option>`,
    )
    .join('');
  const change =
    main && options
      ? `<form method="post" action="${base}/change"><input type="hidden" name="item" value="${escapeHtml(main.id)}">
<label for="price-${escapeHtml(subscription.id)}">Change plan</label>
<select id="price-${escapeHtml(subscription.id)}" name="price">${options}</select>
<button type="submit">Update plan</button></form>`
      : '';
  const cancelOrResume = subscription.cancel_at_period_end
    ? `<p>Cancels on ${escapeHtml(formatDate(periodEnd))}.</p><form method="post" action="${base}/resume"><button type="submit">Resume subscription</button></form>`
    : `<form method="post" action="${base}/cancel"><button type="submit">Cancel subscription</button></form>`;
  return `<section aria-labelledby="title-${escapeHtml(subscription.id)}">
<h2 id="title-${escapeHtml(subscription.id)}">Subscription</h2>
<p>Status: <strong data-status="${escapeHtml(subscription.status)}">${escapeHtml(subscription.status)}</strong></p>
<ul>${items}</ul>
<p>Current period ends ${escapeHtml(formatDate(periodEnd))}.</p>
${change}
${cancelOrResume}
</section>`;
}

function portalPage(
  context: EmulatorContext,
  session: PortalSessionObject,
  message: string | null,
  status = 200,
): PageResponse {
  const only = flowSubscription(session.flow);
  const subscriptions = [...context.store.subscriptions.values()].filter(
    (subscription) =>
      subscription.customer === session.customer &&
      (only === null || subscription.id === only) &&
      !['canceled', 'incomplete_expired'].includes(subscription.status),
  );
  const customer = context.store.customers.get(session.customer);
  const defaultId = customer?.invoice_settings.default_payment_method;
  const card = typeof defaultId === 'string' ? context.store.paymentMethods.get(defaultId)?.card : undefined;
  const back = session.return_url
    ? `<p><a href="${escapeHtml(session.return_url)}">Return to the app</a></p>`
    : '';
  const flowType = session.flow?.type ?? null;
  const confirm = session.flow?.subscription_update_confirm;
  const subscriptionHtml =
    flowType === 'payment_method_update'
      ? ''
      : confirm
        ? `<form method="post" action="/portal/${escapeHtml(session.id)}/subscriptions/${escapeHtml(confirm.subscription)}/confirm-update"><button type="submit">Confirm update</button></form>`
        : subscriptions
            .map((subscription) => subscriptionSection(context, session, subscription))
            .join('\n') || '<p>No active subscriptions.</p>';
  const paymentHtml =
    flowType === null || flowType === 'payment_method_update' ? paymentSection(session, card) : '';
  return htmlPage(
    'Billing portal',
    `<h1>Billing portal</h1>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}
${subscriptionHtml}
${paymentHtml}
${back}`,
    status,
  );
}

function paymentSection(
  session: PortalSessionObject,
  card: { brand: string; last4: string } | undefined,
): string {
  return `<section aria-labelledby="payment-title"><h2 id="payment-title">Payment method</h2>
<p>${card ? `${escapeHtml(card.brand)} ending in ${escapeHtml(card.last4)}` : 'No card on file.'}</p>
<form method="post" action="/portal/${escapeHtml(session.id)}/payment-method">
<label for="card_number">New card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required>
<button type="submit">Update card</button></form></section>`;
}

function findSubscription(context: EmulatorContext, session: PortalSessionObject, id: string | undefined) {
  const subscription = context.store.subscriptions.get(id ?? '');
  return subscription?.customer === session.customer ? subscription : undefined;
}

function act(context: EmulatorContext, session: PortalSessionObject, action: () => string): PageResponse {
  try {
    return afterFlow(session, action());
  } catch (error) {
    if (error instanceof StripeApiError) return portalPage(context, session, error.message, error.status);
    throw error;
  }
}

function update(context: EmulatorContext, subscription: SubscriptionObject, form: FormObject): void {
  updateSubscription(context, subscription, new Params(form));
}

const missing = () => htmlPage('Not found', '<h1>Portal session not found</h1>', 404);

export const hostedPortalRoutes: Route[] = [
  page('GET', '/portal/:id', ({ pathParams, query }, context) => {
    const session = context.store.portalSessions.get(pathParams.id ?? '');
    if (!session) return missing();
    return portalPage(context, session, formString(query, 'message') || null);
  }),
  page('POST', '/portal/:id/subscriptions/:subscription/:action', ({ pathParams, form }, context) => {
    const session = context.store.portalSessions.get(pathParams.id ?? '');
    if (!session) return missing();
    const subscription = findSubscription(context, session, pathParams.subscription);
    if (!subscription) return portalPage(context, session, 'Subscription not found.', 404);
    return act(context, session, () => {
      switch (pathParams.action) {
        case 'cancel':
          update(context, subscription, { cancel_at_period_end: 'true' });
          return 'Your subscription will be canceled at the end of the period.';
        case 'resume':
          update(context, subscription, { cancel_at_period_end: 'false' });
          return 'Your subscription was resumed.';
        case 'change': {
          const price = formString(form, 'price');
          if (!switchablePrices(context, subscription).some((candidate) => candidate.id === price)) {
            throw new StripeApiError(400, {
              type: 'invalid_request_error',
              message: 'That plan is not available.',
            });
          }
          update(context, subscription, {
            items: [{ id: formString(form, 'item'), price }],
            proration_behavior: 'create_prorations',
          });
          return 'Your plan was updated.';
        }
        case 'confirm-update': {
          const confirm = session.flow?.subscription_update_confirm;
          if (!confirm || confirm.subscription !== subscription.id) break;
          const items = confirm.items.map((item) => {
            const entry: FormObject = {};
            if (item.id) entry.id = item.id;
            if (item.price) entry.price = item.price;
            if (item.quantity !== undefined) entry.quantity = String(item.quantity);
            return entry;
          });
          update(context, subscription, { items, proration_behavior: 'create_prorations' });
          return 'Your subscription was updated.';
        }
        default:
          break;
      }
      throw new StripeApiError(404, { type: 'invalid_request_error', message: 'Unknown action.' });
    });
  }),
  page('POST', '/portal/:id/payment-method', ({ pathParams, form }, context) => {
    const session = context.store.portalSessions.get(pathParams.id ?? '');
    if (!session) return missing();
    return act(context, session, () => {
      replaceDefaultCard(context, session.customer, formString(form, 'card_number'));
      return 'Your payment method was updated.';
    });
  }),
];
