import type { AddressInfo } from 'node:net';
import { startRealTimeBilling } from './billing/real-time-billing.js';
import type { DunningPolicy, EmulatorContext } from './context.js';
import { EventBus } from './event-bus.js';
import { createHttpServer } from './http-server.js';
import { controlRoutes } from './pages/control-endpoints.js';
import { DebouncedSaver, loadStore } from './persistence.js';
import { addWebhookEndpoint } from './resources/webhook-endpoints.js';
import { routes } from './routes.js';
import { type Delivery, WebhookDelivery } from './webhook-delivery.js';

export type { Delivery, DeliveryAttempt } from './webhook-delivery.js';

export interface StripeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Endpoints that receive every event, signed with their `secret` or `webhookSecret`. */
  webhooks?: Array<{ url: string; secret?: string }>;
  /** Signing secret for `webhooks` without their own; default `whsec_billing_kit_emulator`. */
  webhookSecret?: string;
  /** Delays (ms) between delivery attempts after a failure; default 1 s, 5 s, 30 s, 2 min, 10 min. */
  retrySchedule?: number[];
  /** JSON file that holds the state across restarts (loaded on start, saved after changes). */
  persistPath?: string;
  /** Wall clock in milliseconds for objects not on a test clock; default `Date.now`. */
  now?: () => number;
  /**
   * How often (ms) subscriptions on no test clock are checked for renewals, retries and ends due by
   * `now`; default 1000, 0 turns it off (then only test clocks move billing time).
   */
  billingTickMs?: number;
  /** Days before each renewal that `invoice.upcoming` is sent (default 7, like Stripe); 0 sends none. */
  upcomingInvoiceDays?: number;
  /** Renewal retries (days after the first failure) and what happens after the last one. */
  dunning?: Partial<DunningPolicy>;
}

export interface StripeEmulatorHandle {
  /** `http://host:port` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Spread into the SDK: `new Stripe(key, { ...emulator.stripeConfig })`. */
  readonly stripeConfig: { host: string; port: number; protocol: 'http' };
  /** The secret that signs events sent to the `webhooks` option's endpoints. */
  readonly webhookSecret: string;
  stop(): Promise<void>;
  /** Every webhook delivery so far, with its attempts. */
  deliveries(): readonly Delivery[];
  /** Resolves when no delivery is pending (each either delivered or out of retries). */
  waitForDeliveries(): Promise<void>;
  /** Adds an endpoint for all events; answers its id and signing secret. */
  addWebhookEndpoint(url: string, secret?: string): { id: string; secret: string };
}

export const defaultWebhookSecret = 'whsec_billing_kit_emulator';
const defaultRetrySchedule = [1_000, 5_000, 30_000, 120_000, 600_000];

export async function startStripeEmulator(
  options: StripeEmulatorOptions = {},
): Promise<StripeEmulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const webhookSecret = options.webhookSecret ?? defaultWebhookSecret;
  const now = options.now ?? Date.now;
  const store = loadStore(options.persistPath);
  const saver = options.persistPath ? new DebouncedSaver(options.persistPath, store) : null;
  const delivery = new WebhookDelivery(options.retrySchedule ?? defaultRetrySchedule);
  const context: EmulatorContext = {
    store,
    events: new EventBus(store, delivery),
    dunning: {
      retryDays: options.dunning?.retryDays ?? [3, 5, 7],
      finalAction: options.dunning?.finalAction ?? 'cancel',
    },
    upcomingInvoiceDays: options.upcomingInvoiceDays ?? 7,
    subscriptionsBeingCreated: new Set(),
    meterEventSessions: new Map(),
    baseUrl: '',
    realNow: () => Math.floor(now() / 1000),
    changed: () => saver?.schedule(),
  };
  const server = createHttpServer([...routes, ...controlRoutes(() => delivery.deliveries)], context);
  const stopBilling = startRealTimeBilling(context, options.billingTickMs ?? 1000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  context.baseUrl = url;
  // Configured endpoints are re-created on each start; a persisted state keeps only API-made ones.
  for (const [id, endpoint] of store.webhookEndpoints) {
    if (endpoint.metadata.configured_by === 'startStripeEmulator') store.webhookEndpoints.delete(id);
  }
  for (const webhook of options.webhooks ?? []) {
    const endpoint = addWebhookEndpoint(context, webhook.url, webhook.secret ?? webhookSecret);
    endpoint.metadata = { configured_by: 'startStripeEmulator' };
  }
  return {
    url,
    host,
    port,
    stripeConfig: { host, port, protocol: 'http' },
    webhookSecret,
    async stop() {
      stopBilling();
      delivery.stop();
      saver?.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    deliveries: () => delivery.deliveries,
    waitForDeliveries: () => delivery.waitForAll(),
    addWebhookEndpoint(endpointUrl, secret) {
      const endpoint = addWebhookEndpoint(context, endpointUrl, secret ?? webhookSecret);
      return { id: endpoint.id, secret: endpoint.secret ?? webhookSecret };
    },
  };
}
