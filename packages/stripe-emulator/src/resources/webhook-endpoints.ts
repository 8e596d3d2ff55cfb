import type { EmulatorContext } from '../context.js';
import { apiVersion } from '../event-bus.js';
import { newId, randomToken } from '../ids.js';
import { newestFirst, paginate } from '../list-pagination.js';
import type { WebhookEndpointObject } from '../objects.js';
import { api, type Route } from '../router.js';
import { invalidParam, resourceMissing } from '../stripe-errors.js';

export function addWebhookEndpoint(
  context: EmulatorContext,
  url: string,
  secret: string | undefined,
  enabledEvents: string[] = ['*'],
  description: string | null = null,
): WebhookEndpointObject {
  const endpoint = {
    id: newId('we'),
    object: 'webhook_endpoint',
    api_version: apiVersion,
    application: null,
    created: context.realNow(),
    description,
    enabled_events: enabledEvents,
    livemode: false,
    metadata: {},
    secret: secret ?? `whsec_${randomToken(32)}`,
    status: 'enabled',
    url,
  } satisfies WebhookEndpointObject;
  context.store.webhookEndpoints.set(endpoint.id, endpoint);
  context.changed();
  return endpoint;
}

/** Stripe shows an endpoint's secret only in the response that created it. */
function withoutSecret(endpoint: WebhookEndpointObject): WebhookEndpointObject {
  const { secret: _secret, ...rest } = endpoint;
  return rest;
}

function requireEndpoint(context: EmulatorContext, id: string): WebhookEndpointObject {
  const endpoint = context.store.webhookEndpoints.get(id);
  if (!endpoint) throw resourceMissing('webhook_endpoint', 'webhook endpoint', id);
  return endpoint;
}

export const webhookEndpointRoutes: Route[] = [
  api('POST', '/v1/webhook_endpoints', ({ params }, context) => {
    const url = params.requiredString('url');
    if (!/^https?:\/\//.test(url))
      throw invalidParam('url', 'Invalid URL: must start with http:// or https://', 'url_invalid');
    const events = params.strings('enabled_events');
    if (events.length === 0)
      throw invalidParam('enabled_events', 'Missing required param: enabled_events.', 'parameter_missing');
    return addWebhookEndpoint(context, url, undefined, events, params.string('description') ?? null);
  }),
  api('GET', '/v1/webhook_endpoints', ({ params }, context) =>
    paginate(
      newestFirst(context.store.webhookEndpoints.values()).map(withoutSecret),
      params,
      '/v1/webhook_endpoints',
    ),
  ),
  api('GET', '/v1/webhook_endpoints/:id', ({ pathParams }, context) =>
    withoutSecret(requireEndpoint(context, pathParams.id ?? '')),
  ),
  api('POST', '/v1/webhook_endpoints/:id', ({ params, pathParams }, context) => {
    const endpoint = requireEndpoint(context, pathParams.id ?? '');
    if (params.has('url')) endpoint.url = params.requiredString('url');
    if (params.has('enabled_events')) endpoint.enabled_events = params.strings('enabled_events');
    if (params.has('disabled')) endpoint.status = params.boolean('disabled') ? 'disabled' : 'enabled';
    if (params.has('metadata')) endpoint.metadata = params.metadata(endpoint.metadata);
    context.changed();
    return withoutSecret(endpoint);
  }),
  api('DELETE', '/v1/webhook_endpoints/:id', ({ pathParams }, context) => {
    const endpoint = requireEndpoint(context, pathParams.id ?? '');
    context.store.webhookEndpoints.delete(endpoint.id);
    context.changed();
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  }),
];
