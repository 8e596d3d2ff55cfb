import {
  ChangePlanPreview,
  CheckoutSession,
  Credits,
  InvoicePage,
  PurchasePage,
  Subscription,
} from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

const subscriptionOf = async (accountId: string) =>
  Subscription.parse((await api.get(`/accounts/${accountId}/subscription`)).body);

describe('subscription lifecycle', () => {
  const mount = useBillingServer();

  it('cancel at period end keeps the plan until then, and resume undoes it', async () => {
    const { accountId } = mount('pro_near_quota');
    const canceled = await api.post(`/accounts/${accountId}/subscription/cancel`, { reason: 'Budget' });
    expect(canceled.status).toBe(200);
    expect(Subscription.parse(canceled.body)).toMatchObject({
      planId: 'pro',
      status: 'active',
      cancelAtPeriodEnd: true,
    });
    expect((await subscriptionOf(accountId)).canceledAt).not.toBeNull();
    const resumed = await api.post(`/accounts/${accountId}/subscription/resume`);
    expect(Subscription.parse(resumed.body)).toMatchObject({ cancelAtPeriodEnd: false, canceledAt: null });
    expect((await api.post(`/accounts/${accountId}/subscription/resume`)).body.error?.code).toBe('conflict');
  });

  it('cancel now reverts to the free tier and its allowance', async () => {
    const { accountId } = mount('canceling');
    const { body } = await api.post(`/accounts/${accountId}/subscription/cancel`, { atPeriodEnd: false });
    expect(Subscription.parse(body)).toMatchObject({ planId: 'free', status: 'canceled', price: null });
    const credits = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
    expect(credits.balances.find((balance) => balance.feature === 'credits')?.available).toBe(5);
  });

  it('previews an upgrade with proration lines, then confirms it', async () => {
    const { accountId } = mount('pro_near_quota');
    const previewed = await api.post(`/accounts/${accountId}/subscription/preview-change`, {
      planId: 'creator',
      interval: 'month',
    });
    const preview = ChangePlanPreview.parse(previewed.body);
    expect(preview.direction).toBe('upgrade');
    expect(preview.lines).toHaveLength(2);
    expect(preview.lines[0]?.amount.amount).toBeLessThan(0);
    expect(preview.amountDueNow.amount).toBe(
      preview.lines.reduce((sum, line) => sum + line.amount.amount, 0),
    );
    expect(preview.nextInvoiceTotal.amount).toBe(9900 + 200);
    const invoicesBefore = InvoicePage.parse((await api.get(`/accounts/${accountId}/invoices`)).body).data;
    const changed = await api.post(`/accounts/${accountId}/subscription/change`, {
      planId: 'creator',
      interval: 'month',
      prorationDate: preview.prorationDate,
    });
    expect(Subscription.parse(changed.body)).toMatchObject({ planId: 'creator', status: 'active' });
    const credits = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
    const grants = credits.balances.find((balance) => balance.feature === 'credits')?.grants ?? [];
    expect(grants.find((grant) => grant.source === 'plan')).toMatchObject({ amount: 1000, remaining: 1000 });
    const invoices = InvoicePage.parse((await api.get(`/accounts/${accountId}/invoices`)).body).data;
    expect(invoices[0]?.total.amount).toBe(preview.amountDueNow.amount);
    expect(invoices[0]?.id).not.toBe(invoicesBefore[0]?.id);
  });

  it('calls a cheaper plan a downgrade and a new interval an interval change', async () => {
    const { accountId } = mount('pro_near_quota');
    const downgrade = await api.post(`/accounts/${accountId}/subscription/preview-change`, {
      planId: 'starter',
      interval: 'month',
    });
    expect(ChangePlanPreview.parse(downgrade.body)).toMatchObject({
      direction: 'downgrade',
      amountDueNow: { amount: 0 },
    });
    const yearly = await api.post(`/accounts/${accountId}/subscription/preview-change`, {
      planId: 'pro',
      interval: 'year',
    });
    expect(ChangePlanPreview.parse(yearly.body).direction).toBe('interval_change');
    const same = await api.post(`/accounts/${accountId}/subscription/preview-change`, {
      planId: 'pro',
      interval: 'month',
    });
    expect(same.status).toBe(409);
  });

  it('adds and removes an add-on', async () => {
    const { accountId } = mount('pro_near_quota');
    const added = await api.post(`/accounts/${accountId}/subscription/add-ons`, {
      addOnId: 'priority_support',
    });
    expect(Subscription.parse(added.body).addOns.map((addOn) => addOn.addOnId)).toEqual([
      'extra_storage',
      'priority_support',
    ]);
    const entitlements = await api.get(`/accounts/${accountId}/entitlements`);
    expect(JSON.stringify(entitlements.body)).toContain(
      '"feature":"priority_support","name":"Priority support","kind":"boolean","enabled":true',
    );
    const removed = await api.delete(`/accounts/${accountId}/subscription/add-ons/priority_support`);
    expect(Subscription.parse(removed.body).addOns.map((addOn) => addOn.addOnId)).toEqual(['extra_storage']);
    const again = await api.delete(`/accounts/${accountId}/subscription/add-ons/priority_support`);
    expect(again.status).toBe(404);
  });

  it('a free account cannot cancel or change plan: there is no subscription', async () => {
    const { accountId } = mount('free');
    expect((await api.post(`/accounts/${accountId}/subscription/cancel`)).status).toBe(409);
    const change = await api.post(`/accounts/${accountId}/subscription/change`, {
      planId: 'pro',
      interval: 'month',
    });
    expect(change.body.error?.code).toBe('conflict');
  });
});

