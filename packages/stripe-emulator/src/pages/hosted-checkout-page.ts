import { completeCheckout } from '../billing/checkout-completion.js';
import { formatMoney } from '../billing/periods.js';
import type { EmulatorContext } from '../context.js';
import type { CheckoutSessionObject } from '../objects.js';
import { type PageResponse, page, type Route } from '../router.js';
import { escapeHtml, formString, htmlPage, jsonResponse, redirect } from './html.js';

function summary(context: EmulatorContext, session: CheckoutSessionObject): string {
  if (session.mode === 'setup') return '<p>Save a card for future payments. You will not be charged now.</p>';
  const rows = (session.line_items?.data ?? [])
    .map((line) => {
      const interval = line.price?.recurring ? ` / ${line.price.recurring.interval}` : '';
      return `<tr><td>${escapeHtml(line.description ?? '')}</td><td>${line.quantity ?? 1}</td><td>${escapeHtml(formatMoney(line.amount_total, line.currency))}${interval}</td></tr>`;
    })
    .join('');
  return `<table aria-label="Order summary"><thead><tr><th>Item</th><th>Qty</th><th>Price</th></tr></thead><tbody>${rows}</tbody></table>
${dueToday(context, session)}`;
}

function dueToday(context: EmulatorContext, session: CheckoutSessionObject): string {
  const settings = context.store.checkoutOptions.get(session.id);
  const total = formatMoney(session.amount_total ?? 0, session.currency ?? 'usd');
  if (session.mode === 'subscription' && (settings?.trialPeriodDays || settings?.trialEnd)) {
    const trial = settings.trialPeriodDays ? `${settings.trialPeriodDays}-day free trial` : 'Free trial';
    return `<p>${escapeHtml(trial)}, then ${escapeHtml(total)}. Total due today: <strong>${escapeHtml(formatMoney(0, session.currency ?? 'usd'))}</strong></p>`;
  }
  return `<p>Total due today: <strong>${escapeHtml(total)}</strong></p>`;
}

function paymentForm(
  context: EmulatorContext,
  session: CheckoutSessionObject,
  error: string | null,
  status = 200,
): PageResponse {
  const email =
    session.customer || session.customer_email
      ? ''
      : '<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email">';
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and return</a></p>`
    : '';
  return htmlPage(
    'Checkout',
    `<h1>Checkout</h1>
${summary(context, session)}
<form method="post" action="/checkout/${escapeHtml(session.id)}" aria-label="Payment details">
${email}
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required>
<label for="expiry">Expiry (MM / YY)</label>
<input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="12 / 34" required>
<label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">${session.mode === 'setup' ? 'Save card' : 'Pay'}</button>
</form>
${cancel}`,
    status,
  );
}

function authenticationStep(session: CheckoutSessionObject): PageResponse {
  return htmlPage(
    'Authenticate your payment',
    `<h1>Authenticate your payment</h1>
<p>Your bank asks you to confirm this payment (3-D Secure test card).</p>
<form method="post" action="/checkout/${escapeHtml(session.id)}/authenticate">
<button type="submit" name="result" value="complete">Complete</button>
<button type="submit" name="result" value="fail">Fail</button>
</form>`,
  );
}

function closedPage(session: CheckoutSessionObject): PageResponse {
  return htmlPage(
    'Checkout',
    `<h1>Checkout</h1><p>This checkout session is ${escapeHtml(session.status ?? 'closed')}.</p>`,
    410,
  );
}

function pay(
  context: EmulatorContext,
  session: CheckoutSessionObject,
  card: string,
  authenticated: boolean,
  email: string | null,
) {
  const outcome = completeCheckout(context, session, card, { authenticated, email });
  switch (outcome.kind) {
    case 'completed':
      return outcome.redirectUrl
        ? redirect(outcome.redirectUrl)
        : htmlPage('Payment complete', '<h1>Payment complete</h1><p>Thank you!</p>');
    case 'requires_authentication':
      return authenticationStep(session);
    case 'declined':
      return paymentForm(context, session, outcome.message, 402);
    case 'invalid':
      return paymentForm(context, session, outcome.message, 400);
  }
}

/** Like Stripe's test mode: any future expiry date and any 3- or 4-digit CVC are accepted. */
function cardDetailsProblem(expiry: string, cvc: string, now: number): string | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return 'Your card’s expiration date is incomplete.';
  const month = Number(match[1]);
  const year = Number(match[2]) < 100 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return 'Your card’s expiration month is invalid.';
  if (Date.UTC(year, month, 1) / 1000 <= now) return 'Your card’s expiration year is in the past.';
  if (!/^\d{3,4}$/.test(cvc.trim())) return 'Your card’s security code is incomplete.';
  return null;
}

function sessionOr404(context: EmulatorContext, id: string | undefined): CheckoutSessionObject | undefined {
  return context.store.checkoutSessions.get(id ?? '');
}

const notFound = () => htmlPage('Not found', '<h1>Checkout session not found</h1>', 404);

export const hostedCheckoutRoutes: Route[] = [
  page('GET', '/checkout/:id', ({ pathParams }, context) => {
    const session = sessionOr404(context, pathParams.id);
    if (!session) return notFound();
    if (session.status !== 'open') return closedPage(session);
    if (context.store.pendingAuthentications.has(session.id)) return authenticationStep(session);
    return paymentForm(context, session, null);
  }),
  page('POST', '/checkout/:id', ({ pathParams, form }, context) => {
    const session = sessionOr404(context, pathParams.id);
    if (!session) return notFound();
    if (session.status !== 'open') return closedPage(session);
    const problem = cardDetailsProblem(
      formString(form, 'expiry'),
      formString(form, 'cvc'),
      context.realNow(),
    );
    if (problem) return paymentForm(context, session, problem, 400);
    return pay(context, session, formString(form, 'card_number'), false, formString(form, 'email') || null);
  }),
  page('POST', '/checkout/:id/authenticate', ({ pathParams, form }, context) => {
    const session = sessionOr404(context, pathParams.id);
    if (!session) return notFound();
    const card = context.store.pendingAuthentications.get(session.id);
    if (session.status !== 'open' || !card) return closedPage(session);
    if (formString(form, 'result') !== 'complete') {
      context.store.pendingAuthentications.delete(session.id);
      return paymentForm(
        context,
        session,
        'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
        402,
      );
    }
    return pay(context, session, card, true, null);
  }),
  page('POST', '/_emulator/checkout/sessions/:id/complete', ({ pathParams, json }, context) => {
    const session = sessionOr404(context, pathParams.id);
    if (!session)
      return jsonResponse(404, { error: { message: `No such checkout.session: '${pathParams.id}'` } });
    const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    const card = typeof body.card === 'string' ? body.card : '4242424242424242';
    const outcome = completeCheckout(context, session, card, {
      authenticated: body.authenticated === true,
      email: typeof body.email === 'string' ? body.email : null,
    });
    const status = outcome.kind === 'declined' ? 402 : outcome.kind === 'invalid' ? 400 : 200;
    const { line_items: _lines, ...shown } = session;
    return jsonResponse(status, {
      outcome: outcome.kind,
      ...(outcome.kind === 'completed' ? { redirect_url: outcome.redirectUrl } : {}),
      ...(outcome.kind === 'declined' || outcome.kind === 'invalid'
        ? { error: { message: outcome.message } }
        : {}),
      session: shown,
    });
  }),
];
