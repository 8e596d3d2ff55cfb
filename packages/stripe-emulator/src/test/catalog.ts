import type Stripe from 'stripe';

export interface Catalog {
  pro: Stripe.Price;
  team: Stripe.Price;
  proYearly: Stripe.Price;
  creditPack: Stripe.Price;
  apiCalls: Stripe.Price;
  meter: Stripe.Billing.Meter;
}

/** The plans a billing server sells: two monthly tiers, a yearly one, a credit pack and metered API calls. */
export async function createCatalog(stripe: Stripe): Promise<Catalog> {
  const proProduct = await stripe.products.create({ name: 'Pro' });
  const teamProduct = await stripe.products.create({ name: 'Team' });
  const pro = await stripe.prices.create({
    product: proProduct.id,
    currency: 'usd',
    unit_amount: 2000,
    recurring: { interval: 'month' },
    lookup_key: 'pro_monthly',
  });
  const team = await stripe.prices.create({
    product: teamProduct.id,
    currency: 'usd',
    unit_amount: 5000,
    recurring: { interval: 'month' },
    lookup_key: 'team_monthly',
  });
  const proYearly = await stripe.prices.create({
    product: proProduct.id,
    currency: 'usd',
    unit_amount: 20000,
    recurring: { interval: 'year' },
    lookup_key: 'pro_yearly',
  });
  const creditPack = await stripe.prices.create({
    product_data: { name: '1,000 credits' },
    currency: 'usd',
    unit_amount: 1000,
    lookup_key: 'credits_1000',
  });
  const meter = await stripe.billing.meters.create({
    display_name: 'API calls',
    event_name: 'api_call',
    default_aggregation: { formula: 'sum' },
    customer_mapping: { event_payload_key: 'stripe_customer_id', type: 'by_id' },
    value_settings: { event_payload_key: 'value' },
  });
  const apiCalls = await stripe.prices.create({
    product_data: { name: 'API calls' },
    currency: 'usd',
    unit_amount: 2,
    recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
    lookup_key: 'api_calls',
  });
  return { pro, team, proYearly, creditPack, apiCalls, meter };
}