describe('checkout', () => {
  const mount = useBillingServer();
  const checkout = (accountId: string, body: Record<string, unknown>) =>
    api.post(`/accounts/${accountId}/checkout`, {
      successUrl: 'https://app.example.com/billing?session={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://app.example.com/pricing',
      ...body,
    });

  it('answers a redirect URL, and completing the session starts the Pro trial', async () => {
    const store = mount('free');
    const { status, body } = await checkout(store.accountId, {
      item: { kind: 'plan', planId: 'pro', interval: 'month' },
    });
    expect(status).toBe(201);
    const session = CheckoutSession.parse(body);
    if (session.uiMode !== 'redirect') throw new Error('expected a redirect session');
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    expect((await subscriptionOf(store.accountId)).planId).toBe('free');
    store.completeCheckout(session.sessionId);
    store.completeCheckout(session.sessionId);
    const subscription = await subscriptionOf(store.accountId);
    expect(subscription).toMatchObject({ planId: 'pro', status: 'trialing', interval: 'month' });
    expect(subscription.trialEnd).toBe('2026-12-07T12:00:00.000Z');
    const purchases = PurchasePage.parse((await api.get(`/accounts/${store.accountId}/purchases`)).body).data;
    expect(purchases.filter((purchase) => purchase.packageId === 'pro')).toHaveLength(1);
  });

  it('answers a client secret in embedded mode, and a completed pack adds its credits', async () => {
    const store = mount('over_quota');
    const { body } = await checkout(store.accountId, {
      item: { kind: 'credit_pack', packId: 'credits_100' },
      uiMode: 'embedded',
    });
    const session = CheckoutSession.parse(body);
    expect(session).toMatchObject({ uiMode: 'embedded', clientSecret: expect.any(String) });
    store.completeCheckout(session.sessionId);
    const credits = Credits.parse((await api.get(`/accounts/${store.accountId}/credits`)).body);
    const balance = credits.balances.find((entry) => entry.feature === 'credits');
    expect(balance?.available).toBe(100);
    expect(balance?.grants.find((grant) => grant.source === 'credit_pack')?.expiresAt).toBe(
      '2027-02-21T12:00:00.000Z',
    );
  });

  it('refuses a second subscription and plans sold by contact', async () => {
    const { accountId } = mount('pro_near_quota');
    const second = await checkout(accountId, {
      item: { kind: 'plan', planId: 'creator', interval: 'month' },
    });
    expect(second.status).toBe(409);
    const enterprise = await checkout(accountId, {
      item: { kind: 'plan', planId: 'enterprise', interval: 'year' },
    });
    expect(enterprise.body.error?.code).toBe('conflict');
  });

  it('opens the customer portal', async () => {
    const { accountId } = mount('past_due');
    const { status, body } = await api.post(`/accounts/${accountId}/portal`, {
      returnUrl: 'https://app.example.com/billing',
    });
    expect(status).toBe(201);
    expect(String(body.url)).toMatch(/^https:\/\/billing\.stripe\.test\//);
  });
});
