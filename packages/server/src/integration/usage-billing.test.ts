import { routes } from '@billing-kit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatedStripe,
  payOnHostedCheckout,
  startWithEmulatedStripe,
} from '../test/emulator-harness.js';
import { signTestToken, TEST_API_KEY } from '../test/tokens.js';

let stripe: EmulatedStripe;
let admin: string;

beforeAll(async () => {
  stripe = await startWithEmulatedStripe();
  admin = await signTestToken({ sub: 'ops', role: 'admin' });
  const customer = await stripe.stripe.customers.create({
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const { db } = stripe.harness;
  await db.query(
    `INSERT INTO accounts (id, name, stripe_customer_id, plan_id) VALUES ('acct_voice', 'Voice', $1, 'pro')`,
    [customer.id],
  );
  await db.query(
    `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, stripe_created_at, stripe_updated_at)
     VALUES ('sub_voice', 'acct_voice', 'active', 'pro', 'month', 'USD', now(), now())`,
  );
});
afterAll(() => stripe?.close());

const request = (
  method: string,
  path: string,
  options: Parameters<EmulatedStripe['harness']['server']['request']>[2],
) => stripe.harness.server.request(method, `/api/billing${path}`, options);

/** A buyer of the account opens a Checkout for the 50-credit pack (a purchase `pending` until Stripe says). */
async function packCheckout(accountId: string) {
  const token = await signTestToken({ sub: `user_${accountId}`, account_id: accountId });
  const checkout = await request('POST', `/accounts/${accountId}/checkout`, {
    token,
    json: {
      item: { kind: 'credit_pack', packId: 'credits_50' },
      successUrl: 'https://a.example/s',
      cancelUrl: 'https://a.example/c',
    },
  });
  expect(checkout.status).toBe(201);
  const session = routes.createCheckoutSession.responses[201].parse(checkout.body);
  if (session.uiMode !== 'redirect') throw new Error(`Expected a redirect checkout, got ${session.uiMode}`);
  return { token, session };
}

/** The account's `credits` balance as the API answers it. */
async function creditsBalance(accountId: string, token: string) {
  const credits = await request('GET', `/accounts/${accountId}/credits`, { token });
  return routes.getCredits.responses[200]
    .parse(credits.body)
    .balances.find((entry) => entry.feature === 'credits');
}

describe('usage billing over HTTP', () => {
  it('overage tracked by the host is billed now by an operator, once, within the contract', async () => {
    for (const [index, amount] of [1500, 500].entries()) {
      const tracked = await request('POST', '/accounts/acct_voice/track', {
        apiKey: TEST_API_KEY,
        json: { feature: 'voice_words', amount },
        headers: { 'idempotency-key': `words-${index}` },
      });
      expect(tracked.status).toBe(200);
      expect(tracked.body.overageUnits).toBe(amount);
    }
    const usage = await request('GET', '/accounts/acct_voice/usage?feature=voice_words', {
      apiKey: TEST_API_KEY,
    });
    expect(routes.getUsage.responses[200].parse(usage.body).features[0]?.overage).toEqual({
      units: 2000,
      amount: { amount: 200, currency: 'USD' },
    });

    const billed = await request('POST', '/admin/usage/bill', {
      token: admin,
      json: { accountId: 'acct_voice' },
      headers: { 'idempotency-key': 'bill-1' },
    });
    expect(billed.status).toBe(200);
    const result = routes.adminBillUsage.responses[200].parse(billed.body);
    expect(result.reportedEvents).toBe(2);
    expect(result.invoices).toEqual([
      { accountId: 'acct_voice', invoiceId: expect.any(String), total: { amount: 200, currency: 'USD' } },
    ]);
    const again = await request('POST', '/admin/usage/bill', {
      token: admin,
      json: { accountId: 'acct_voice' },
    });
    expect(again.body).toEqual({ reportedEvents: 0, invoices: [] });
    const unknown = await request('POST', '/admin/usage/bill', {
      token: admin,
      json: { accountId: 'acct_nobody' },
    });
    expect(unknown.status).toBe(404);
  });

  it('catalog sync created the voice words meter and its metered overage prices once', async () => {
    const meters = await stripe.stripe.billing.meters.list({ status: 'active' });
    const voice = meters.data.filter((meter) => meter.event_name === 'bk_voice_words');
    expect(voice).toHaveLength(1);
    const prices = await stripe.stripe.prices.list({ lookup_keys: ['bk_overage_pro_voice_words_month_usd'] });
    expect(prices.data).toEqual([
      expect.objectContaining({
        unit_amount: 100,
        recurring: expect.objectContaining({ usage_type: 'metered', meter: voice[0]?.id, interval: 'month' }),
      }),
    ]);
  });

  it('a credit pack bought through checkout becomes a grant that expires after its days, granted once', async () => {
    const { token, session } = await packCheckout('acct_pack');
    await payOnHostedCheckout(session.url);
    await stripe.emulator.waitForDeliveries();
    const balance = await creditsBalance('acct_pack', token);
    // 5 a day on the free tier plus the pack, however many events reported the payment.
    expect(balance?.available).toBe(55);
    const pack = balance?.grants.find((grant) => grant.source === 'credit_pack');
    expect(pack).toMatchObject({ amount: 50, remaining: 50 });
    const days = (Date.parse(pack?.expiresAt ?? '') - Date.parse(pack?.effectiveAt ?? '')) / 86_400_000;
    expect(days).toBe(90);
  });

  it('a credit pack checkout that ends unpaid (expired, say after a declined card) lists its purchase as failed, granting nothing', async () => {
    const { token, session } = await packCheckout('acct_lapsed');
    const listed = async () => {
      const page = await request('GET', '/accounts/acct_lapsed/purchases', { token });
      return routes.listPurchases.responses[200].parse(page.body).data;
    };
    expect(await listed()).toMatchObject([{ packageType: 'credit_pack', status: 'pending' }]);
    await stripe.stripe.checkout.sessions.expire(session.sessionId);
    await stripe.emulator.waitForDeliveries();
    expect(await listed()).toMatchObject([{ packageType: 'credit_pack', status: 'failed' }]);
    const balance = await creditsBalance('acct_lapsed', token);
    expect(balance?.grants.some((grant) => grant.source === 'credit_pack')).toBe(false);
  });
});
