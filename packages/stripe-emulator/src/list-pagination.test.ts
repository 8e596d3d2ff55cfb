import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from './test/catalog.js';
import { type Harness, startHarness } from './test/harness.js';

let harness: Harness;
let stripe: Stripe;
let catalog: Catalog;

beforeAll(async () => {
  harness = await startHarness();
  stripe = harness.stripe;
  catalog = await createCatalog(stripe);
  for (let index = 0; index < 25; index++) {
    await stripe.customers.create({
      email: `user${index}@example.com`,
      name: `User ${index}`,
      metadata: { account: `acct_${index % 5}` },
    });
  }
});
afterAll(async () => {
  await harness.emulator.stop();
});

describe('lists', () => {
  it('pages newest first with limit, starting_after, ending_before and has_more', async () => {
    const first = await stripe.customers.list({ limit: 10 });
    expect(first.object).toBe('list');
    expect(first.url).toBe('/v1/customers');
    expect(first.has_more).toBe(true);
    expect(first.data[0]?.email).toBe('user24@example.com');
    const second = await stripe.customers.list({ limit: 10, starting_after: first.data[9]?.id });
    expect(second.data[0]?.email).toBe('user14@example.com');
    const last = await stripe.customers.list({ limit: 10, starting_after: second.data[9]?.id });
    expect(last.data).toHaveLength(5);
    expect(last.has_more).toBe(false);
    const back = await stripe.customers.list({ limit: 10, ending_before: second.data[0]?.id });
    expect(back.data.map((customer) => customer.id)).toEqual(first.data.map((customer) => customer.id));
  });

  it('auto-paginates through the SDK', async () => {
    const emails: string[] = [];
    for await (const customer of stripe.customers.list({ limit: 7 })) emails.push(customer.email ?? '');
    expect(emails).toHaveLength(25);
    expect(new Set(emails).size).toBe(25);
  });

  it('filters prices by lookup_keys, active, product and type', async () => {
    const byKeys = await stripe.prices.list({ lookup_keys: ['pro_monthly', 'team_monthly'] });
    expect(byKeys.data.map((price) => price.lookup_key).sort()).toEqual(['pro_monthly', 'team_monthly']);
    const oneTime = await stripe.prices.list({ type: 'one_time' });
    expect(oneTime.data.map((price) => price.id)).toEqual([catalog.creditPack.id]);
    const ofProduct = await stripe.prices.list({
      product: catalog.pro.product as string,
      expand: ['data.product'],
    });
    expect(ofProduct.data).toHaveLength(2);
    expect((ofProduct.data[0]?.product as Stripe.Product | undefined)?.name).toBe('Pro');
    await stripe.prices.update(catalog.proYearly.id, { active: false });
    expect(
      (await stripe.prices.list({ active: true, product: catalog.pro.product as string })).data,
    ).toHaveLength(1);
  });

  it('moves a lookup key with transfer_lookup_key', async () => {
    const next = await stripe.prices.create({
      product: catalog.pro.product as string,
      currency: 'usd',
      unit_amount: 2500,
      recurring: { interval: 'month' },
      lookup_key: 'pro_monthly',
      transfer_lookup_key: true,
    });
    const found = await stripe.prices.list({ lookup_keys: ['pro_monthly'] });
    expect(found.data.map((price) => price.id)).toEqual([next.id]);
    expect((await stripe.prices.retrieve(catalog.pro.id)).lookup_key).toBeNull();
  });

  it('keeps currency_options on a price', async () => {
    const price = await stripe.prices.create({
      product: catalog.team.product as string,
      currency: 'usd',
      unit_amount: 5000,
      recurring: { interval: 'month' },
      currency_options: { eur: { unit_amount: 4600 } },
    });
    const fetched = await stripe.prices.retrieve(price.id, { expand: ['currency_options'] });
    expect(fetched.currency_options?.eur?.unit_amount).toBe(4600);
  });
});

describe('search', () => {
  it('finds customers by email and by metadata', async () => {
    const byEmail = await stripe.customers.search({ query: "email:'user3@example.com'" });
    expect(byEmail.object).toBe('search_result');
    expect(byEmail.data.map((customer) => customer.name)).toEqual(['User 3']);
    const byMetadata = await stripe.customers.search({ query: "metadata['account']:'acct_2'" });
    expect(byMetadata.data).toHaveLength(5);
    const combined = await stripe.customers.search({
      query: "metadata['account']:'acct_2' AND name:'User 7'",
    });
    expect(combined.data.map((customer) => customer.email)).toEqual(['user7@example.com']);
  });

  it('pages search results with next_page through the SDK', async () => {
    const first = await stripe.customers.search({ query: "metadata['account']:'acct_1'", limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.next_page).toBeTruthy();
    const emails: string[] = [];
    for await (const customer of stripe.customers.search({
      query: "metadata['account']:'acct_1'",
      limit: 2,
    })) {
      emails.push(customer.email ?? '');
    }
    expect(emails).toHaveLength(5);
    expect(new Set(emails).size).toBe(5);
  });

  it('rejects a malformed query naming the param', async () => {
    await expect(stripe.customers.search({ query: 'email=nope' })).rejects.toMatchObject({
      param: 'query',
      statusCode: 400,
    });
  });
});

describe('events', () => {
  it('lists events by type, types[] and created, and retrieves one', async () => {
    const created = await stripe.events.list({ type: 'customer.created', limit: 100 });
    expect(created.data).toHaveLength(25);
    const several = await stripe.events.list({ types: ['product.created', 'price.created'], limit: 100 });
    expect(new Set(several.data.map((event) => event.type))).toEqual(
      new Set(['product.created', 'price.created']),
    );
    const wildcard = await stripe.events.list({ type: 'billing.meter.*' });
    expect(wildcard.data.map((event) => event.type)).toEqual(['billing.meter.created']);
    const first = created.data[0];
    if (!first) throw new Error('no events');
    expect((await stripe.events.retrieve(first.id)).id).toBe(first.id);
    const none = await stripe.events.list({ created: { gt: first.created + 1000 } });
    expect(none.data).toHaveLength(0);
  });
});
