import type {
  CardBehavior,
  CheckoutOptions,
  CheckoutSessionObject,
  CustomerObject,
  EventObject,
  InvoiceItemObject,
  InvoiceObject,
  MeterEventObject,
  MeterObject,
  PaymentIntentObject,
  PaymentMethodObject,
  PortalSessionObject,
  PriceObject,
  ProductObject,
  SetupIntentObject,
  SubscriptionBilling,
  SubscriptionObject,
  TestClockObject,
  WebhookEndpointObject,
} from './objects.js';

/** Every collection in insertion order (lists answer newest first by reading them backwards). */
export interface StoreCollections {
  customers: Map<string, CustomerObject>;
  paymentMethods: Map<string, PaymentMethodObject>;
  products: Map<string, ProductObject>;
  prices: Map<string, PriceObject>;
  subscriptions: Map<string, SubscriptionObject>;
  invoices: Map<string, InvoiceObject>;
  invoiceItems: Map<string, InvoiceItemObject>;
  paymentIntents: Map<string, PaymentIntentObject>;
  setupIntents: Map<string, SetupIntentObject>;
  checkoutSessions: Map<string, CheckoutSessionObject>;
  portalSessions: Map<string, PortalSessionObject>;
  meters: Map<string, MeterObject>;
  meterEvents: Map<string, MeterEventObject>;
  testClocks: Map<string, TestClockObject>;
  events: Map<string, EventObject>;
  webhookEndpoints: Map<string, WebhookEndpointObject>;
  cardBehaviors: Map<string, CardBehavior>;
  subscriptionBilling: Map<string, SubscriptionBilling>;
  /** Checkout sessions waiting at the 3-D Secure step: session id → card number. */
  pendingAuthentications: Map<string, string>;
  checkoutOptions: Map<string, CheckoutOptions>;
  /** Deleted customers by id (retrieving one answers Stripe's `deleted: true` stub). */
  deletedCustomers: Map<string, number>;
}

export type CollectionName = keyof StoreCollections;

const collectionNames: CollectionName[] = [
  'customers',
  'paymentMethods',
  'products',
  'prices',
  'subscriptions',
  'invoices',
  'invoiceItems',
  'paymentIntents',
  'setupIntents',
  'checkoutSessions',
  'portalSessions',
  'meters',
  'meterEvents',
  'testClocks',
  'events',
  'webhookEndpoints',
  'cardBehaviors',
  'subscriptionBilling',
  'pendingAuthentications',
  'checkoutOptions',
  'deletedCustomers',
];

export function createStore(): StoreCollections {
  return {
    customers: new Map(),
    paymentMethods: new Map(),
    products: new Map(),
    prices: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    paymentIntents: new Map(),
    setupIntents: new Map(),
    checkoutSessions: new Map(),
    portalSessions: new Map(),
    meters: new Map(),
    meterEvents: new Map(),
    testClocks: new Map(),
    events: new Map(),
    webhookEndpoints: new Map(),
    cardBehaviors: new Map(),
    subscriptionBilling: new Map(),
    pendingAuthentications: new Map(),
    checkoutOptions: new Map(),
    deletedCustomers: new Map(),
  };
}

export type StoreSnapshot = { [K in CollectionName]?: [string, unknown][] };

export function snapshotStore(store: StoreCollections): StoreSnapshot {
  const snapshot: StoreSnapshot = {};
  for (const name of collectionNames) snapshot[name] = [...store[name].entries()];
  return snapshot;
}

export function restoreStore(snapshot: StoreSnapshot): StoreCollections {
  const store = createStore();
  for (const name of collectionNames) {
    const entries = snapshot[name];
    if (!entries) continue;
    const target = store[name] as Map<string, unknown>;
    for (const [key, value] of entries) target.set(key, value);
  }
  return store;
}

/** Which collection holds an id, by Stripe's prefix (used by `expand`). */
export function collectionForId(id: string): CollectionName | undefined {
  const prefixes: [string, CollectionName][] = [
    ['cus_', 'customers'],
    ['pm_', 'paymentMethods'],
    ['prod_', 'products'],
    ['price_', 'prices'],
    ['sub_', 'subscriptions'],
    ['in_', 'invoices'],
    ['ii_', 'invoiceItems'],
    ['pi_', 'paymentIntents'],
    ['seti_', 'setupIntents'],
    ['cs_', 'checkoutSessions'],
    ['bps_', 'portalSessions'],
    ['mtr_', 'meters'],
    ['clock_', 'testClocks'],
    ['evt_', 'events'],
    ['we_', 'webhookEndpoints'],
  ];
  return prefixes.find(([prefix]) => id.startsWith(prefix))?.[1];
}
