import type { BillingInterval, Catalog } from '@billing-kit/contracts';

export type PriceOwnerKind = 'plan' | 'credit_pack' | 'add_on';

/** One Stripe price the catalog needs, identified by a lookup key derived from the config. */
export interface CatalogPrice {
  lookupKey: string;
  ownerKind: PriceOwnerKind;
  ownerId: string;
  productId: string;
  currency: string;
  unitAmount: number;
  interval: BillingInterval | null;
}

const ownerSlug = { plan: 'plan', credit_pack: 'pack', add_on: 'addon' } as const;

/** Our Stripe product id for a package: stable, so re-syncing finds it instead of creating another. */
export function productIdOf(ownerKind: PriceOwnerKind, ownerId: string): string {
  return `bk_${ownerSlug[ownerKind]}_${ownerId}`;
}

export function lookupKeyOf(
  ownerKind: PriceOwnerKind,
  ownerId: string,
  currency: string,
  interval: BillingInterval | null,
): string {
  return [productIdOf(ownerKind, ownerId), interval, currency.toLowerCase()].filter(Boolean).join('_');
}

/** Every price the catalog sells: plan prices per interval and currency, pack and add-on prices. */
export function catalogPrices(catalog: Catalog): CatalogPrice[] {
  const price = (
    ownerKind: PriceOwnerKind,
    ownerId: string,
    money: { amount: number; currency: string },
    interval: BillingInterval | null,
  ): CatalogPrice => ({
    lookupKey: lookupKeyOf(ownerKind, ownerId, money.currency, interval),
    ownerKind,
    ownerId,
    productId: productIdOf(ownerKind, ownerId),
    currency: money.currency,
    unitAmount: money.amount,
    interval,
  });
  return [
    ...catalog.plans.flatMap((plan) =>
      plan.prices.map((planPrice) => price('plan', plan.id, planPrice.price, planPrice.interval)),
    ),
    ...catalog.creditPacks.flatMap((pack) =>
      pack.prices.map((money) => price('credit_pack', pack.id, money, null)),
    ),
    ...catalog.addOns.flatMap((addOn) =>
      addOn.prices.map((money) => price('add_on', addOn.id, money, addOn.interval)),
    ),
  ];
}
