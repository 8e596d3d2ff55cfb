import { type EmulatorContext, emit } from '../context.js';
import { newId } from '../ids.js';
import { matchesRange, newestFirst, paginate } from '../list-pagination.js';
import { requireProduct } from '../lookups.js';
import type { ProductObject } from '../objects.js';
import type { Params } from '../params.js';
import { api, type Route } from '../router.js';
import { search } from '../search-query.js';
import { invalidParam } from '../stripe-errors.js';
import { clone } from '../wire.js';
import { checkPriceParams, createPrice } from './prices.js';

export function createProduct(context: EmulatorContext, params: Params): ProductObject {
  const defaultPrice = params.object('default_price_data');
  if (defaultPrice) checkPriceParams(context, defaultPrice);
  params.requiredString('name');
  const now = context.realNow();
  const id = params.string('id') ?? newId('prod', 14);
  if (context.store.products.has(id))
    throw invalidParam('id', `Product already exists: '${id}'`, 'resource_already_exists');
  const product = {
    id,
    object: 'product',
    active: params.boolean('active') ?? true,
    created: now,
    default_price: null as string | null,
    description: params.string('description') ?? null,
    images: params.strings('images'),
    livemode: false,
    marketing_features: params
      .list('marketing_features')
      .map((feature) => ({ name: feature.string('name') })),
    metadata: params.metadata(),
    name: params.requiredString('name'),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: params.string('statement_descriptor') ?? null,
    tax_code: params.string('tax_code') ?? null,
    tax_details: null,
    type: 'service',
    unit_label: params.string('unit_label') ?? null,
    updated: now,
    url: params.string('url') ?? null,
  } satisfies ProductObject;
  context.store.products.set(product.id, product);
  emit(context, 'product.created', product, now);
  if (defaultPrice) {
    const price = createPrice(context, defaultPrice, product.id);
    const before = clone(product);
    product.default_price = price.id;
    emit(context, 'product.updated', product, now, before);
  }
  return product;
}

export const productRoutes: Route[] = [
  api('POST', '/v1/products', ({ params }, context) => createProduct(context, params)),
  api('GET', '/v1/products/search', ({ params }, context) =>
    search(newestFirst(context.store.products.values()), params, '/v1/products/search'),
  ),
  api('GET', '/v1/products', ({ params }, context) => {
    const active = params.boolean('active');
    const ids = params.strings('ids');
    const products = newestFirst(context.store.products.values()).filter(
      (product) =>
        (active === undefined || product.active === active) &&
        (ids.length === 0 || ids.includes(product.id)) &&
        matchesRange(product.created, params, 'created'),
    );
    return paginate(products, params, '/v1/products');
  }),
  api('GET', '/v1/products/:id', ({ pathParams }, context) =>
    requireProduct(context, pathParams.id ?? '', 'id'),
  ),
  api('POST', '/v1/products/:id', ({ params, pathParams }, context) => {
    const product = requireProduct(context, pathParams.id ?? '', 'id');
    const before = clone(product);
    if (params.has('name')) product.name = params.requiredString('name');
    if (params.has('description')) product.description = params.string('description') ?? null;
    if (params.has('active')) product.active = params.boolean('active') ?? product.active;
    if (params.has('metadata')) product.metadata = params.metadata(product.metadata);
    if (params.has('default_price')) {
      const priceId = params.string('default_price') ?? null;
      if (priceId && context.store.prices.get(priceId)?.product !== product.id) {
        throw invalidParam(
          'default_price',
          `No such price on this product: '${priceId}'`,
          'resource_missing',
        );
      }
      product.default_price = priceId;
    }
    product.updated = context.realNow();
    emit(context, 'product.updated', product, product.updated, before);
    return product;
  }),
  api('DELETE', '/v1/products/:id', ({ pathParams }, context) => {
    const product = requireProduct(context, pathParams.id ?? '', 'id');
    const hasPrices = [...context.store.prices.values()].some((price) => price.product === product.id);
    if (hasPrices)
      throw invalidParam('id', 'This product cannot be deleted because it has one or more prices.');
    context.store.products.delete(product.id);
    emit(context, 'product.deleted', product, context.realNow());
    return { id: product.id, object: 'product', deleted: true };
  }),
];
