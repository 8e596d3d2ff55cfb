import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { apiVersion } from './event-bus.js';
import { applyExpansions } from './expand.js';
import { type FormObject, formFromJson, parseFormBody, parseQueryString } from './form-body.js';
import { IdempotencyCache } from './idempotency.js';
import { newId } from './ids.js';
import { withoutUnrequestedFields } from './includable-fields.js';
import { knownParams } from './known-params.js';
import { Params } from './params.js';
import { isMeterEventSessionToken } from './resources/meter-events-v2.js';
import { type HttpMethod, matchRoute, type PageResponse, type Route } from './router.js';
import { authenticationRequired, invalidParam, StripeApiError } from './stripe-errors.js';
import { clone } from './wire.js';

const methods: readonly string[] = ['GET', 'POST', 'DELETE'];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'application/json',
    'stripe-version': apiVersion,
    ...headers,
  });
  response.end(body);
}

function errorJson(error: StripeApiError): string {
  return JSON.stringify({ error: error.body }, null, 2);
}

/** The secret key Stripe's SDK sends; anything but a test secret or restricted key is refused. */
function apiKeyOf(request: IncomingMessage, acceptsToken: (token: string) => boolean): string {
  const header = request.headers.authorization;
  if (!header) {
    throw authenticationRequired(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  // `curl -u sk_test_…:` sends the key as the Basic-auth user name, which Stripe accepts too.
  const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  const key = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : '') ?? '';
  if (!/^(sk|rk)_test_\w+/.test(key) && !acceptsToken(key)) {
    const shown = key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.min(key.length - 8, 20))}` : key;
    throw authenticationRequired(`Invalid API Key provided: ${shown}`);
  }
  return key;
}

function parsePost(request: IncomingMessage, body: string): FormObject {
  const type = request.headers['content-type'] ?? '';
  if (!type.includes('application/json')) return parseFormBody(body);
  if (!body.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalidParam('body', 'The request body is not valid JSON.');
  }
  const form = formFromJson(parsed);
  return typeof form === 'object' && !Array.isArray(form) ? form : {};
}

/** Stripe refuses parameters it does not know, which catches typos a lenient fake would hide. */
function rejectUnknownParams(route: string, form: FormObject): void {
  const known = knownParams[route];
  if (!known) return;
  for (const key of Object.keys(form)) {
    if (!known.includes(key)) {
      throw invalidParam(key, `Received unknown parameter: ${key}`, 'parameter_unknown');
    }
  }
}

interface Incoming {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: HttpMethod;
  body: string;
  pathParams: Record<string, string>;
}

function servePage(route: Route & { kind: 'page' }, incoming: Incoming, context: EmulatorContext): void {
  const { request, response, url, method, body, pathParams } = incoming;
  let json: unknown = null;
  if ((request.headers['content-type'] ?? '').includes('application/json') && body) {
    try {
      json = JSON.parse(body);
    } catch {
      sendJson(response, 400, JSON.stringify({ error: { message: 'Invalid JSON body' } }));
      return;
    }
  }
  const page: PageResponse = route.handler(
    {
      method,
      path: url.pathname,
      pathParams,
      query: parseQueryString(url.search),
      form: method === 'POST' ? parsePost(request, body) : {},
      json,
    },
    context,
  );
  if (method === 'POST') context.changed();
  response.writeHead(page.status, page.headers ?? {});
  response.end(page.body);
}

/** Runs an API handler: JSON answer (expanded as asked) or Stripe's error JSON, recorded for replay. */
function runApi(
  route: Route & { kind: 'api' },
  incoming: Incoming,
  context: EmulatorContext,
  form: FormObject,
): { status: number; answer: string } {
  const params = new Params(form);
  try {
    rejectUnknownParams(`${incoming.method} ${route.path}`, form);
    const request = {
      method: incoming.method,
      path: incoming.url.pathname,
      params,
      pathParams: incoming.pathParams,
    };
    const result = route.handler(request, context);
    const expand = params.expand();
    // Handlers answer stored objects: work on a copy so expanding and trimming never touch the store.
    const shown = withoutUnrequestedFields(applyExpansions(context, clone(result), expand), expand);
    return { status: 200, answer: JSON.stringify(shown, null, 2) };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return { status: error.status, answer: errorJson(error) };
  }
}

function serveApi(
  route: Route & { kind: 'api' },
  incoming: Incoming,
  context: EmulatorContext,
  idempotency: IdempotencyCache,
): void {
  const { request, response, url, method, body } = incoming;
  const requestId = newId('req', 14);
  const idempotencyKey =
    method === 'POST' ? (request.headers['idempotency-key'] as string | undefined) : undefined;
  try {
    // The v2 meter event stream authenticates with a short-lived meter event session token.
    const apiKey = apiKeyOf(
      request,
      (token) =>
        url.pathname === '/v2/billing/meter_event_stream' && isMeterEventSessionToken(context, token),
    );
    const fingerprintSource = `${method} ${url.pathname}?${url.search} ${body}`;
    const replay = idempotencyKey ? idempotency.lookup(apiKey, idempotencyKey, fingerprintSource) : undefined;
    if (replay && idempotencyKey) {
      sendJson(response, replay.status, replay.body, {
        'request-id': requestId,
        'idempotent-replayed': 'true',
        'idempotency-key': idempotencyKey,
      });
      return;
    }
    const form =
      method === 'POST'
        ? { ...parseQueryString(url.search), ...parsePost(request, body) }
        : parseQueryString(url.search);
    context.events.currentRequest = { id: requestId, idempotencyKey: idempotencyKey ?? null };
    let outcome: { status: number; answer: string };
    try {
      outcome = runApi(route, incoming, context, form);
    } finally {
      context.events.currentRequest = null;
    }
    if (idempotencyKey) {
      idempotency.remember(apiKey, idempotencyKey, fingerprintSource, outcome.status, outcome.answer);
    }
    if (method !== 'GET') context.changed();
    const headers: Record<string, string> = { 'request-id': requestId };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    sendJson(response, outcome.status, outcome.answer, headers);
  } catch (error) {
    if (error instanceof StripeApiError) {
      sendJson(response, error.status, errorJson(error), { 'request-id': requestId });
      return;
    }
    console.error(`[stripe-emulator] ${method} ${url.pathname} failed:`, error);
    const message = error instanceof Error ? error.message : String(error);
    sendJson(
      response,
      500,
      JSON.stringify({ error: { type: 'api_error', message: `Emulator error: ${message}` } }),
      // An emulator bug will not fix itself on retry.
      { 'request-id': requestId, 'stripe-should-retry': 'false' },
    );
  }
}

function notFound(response: ServerResponse, method: string, url: URL): void {
  if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v2/')) {
    const error = new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${url.pathname}).`,
    });
    sendJson(response, 404, errorJson(error));
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}

export function createHttpServer(routes: readonly Route[], context: EmulatorContext): Server {
  const idempotency = new IdempotencyCache();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator.local');
    const method = (request.method ?? 'GET').toUpperCase();
    const body = await readBody(request);
    const match = methods.includes(method) ? matchRoute(routes, method, url.pathname) : undefined;
    if (!match) {
      notFound(response, method, url);
      return;
    }
    const incoming: Incoming = {
      request,
      response,
      url,
      method: method as HttpMethod,
      body,
      pathParams: match.pathParams,
    };
    if (match.route.kind === 'page') servePage(match.route, incoming, context);
    else serveApi(match.route, incoming, context, idempotency);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[stripe-emulator] request failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(error instanceof Error ? error.message : 'Internal error');
    });
  });
}
