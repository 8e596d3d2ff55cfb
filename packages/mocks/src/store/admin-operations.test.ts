import {
  AuditPage,
  BillUsageResult,
  CustomerDetail,
  InvoicePage,
  LedgerEntry,
  LedgerPage,
  Metrics,
  ReconcileResult,
} from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';
import { createMockStore } from './mock-store.js';

// Read-only tests share one admin store: its 10,000 ledgers are built once, on the first full read.
const adminStore = createMockStore('admin');

describe('admin operations', () => {
  const mount = useBillingServer();

  it('granted credits appear in the balance, the ledger and the audit log with the reason', async () => {
    const { accountId } = mount('over_quota');
    const granted = await api.post(`/admin/customers/${accountId}/credits`, {
      feature: 'credits',
      amount: 25,
      reason: 'Outage on 20 November',
    });
    expect(granted.status).toBe(201);
    const entry = LedgerEntry.parse(granted.body);
    expect(entry).toMatchObject({ type: 'adjustment', amount: 25, source: 'adjustment' });
    const ledger = LedgerPage.parse(
      (await api.get(`/accounts/${accountId}/credits/ledger?feature=credits`)).body,
    );
    expect(ledger.data[0]).toEqual(entry);
    const audit = AuditPage.parse((await api.get(`/admin/customers/${accountId}/audit`)).body);
    expect(audit.data[0]).toMatchObject({
      action: 'credits.granted',
      actor: { type: 'admin' },
      reason: 'Outage on 20 November',
      before: { available: 0 },
      after: { available: 25 },
    });
    const detail = CustomerDetail.parse((await api.get(`/admin/customers/${accountId}`)).body);
    expect(detail.credits.balances.find((balance) => balance.feature === 'credits')?.available).toBe(25);
    expect(detail.recentAudit[0]?.action).toBe('credits.granted');
  });

  it('removes credits, never below zero', async () => {
    const { accountId } = mount('pro_near_quota');
    const removed = await api.post(`/admin/customers/${accountId}/credits`, {
      feature: 'credits',
      amount: -80,
      reason: 'Refunded job',
    });
    expect(LedgerEntry.parse(removed.body)).toMatchObject({ type: 'adjustment', amount: -80 });
    const tooMuch = await api.post(`/admin/customers/${accountId}/credits`, {
      feature: 'credits',
      amount: -6,
      reason: 'Refunded job',
    });
    expect(tooMuch.status).toBe(409);
  });

  it('bills pending overage once', async () => {
    const { accountId } = mount('pro_near_quota');
    await api.post(`/accounts/${accountId}/track`, { feature: 'voice_words', amount: 1500 });
    const billed = BillUsageResult.parse((await api.post('/admin/usage/bill', { accountId })).body);
    expect(billed.reportedEvents).toBeGreaterThan(0);
    expect(billed.invoices).toHaveLength(1);
    const invoices = InvoicePage.parse((await api.get(`/accounts/${accountId}/invoices`)).body);
    expect(invoices.data[0]?.id).toBe(billed.invoices[0]?.invoiceId);
    const again = BillUsageResult.parse((await api.post('/admin/usage/bill', { accountId })).body);
    expect(again).toEqual({ reportedEvents: 0, invoices: [] });
  });

  it('reconciles with no changes, and 404s an unknown account', async () => {
    const { accountId } = mount('free');
    const result = ReconcileResult.parse((await api.post('/admin/reconcile', { accountId })).body);
    expect(result).toEqual({ accountsChecked: 1, changes: [] });
    const missing = await api.post('/admin/reconcile', { accountId: 'acct_nobody' });
    expect(missing.status).toBe(404);
  });

  it('computes metrics from the store, and they move when the store does', async () => {
    const { accountId } = mount('pro_near_quota');
    const before = Metrics.parse((await api.get('/admin/metrics')).body);
    expect(before.mrr.amount).toBe(3900 + 200);
    expect(before.activeSubscriptionsByPlan).toEqual([
      { planId: 'pro', planName: 'Pro', count: 1, mrr: { amount: 4100, currency: 'USD' } },
    ]);
    expect(before.revenueByPackage.some((line) => line.packageType === 'credit_pack')).toBe(true);
    await api.post(`/accounts/${accountId}/subscription/cancel`, { atPeriodEnd: false });
    const after = Metrics.parse((await api.get('/admin/metrics')).body);
    expect(after.mrr.amount).toBe(0);
    // Churn counts only subscriptions active when the range starts; this one began in May 2026.
    expect(after.churnRate).toBe(0);
    const sinceJune = Metrics.parse((await api.get('/admin/metrics?from=2026-06-01T00:00:00.000Z')).body);
    expect(sinceJune.churnRate).toBe(1);
  });

  it('summarizes 10,000 customers: MRR, plans, trials, past due, churn and conversion', async () => {
    mount(adminStore);
    const metrics = Metrics.parse((await api.get('/admin/metrics?granularity=month')).body);
    expect(metrics.activeSubscriptions).toBeGreaterThan(4_000);
    expect(metrics.trialing).toBeGreaterThan(0);
    expect(metrics.pastDue).toBeGreaterThan(0);
    expect(metrics.churnRate).toBeGreaterThan(0);
    expect(metrics.conversionRate).toBeGreaterThan(0);
    const months = new Set(metrics.revenueByPackage.map((line) => line.period));
    expect(months.size).toBeGreaterThanOrEqual(12);
    const byPlan = metrics.activeSubscriptionsByPlan.reduce((sum, plan) => sum + plan.mrr.amount, 0);
    expect(byPlan).toBe(metrics.mrr.amount);
  });

  it('lists every account’s invoices newest first, filtered by status', async () => {
    mount(adminStore);
    const open = InvoicePage.parse((await api.get('/admin/invoices?status=open&limit=100')).body);
    expect(open.data.length).toBeGreaterThan(0);
    for (const invoice of open.data) expect(invoice.status).toBe('open');
    const created = open.data.map((invoice) => invoice.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });
});
