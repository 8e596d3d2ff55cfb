import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { requireMeter, requirePrice, requireProduct } from '../lookups.js';
import type { PriceObject } from '../objects.js';
import { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import { invalidParam, missingParam } from '../stripe-errors.js';
import { clone } from '../wire.js';
import { createProduct } from './products.js';

const intervals = ['day', 'week', 'month', 'year'] as const;

function readRecurring(context: EmulatorContext, params: Params): PriceObject['recurring'] {
  const recurring = params.object('recurring');
  if (!recurring) return null;
  const usageType = recurring.oneOf('usage_type', ['licensed', 'metered'] as const) ?? 'licensed';
  const meter = recurring.string('meter') ?? null;
  if (usageType === 'metered' && !meter) throw missingParam('recurring[meter]');
  if (meter) requireMeter(context, meter, 'recurring[meter]');
  const interval = recurring.oneOf('interval', intervals);
  if (!interval) throw missingParam('recurring[interval]');
  return {
    interval,
    interval_count: recurring.integer('interval_count') ?? 1,
    meter,
    trial_period_days: recurring.integer('trial_period_days') ?? null,
    usage_type: usageType,
  };
}

function readAmount(params: Params, param: string): { unit_amount: number; unit_amount_decimal: string } {
  const amount = params.integer('unit_amount');
  const decimal = params.string('unit_amount_decimal');
  if (amount === undefined && decimal === undefined) throw missingParam(param);
  if (amount !== undefined && amount < 0) throw invalidParam(param, 'unit_amount must be at least 0');
  const value = amount ?? Math.round(Number(decimal));
  return { unit_amount: value, unit_amount_decimal: decimal ?? String(value) };
}

function takeLookupKey(context: EmulatorContext, params: Params, priceId: string): string | null {
  const lookupKey = params.string('lookup_key') ?? null;
  if (!lookupKey) return null;
  const holder = [...context.store.prices.values()].find(
    (price) => price.lookup_key === lookupKey && price.id !== priceId,
  );
  if (!holder) return lookupKey;
  if (params.boolean('transfer_lookup_key') !== true) {
    throw invalidParam(
      'lookup_key',
      `A price (\`${holder.id}\`) already uses that lookup key. Pass transfer_lookup_key=true to move it.`,
    );
  }
  const before = clone(holder);
  holder.lookup_key = null;
  emit(context, 'price.updated', holder, context.realNow(), before);
  return lookupKey;
}

function readCurrencyOptions(params: Params): NonNullable<PriceObject['currency_options']> {
  const currencyOptions: NonNullable<PriceObject['currency_options']> = {};
  for (const [code, value] of Object.entries(params.object('currency_options')?.raw ?? {})) {
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidParam(`currency_options[${code}]`, 'Invalid object');
    }
    const option = readAmount(
      new Params(value, `currency_options[${code}]`),
      `currency_options[${code}][unit_amount]`,
    );
    currencyOptions[code.toLowerCase()] = {
      custom_unit_amount: null,
      tax_behavior: 'unspecified',
      ...option,
    };
  }
  return currencyOptions;
}

function assertLookupKeyFree(context: EmulatorContext, params: Params): void {
  const lookupKey = params.string('lookup_key');
  if (!lookupKey || params.boolean('transfer_lookup_key') === true) return;
  const holder = [...context.store.prices.values()].find((price) => price.lookup_key === lookupKey);
  if (holder) {
    throw invalidParam(
      'lookup_key',
      `A price (\`${holder.id}\`) already uses that lookup key. Pass transfer_lookup_key=true to move it.`,
    );
  }
}

export interface CheckedPrice {
  currency: string;
  amount: { unit_amount: number; unit_amount_decimal: string };
  recurring: PriceObject['recurring'];
  currencyOptions: NonNullable<PriceObject['currency_options']>;
  taxBehavior: 'exclusive' | 'inclusive' | 'unspecified';
  active: boolean;
  metadata: Record<string, string>;
}

