import { succeedPaymentIntent } from '../billing/payments.js';
import { type EmulatorContext, emit, nowForCustomer } from '../context.js';
import { idOf } from '../lookups.js';
import type { PaymentIntentObject } from '../objects.js';
import { type PageResponse, page, type Route } from '../router.js';
import { escapeHtml, formString, htmlPage, jsonResponse, redirect } from './html.js';

/** Completes or fails the 3-D Secure step of a PaymentIntent in `requires_action`. */
export function authenticatePaymentIntent(
  context: EmulatorContext,
  paymentIntent: PaymentIntentObject,
  complete: boolean,
): void {
  const now = nowForCustomer(context, idOf(paymentIntent.customer));
  if (complete) {
    succeedPaymentIntent(context, paymentIntent, now);
    return;
  }
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.next_action = null;
  paymentIntent.last_payment_error = {
    code: 'payment_intent_authentication_failure',
    doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
    message:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    type: 'invalid_request_error',
  };
  emit(context, 'payment_intent.payment_failed', paymentIntent, now);
}

function returnTo(paymentIntent: PaymentIntentObject, returnUrl: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('payment_intent', paymentIntent.id);
  if (paymentIntent.client_secret)
    url.searchParams.set('payment_intent_client_secret', paymentIntent.client_secret);
  url.searchParams.set('redirect_status', paymentIntent.status === 'succeeded' ? 'succeeded' : 'failed');
  return url.toString();
}

function waiting(context: EmulatorContext, id: string | undefined): PaymentIntentObject | undefined {
  const paymentIntent = context.store.paymentIntents.get(id ?? '');
  return paymentIntent?.status === 'requires_action' ? paymentIntent : undefined;
}

const nothingToDo = (): PageResponse =>
  htmlPage(
    'Authentication',
    '<h1>Nothing to authenticate</h1><p>This payment does not need authentication.</p>',
    404,
  );

export const paymentAuthenticationRoutes: Route[] = [
  page('GET', '/payment_intents/:id/authenticate', ({ pathParams }, context) => {
    const paymentIntent = waiting(context, pathParams.id);
    if (!paymentIntent) return nothingToDo();
    return htmlPage(
      'Authenticate your payment',
      `<h1>Authenticate your payment</h1>
<p>Your bank asks you to confirm this payment (3-D Secure test card).</p>
<form method="post" action="/payment_intents/${escapeHtml(paymentIntent.id)}/authenticate">
<button type="submit" name="result" value="complete">Complete</button>
<button type="submit" name="result" value="fail">Fail</button>
</form>`,
    );
  }),
  page('POST', '/payment_intents/:id/authenticate', ({ pathParams, form }, context) => {
    const paymentIntent = waiting(context, pathParams.id);
    if (!paymentIntent) return nothingToDo();
    const returnUrl = paymentIntent.next_action?.redirect_to_url?.return_url ?? null;
    authenticatePaymentIntent(context, paymentIntent, formString(form, 'result') === 'complete');
    if (returnUrl) return redirect(returnTo(paymentIntent, returnUrl));
    const done = paymentIntent.status === 'succeeded' ? 'Payment complete' : 'Authentication failed';
    return htmlPage(done, `<h1>${done}</h1>`);
  }),
  page('POST', '/_emulator/payment_intents/:id/authenticate', ({ pathParams, json }, context) => {
    const paymentIntent = waiting(context, pathParams.id);
    if (!paymentIntent) {
      return jsonResponse(400, {
        error: { message: `No PaymentIntent awaiting authentication: '${pathParams.id}'` },
      });
    }
    const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    authenticatePaymentIntent(context, paymentIntent, body.result !== 'fail');
    return jsonResponse(200, { payment_intent: paymentIntent });
  }),
];
