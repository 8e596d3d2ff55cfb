import type Stripe from 'stripe';
import { newId } from './ids.js';
import type { EventObject } from './objects.js';
import { previousAttributes } from './previous-attributes.js';
import type { StoreCollections } from './store.js';
import type { WebhookDelivery } from './webhook-delivery.js';
import { clone, type Wire } from './wire.js';

export const apiVersion = '2026-10-28.endive';

export interface RequestInfo {
  id: string;
  idempotencyKey: string | null;
}

/** Records events with a snapshot of the object and hands them to every subscribed endpoint. */
export class EventBus {
  readonly #store: StoreCollections;
  readonly #delivery: WebhookDelivery;
  currentRequest: RequestInfo | null = null;

  constructor(store: StoreCollections, delivery: WebhookDelivery) {
    this.#store = store;
    this.#delivery = delivery;
  }

  emit(type: Stripe.Event.Type, object: { object: string }, created: number, before?: unknown): EventObject {
    const endpoints = [...this.#store.webhookEndpoints.values()].filter(
      (endpoint) =>
        endpoint.status === 'enabled' &&
        (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)),
    );
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: apiVersion,
      created,
      data: {
        object: clone(object) as Wire<Stripe.Event.Data.Object>,
        ...(before === undefined ? {} : { previous_attributes: previousAttributes(before, object) }),
      },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: {
        id: this.currentRequest?.id ?? null,
        idempotency_key: this.currentRequest?.idempotencyKey ?? null,
      },
      type,
    } satisfies Wire<Stripe.EventBase & { data: Stripe.Event.Data }>;
    const stored = event as EventObject;
    this.#store.events.set(event.id, stored);
    for (const endpoint of endpoints) {
      // The secret stays on the stored endpoint; the API only shows it in the create response.
      if (endpoint.secret)
        this.#delivery.enqueue({ id: endpoint.id, url: endpoint.url, secret: endpoint.secret }, stored);
    }
    return stored;
  }
}