/** Every check `createPrice` makes before it changes anything (also used for `default_price_data`). */
export function checkPriceParams(context: EmulatorContext, params: Params): CheckedPrice {
  params.rejectUnsupported(['tiers', 'tiers_mode', 'transform_quantity', 'custom_unit_amount']);
  if (params.string('billing_scheme') === 'tiered') params.rejectUnsupported(['billing_scheme']);
  const checked: CheckedPrice = {
    currency: params.requiredString('currency').toLowerCase(),
    amount: readAmount(params, 'unit_amount'),
    recurring: readRecurring(context, params),
    currencyOptions: readCurrencyOptions(params),
    taxBehavior:
      params.oneOf('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified',
    active: params.boolean('active') ?? true,
    metadata: params.metadata(),
  };
  assertLookupKeyFree(context, params);
  return checked;
}

export function createPrice(context: EmulatorContext, params: Params, productId?: string): PriceObject {
  const { currency, amount, recurring, currencyOptions, taxBehavior, active, metadata } = checkPriceParams(
    context,
    params,
  );
  const now = context.realNow();
  let product = productId ?? params.string('product');
  const productData = params.object('product_data');
  if (product) requireProduct(context, product);
  else if (productData) product = createProduct(context, productData).id;
  if (!product) throw missingParam('product');
  const id = newId('price');
  const price = {
    id,
    object: 'price',
    active,
    billing_scheme: 'per_unit',
    created: now,
    currency,
    ...(Object.keys(currencyOptions).length > 0
      ? {
          currency_options: {
            [currency]: { custom_unit_amount: null, tax_behavior: 'unspecified', ...amount },
            ...currencyOptions,
          },
        }
      : {}),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: takeLookupKey(context, params, id),
    metadata,
    nickname: params.string('nickname') ?? null,
    product,
    recurring,
    tax_behavior: taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    ...amount,
  } satisfies PriceObject;
  context.store.prices.set(price.id, price);
  emit(context, 'price.created', price, now);
  return price;
}

export const priceRoutes: Route[] = [
  api('POST', '/v1/prices', ({ params }, context) => createPrice(context, params)),
  api('GET', '/v1/prices/search', ({ params }, context) =>
    search(newestFirst(context.store.prices.values()), params, '/v1/prices/search'),
  ),
  api('GET', '/v1/prices', ({ params }, context) => {
    const active = params.boolean('active');
    const product = params.string('product');
    const type = params.string('type');
    const currency = params.string('currency');
    const lookupKeys = params.strings('lookup_keys');
    const interval = params.object('recurring')?.string('interval');
    const prices = newestFirst(context.store.prices.values()).filter(
      (price) =>
        (active === undefined || price.active === active) &&
        (product === undefined || price.product === product) &&
        (type === undefined || price.type === type) &&
        (currency === undefined || price.currency === currency) &&
        (lookupKeys.length === 0 || (price.lookup_key !== null && lookupKeys.includes(price.lookup_key))) &&
        (interval === undefined || price.recurring?.interval === interval) &&
        matchesRange(price.created, params, 'created'),
    );
    return paginate(prices, params, '/v1/prices');
  }),
  api('GET', '/v1/prices/:id', ({ pathParams }, context) =>
    requirePrice(context, pathParams.id ?? '', 'price'),
  ),
  api('POST', '/v1/prices/:id', ({ params, pathParams }, context) => {
    const price = requirePrice(context, pathParams.id ?? '', 'price');
    const before = clone(price);
    if (params.has('active')) price.active = params.boolean('active') ?? price.active;
    if (params.has('nickname')) price.nickname = params.string('nickname') ?? null;
    if (params.has('metadata')) price.metadata = params.metadata(price.metadata);
    if (params.isEmpty('lookup_key')) price.lookup_key = null;
    else if (params.has('lookup_key')) price.lookup_key = takeLookupKey(context, params, price.id);
    emit(context, 'price.updated', price, context.realNow(), before);
    return price;
  }),
];
