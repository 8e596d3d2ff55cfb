'use client';
import type { BillingInterval, CheckoutItem, CheckoutSession, Plan } from '@billing-kit/contracts';
import { useState } from 'react';
import { useAccountId, useBillingContext } from '../billing-provider.js';
import {
  useAddAddOn,
  useCancelSubscription,
  useChangePlan,
  useCheckout,
  usePreviewPlanChange,
} from '../hooks/use-billing-mutations.js';
import { usePlans, useSubscription } from '../hooks/use-billing-queries.js';
import {
  bestYearlySaving,
  hasPaidSubscription,
  type PlanAction,
  planAction,
  planPrice,
} from './pricing-model.js';

export interface PricingTableOptions {
  accountId?: string;
  defaultInterval?: BillingInterval;
  /** `embedded` needs a Stripe promise on the component; redirect sends the buyer to Stripe's page. */
  checkoutMode?: 'redirect' | 'embedded';
  successUrl: string;
  cancelUrl?: string;
  /** Where a redirect goes; `window.location.assign` by default (tests and routers replace it). */
  onRedirect?: (url: string) => void;
}

/** A plan move that needs confirming: a paid-to-paid change (with its proration preview) or a downgrade to free. */
export type PendingChange =
  | { kind: 'change'; plan: Plan; interval: BillingInterval }
  | { kind: 'cancel_to_free'; plan: Plan };

/** Everything PricingTable shows and does, without markup: use it to build your own pricing page. */
export function usePricingTable(options: PricingTableOptions) {
  const { currency } = useBillingContext('usePricingTable');
  const accountId = useAccountId('usePricingTable', options.accountId);
  const catalog = usePlans();
  const subscription = useSubscription(accountId);
  const [interval, setInterval] = useState<BillingInterval>(options.defaultInterval ?? 'month');
  const [pendingChange, setPendingChange] = useState<PendingChange | null>(null);
  const [embedded, setEmbedded] = useState<Extract<CheckoutSession, { uiMode: 'embedded' }> | null>(null);
  const checkout = useCheckout(accountId);
  const preview = usePreviewPlanChange(accountId);
  const changePlan = useChangePlan(accountId);
  const cancel = useCancelSubscription(accountId);
  const addAddOn = useAddAddOn(accountId);

  const redirect = options.onRedirect ?? ((url: string) => window.location.assign(url));
  const startCheckout = async (item: CheckoutItem) => {
    const session = await checkout.mutateAsync({
      item,
      currency,
      uiMode: options.checkoutMode ?? 'redirect',
      successUrl: options.successUrl,
      ...(options.cancelUrl ? { cancelUrl: options.cancelUrl } : {}),
    });
    if (session.uiMode === 'redirect') redirect(session.url);
    else setEmbedded(session);
  };

  const plans = catalog.data?.plans ?? [];
  const cards = plans.map((plan) => ({
    plan,
    price: planPrice(plan, interval, currency),
    action: planAction(plan, plans, subscription.data, interval) satisfies PlanAction,
  }));

  const choosePlan = (plan: Plan, action: PlanAction) => {
    if (action === 'start_trial' || action === 'subscribe') {
      return startCheckout({ kind: 'plan', planId: plan.id, interval });
    }
    if (action === 'upgrade' || action === 'downgrade' || action === 'switch_interval') {
      setPendingChange({ kind: 'change', plan, interval });
      preview.reset();
      return preview.mutateAsync({ planId: plan.id, interval });
    }
    if (action === 'downgrade_to_free') setPendingChange({ kind: 'cancel_to_free', plan });
    return Promise.resolve();
  };

  const confirmChange = async () => {
    if (!pendingChange) return;
    if (pendingChange.kind === 'cancel_to_free') {
      await cancel.mutateAsync({ atPeriodEnd: true, reason: 'Downgraded to the free plan' });
    } else {
      await changePlan.mutateAsync({
        planId: pendingChange.plan.id,
        interval: pendingChange.interval,
        ...(preview.data ? { prorationDate: preview.data.prorationDate } : {}),
      });
    }
    setPendingChange(null);
  };

  const subscribedAddOns = new Set(subscription.data?.addOns.map((addOn) => addOn.addOnId));
  const buyAddOn = (addOnId: string) =>
    hasPaidSubscription(subscription.data)
      ? addAddOn.mutateAsync({ addOnId }).then(() => undefined)
      : startCheckout({ kind: 'add_on', addOnId, quantity: 1 });

  return {
    status:
      catalog.isPending || subscription.isPending
        ? 'pending'
        : catalog.isError || subscription.isError
          ? 'error'
          : 'ready',
    retry: () => {
      void catalog.refetch();
      void subscription.refetch();
    },
    currency,
    interval,
    setInterval,
    yearlySaving: bestYearlySaving(plans, currency),
    subscription: subscription.data,
    cards,
    creditPacks: catalog.data?.creditPacks ?? [],
    addOns: (catalog.data?.addOns ?? []).map((addOn) => ({
      addOn,
      subscribed: subscribedAddOns.has(addOn.id),
    })),
    features: catalog.data?.features ?? [],
    choosePlan,
    buyPack: (packId: string) => startCheckout({ kind: 'credit_pack', packId, quantity: 1 }),
    buyAddOn,
    checkoutError: checkout.error ?? addAddOn.error,
    checkoutPending: checkout.isPending || addAddOn.isPending,
    embeddedCheckout: embedded,
    closeEmbeddedCheckout: () => setEmbedded(null),
    pendingChange,
    preview,
    confirmChange,
    confirmError: changePlan.error ?? cancel.error,
    confirming: changePlan.isPending || cancel.isPending,
    dismissChange: () => setPendingChange(null),
  };
}

export type PricingTableState = ReturnType<typeof usePricingTable>;
