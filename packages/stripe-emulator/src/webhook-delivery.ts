import type { EventObject } from './objects.js';
import { signWebhookPayload } from './webhook-signature.js';

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
}

export interface Delivery {
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
}

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

/**
 * Delivers events to endpoints: one POST at a time per endpoint in creation order, a failed one is
 * retried on `retrySchedule` (ms) without holding back the events behind it, as Stripe promises no order.
 */
export class WebhookDelivery {
  readonly #retrySchedule: readonly number[];
  readonly #deliveries: Delivery[] = [];
  readonly #queues = new Map<string, Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #inFlight = 0;
  #waiters: (() => void)[] = [];
  #stopped = false;

  constructor(retrySchedule: readonly number[]) {
    this.#retrySchedule = retrySchedule;
  }

  get deliveries(): readonly Delivery[] {
    return this.#deliveries;
  }

  enqueue(target: WebhookTarget, event: EventObject): void {
    const delivery: Delivery = {
      eventId: event.id,
      eventType: event.type,
      endpointId: target.id,
      url: target.url,
      status: 'pending',
      attempts: [],
    };
    this.#deliveries.push(delivery);
    this.#inFlight++;
    this.#chain(target.id, () => this.#attempt(target, event, delivery));
  }

  waitForAll(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const delivery of this.#deliveries) if (delivery.status === 'pending') delivery.status = 'failed';
    this.#inFlight = 0;
    this.#settle();
  }

  #chain(endpointId: string, task: () => Promise<void>): void {
    const previous = this.#queues.get(endpointId) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.#queues.set(endpointId, next);
  }

  async #attempt(target: WebhookTarget, event: EventObject, delivery: Delivery): Promise<void> {
    if (this.#stopped) return;
    const payload = JSON.stringify(event, null, 2);
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signWebhookPayload(payload, target.secret, timestamp),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (this.#stopped) return;
    delivery.attempts.push({ at: Date.now(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = 'delivered';
      // The stored event counts what is still owed, which `events.list({ delivery_success })` reads.
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      this.#finish();
      return;
    }
    const delay = this.#retrySchedule[delivery.attempts.length - 1];
    if (delay === undefined) {
      delivery.status = 'failed';
      this.#finish();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#chain(target.id, () => this.#attempt(target, event, delivery));
    }, delay);
    this.#timers.add(timer);
  }

  #finish(): void {
    this.#inFlight--;
    this.#settle();
  }

  #settle(): void {
    if (this.#inFlight > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
