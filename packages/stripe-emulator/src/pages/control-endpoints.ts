import { page, type Route } from '../router.js';
import type { Delivery } from '../webhook-delivery.js';
import { jsonResponse } from './html.js';

/** Read-only views for people running the CLI (tests use the handle's `deliveries()` instead). */
export function controlRoutes(deliveries: () => readonly Delivery[]): Route[] {
  return [
    page('GET', '/_emulator/deliveries', () => jsonResponse(200, { deliveries: deliveries() })),
    page('GET', '/_emulator/health', (_request, context) =>
      jsonResponse(200, { ok: true, url: context.baseUrl, events: context.store.events.size }),
    ),
  ];
}
