import type Stripe from 'stripe';
import { newId } from './ids.js';
import { withoutIncludableFields } from './includable-fields.js';
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

export interface EventReservation {
  fill(object: { object: string }, before?: unknown): void;
  abandon(): void;
}

/** Records events with a snapshot of the object and hands them to every subscribed endpoint. */
export class EventBus {
  readonly #store: StoreCollections;
  readonly #delivery: WebhookDelivery;
  currentRequest: RequestInfo | null = null;
  #open = 0;
  #held: EventObject[] = [];

  constructor(store: StoreCollections, delivery: WebhookDelivery) {
    this.#store = store;
    this.#delivery = delivery;
  }

  emit(type: Stripe.Event.Type, object: { object: string }, created: number, before?: unknown): EventObject {
    const event = this.#build(type, object, created, before);
    this.#store.events.set(event.id, event);
    this.#dispatch(event);
    return event;
  }

  /**
   * Takes an event's place in line now and fills it in later: a subscription's `created` event comes
   * before its first invoice's events yet shows the status that invoice's payment settled. Deliveries
   * wait until every open reservation is filled, so endpoints receive them in this order too.
   */
  reserve(type: Stripe.Event.Type, created: number): EventReservation {
    const event = this.#build(type, { object: 'pending' }, created);
    this.#store.events.set(event.id, event);
    this.#open++;
    this.#held.push(event);
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      this.#open--;
      return true;
    };
    return {
      fill: (object, before) => {
        if (!settle()) return;
        const filled = this.#build(type, object, created, before);
        event.data = filled.data;
        this.#release();
      },
      abandon: () => {
        if (!settle()) return;
        this.#store.events.delete(event.id);
        this.#held.splice(this.#held.indexOf(event), 1);
        this.#release();
      },
    };
  }

  #build(
    type: Stripe.Event.Type,
    object: { object: string },
    created: number,
    before?: unknown,
  ): EventObject {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: apiVersion,
      created,
      data: {
        // Webhook payloads leave includable fields (invoice.payments, session.line_items) out.
        object: withoutIncludableFields(clone(object)) as Wire<Stripe.Event.Data.Object>,
        ...(before === undefined ? {} : { previous_attributes: previousAttributes(before, object) }),
      },
      livemode: false,
      pending_webhooks: 0,
      request: {
        id: this.currentRequest?.id ?? null,
        idempotency_key: this.currentRequest?.idempotencyKey ?? null,
      },
      type,
    } satisfies Wire<Stripe.EventBase & { data: Stripe.Event.Data }>;
    return event as EventObject;
  }

  #dispatch(event: EventObject): void {
    if (this.#open > 0) {
      this.#held.push(event);
      return;
    }
    const endpoints = [...this.#store.webhookEndpoints.values()].filter(
      (endpoint) =>
        endpoint.status === 'enabled' &&
        (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(event.type)),
    );
    event.pending_webhooks = endpoints.length;
    for (const endpoint of endpoints) {
      // The secret stays on the stored endpoint; the API only shows it in the create response.
      if (endpoint.secret) {
        this.#delivery.enqueue({ id: endpoint.id, url: endpoint.url, secret: endpoint.secret }, event);
      }
    }
  }

  #release(): void {
    if (this.#open > 0) return;
    const held = this.#held;
    this.#held = [];
    for (const event of held) this.#dispatch(event);
  }
}
