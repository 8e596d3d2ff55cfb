import type { EmulatorContext } from '../context.js';
import type { PortalSessionObject } from '../objects.js';
import type { Params } from '../params.js';
import type { PageResponse } from '../router.js';
import { missingParam, resourceMissing } from '../stripe-errors.js';
import { escapeHtml, htmlPage, redirect } from './html.js';

type Flow = NonNullable<PortalSessionObject['flow']>;
const flowTypes = [
  'payment_method_update',
  'subscription_cancel',
  'subscription_update',
  'subscription_update_confirm',
] as const;

/** `flow_data`: a portal session deep-linked to one task, with what happens once it is done. */
export function readPortalFlow(context: EmulatorContext, customerId: string, params: Params): Flow | null {
  const data = params.object('flow_data');
  if (!data) return null;
  const type = data.oneOf('type', flowTypes);
  if (!type) throw missingParam('flow_data[type]');
  const after = data.object('after_completion');
  const afterType =
    after?.oneOf('type', ['hosted_confirmation', 'portal_homepage', 'redirect'] as const) ??
    'portal_homepage';
  const returnUrl = after?.object('redirect')?.string('return_url');
  if (afterType === 'redirect' && !returnUrl)
    throw missingParam('flow_data[after_completion][redirect][return_url]');
  const subscriptionOf = (key: string): string => {
    const id = data.object(key)?.string('subscription');
    if (!id) throw missingParam(`flow_data[${key}][subscription]`);
    if (context.store.subscriptions.get(id)?.customer !== customerId) {
      throw resourceMissing(`flow_data[${key}][subscription]`, 'subscription', id);
    }
    return id;
  };
  const confirm =
    type === 'subscription_update_confirm' ? data.object('subscription_update_confirm') : undefined;
  return {
    after_completion: {
      hosted_confirmation:
        afterType === 'hosted_confirmation'
          ? { custom_message: after?.object('hosted_confirmation')?.string('custom_message') ?? null }
          : null,
      redirect: afterType === 'redirect' && returnUrl ? { return_url: returnUrl } : null,
      type: afterType,
    },
    customer_update: null,
    subscription_cancel:
      type === 'subscription_cancel' ? { retention: null, subscription: subscriptionOf(type) } : null,
    subscription_pause: null,
    subscription_update: type === 'subscription_update' ? { subscription: subscriptionOf(type) } : null,
    subscription_update_confirm: confirm
      ? {
          discounts: null,
          items: confirm.list('items').map((item) => ({
            id: item.string('id') ?? null,
            price: item.string('price') ?? null,
            ...(item.has('quantity') ? { quantity: item.integer('quantity') ?? 1 } : {}),
          })),
          subscription: subscriptionOf(type),
        }
      : null,
    type,
  };
}

/** The one subscription a flow is about, if any. */
export function flowSubscription(flow: Flow | null): string | null {
  return (
    flow?.subscription_cancel?.subscription ??
    flow?.subscription_update?.subscription ??
    flow?.subscription_update_confirm?.subscription ??
    null
  );
}

/** Where the customer goes once the flow's action succeeded. */
export function afterFlow(session: PortalSessionObject, message: string): PageResponse {
  const after = session.flow?.after_completion;
  if (after?.type === 'redirect' && after.redirect) return redirect(after.redirect.return_url);
  if (after?.type === 'hosted_confirmation') {
    const text = after.hosted_confirmation?.custom_message ?? message;
    const back = session.return_url
      ? `<p><a href="${escapeHtml(session.return_url)}">Return to the app</a></p>`
      : '';
    return htmlPage('Done', `<h1>Done</h1><p role="status">${escapeHtml(text)}</p>${back}`);
  }
  return redirect(`/portal/${session.id}?message=${encodeURIComponent(message)}`);
}
