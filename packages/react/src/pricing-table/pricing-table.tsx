'use client';
import type { Stripe } from '@stripe/stripe-js';
import { lazy, Suspense } from 'react';
import { useBillingContext } from '../billing-provider.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { IntervalSwitch } from './interval-switch.js';
import { PlanCard } from './plan-card.js';
import { PlanChangeDialog } from './plan-change-dialog.js';
import { priceIn } from './pricing-model.js';
import { type PricingTableOptions, usePricingTable } from './use-pricing-table.js';

const EmbeddedCheckoutFrame = lazy(() => import('./embedded-checkout.js'));

export type PricingTableSlot = 'root' | 'plans' | 'card' | 'packs' | 'addOns';

export interface PricingTableProps extends PricingTableOptions {
  /** A Stripe.js promise from the host (`loadStripe(pk)`); required for `checkoutMode: 'embedded'`. */
  stripe?: Promise<Stripe | null> | Stripe | null;
  showCreditPacks?: boolean;
  showAddOns?: boolean;
  className?: string;
  classNames?: Partial<Record<PricingTableSlot, string>>;
}

export function PricingTable({
  stripe,
  showCreditPacks = true,
  showAddOns = true,
  className,
  classNames = {},
  ...options
}: PricingTableProps) {
  const { format, theme } = useBillingContext('PricingTable');
  if (options.checkoutMode === 'embedded' && stripe === undefined) {
    throw new Error(
      '`PricingTable` with checkoutMode "embedded" needs the `stripe` prop (your loadStripe() promise)',
    );
  }
  const table = usePricingTable(options);
  const rootClass = ['bk-pricing-table', className, classNames.root].filter(Boolean).join(' ');
  if (table.status === 'pending') {
    return (
      <section className={rootClass} data-bk-theme={theme} aria-label="Pricing">
        <Skeleton label="Loading plans…" rows={4} />
      </section>
    );
  }
  if (table.status === 'error') {
    return (
      <section className={rootClass} data-bk-theme={theme} aria-label="Pricing">
        <ErrorState message="Plans could not be loaded." onRetry={table.retry} />
      </section>
    );
  }
  return (
    <section className={rootClass} data-bk-theme={theme} aria-label="Pricing">
      <IntervalSwitch
        interval={table.interval}
        onChange={table.setInterval}
        saving={table.yearlySaving}
        format={format}
      />
      {table.checkoutError ? (
        <p role="alert" className="bk-error__message">
          {table.checkoutError.message}
        </p>
      ) : null}
      <ul className={['bk-pricing-table__plans', classNames.plans].filter(Boolean).join(' ')}>
        {table.cards.map(({ plan, price, action }) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            price={price}
            interval={table.interval}
            action={action}
            features={table.features}
            format={format}
            disabled={table.checkoutPending}
            onChoose={() => void table.choosePlan(plan, action).catch(() => undefined)}
            className={classNames.card}
          />
        ))}
      </ul>
      {showCreditPacks && table.creditPacks.length > 0 ? (
        <section
          className={['bk-pricing-table__packs', classNames.packs].filter(Boolean).join(' ')}
          aria-labelledby="bk-packs"
        >
          <h3 id="bk-packs">Credit packs</h3>
          <ul className="bk-pricing-table__items">
            {table.creditPacks.map((pack) => {
              const price = priceIn(pack, table.currency);
              return (
                <li key={pack.id} className="bk-item-card">
                  <span className="bk-item-card__name">{pack.name}</span>
                  <span className="bk-item-card__detail">
                    {price ? format.money(price) : null}
                    {pack.expiresInDays ? ` · valid ${pack.expiresInDays} days` : ''}
                  </span>
                  <button
                    type="button"
                    className="bk-button"
                    disabled={table.checkoutPending}
                    aria-label={`Buy ${pack.name}`}
                    onClick={() => void table.buyPack(pack.id).catch(() => undefined)}
                  >
                    Buy
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {showAddOns && table.addOns.length > 0 ? (
        <section
          className={['bk-pricing-table__add-ons', classNames.addOns].filter(Boolean).join(' ')}
          aria-labelledby="bk-add-ons"
        >
          <h3 id="bk-add-ons">Add-ons</h3>
          <ul className="bk-pricing-table__items">
            {table.addOns.map(({ addOn, subscribed }) => {
              const price = priceIn(addOn, table.currency);
              return (
                <li key={addOn.id} className="bk-item-card">
                  <span className="bk-item-card__name">{addOn.name}</span>
                  <span className="bk-item-card__detail">
                    {price ? `${format.money(price)} / ${addOn.interval}` : null} · {addOn.description}
                  </span>
                  <button
                    type="button"
                    className="bk-button"
                    disabled={subscribed || table.checkoutPending}
                    aria-label={subscribed ? `${addOn.name} added` : `Add ${addOn.name}`}
                    onClick={() => void table.buyAddOn(addOn.id).catch(() => undefined)}
                  >
                    {subscribed ? 'Added' : 'Add'}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <PlanChangeDialog table={table} format={format} />
      {table.embeddedCheckout && stripe !== undefined ? (
        <section className="bk-embedded-checkout" aria-label="Checkout">
          <Suspense fallback={<Skeleton label="Loading checkout…" rows={4} />}>
            <EmbeddedCheckoutFrame stripe={stripe} clientSecret={table.embeddedCheckout.clientSecret} />
          </Suspense>
          <button type="button" className="bk-button" onClick={table.closeEmbeddedCheckout}>
            Close checkout
          </button>
        </section>
      ) : null}
    </section>
  );
}
