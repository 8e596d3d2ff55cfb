import * as z from 'zod/mini';
import { errorStatus } from './error-codes.js';
import { ErrorBody } from './errors.js';
import type { RouteDefinition } from './route.js';
import { routes } from './routes.js';
import { systemRoutes } from './system-routes.js';

type JsonSchema = { [key: string]: unknown };

export interface OpenApiOptions {
  /** Where the billing router is mounted. */
  prefix?: string;
  title?: string;
  version?: string;
}

/**
 * Prints the OpenAPI 3.1 document from the route table. Named schemas (`.meta({ id })`) become
 * components; a schema that differs between request (input) and response (output) gets an `…Input` twin.
 */
export function createOpenApiDocument(options: OpenApiOptions = {}) {
  const prefix = options.prefix ?? '/api/billing';
  const components = new ComponentCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const allRoutes: [string, RouteDefinition][] = [...Object.entries(routes), ...Object.entries(systemRoutes)];
  // Responses first, so the output form of a shared schema owns its plain name.
  for (const [, route] of allRoutes) {
    for (const schema of Object.values(route.responses)) components.schema(schema, 'output');
  }
  components.schema(ErrorBody, 'output');
  for (const [operationId, route] of allRoutes) {
    const isSystem = operationId in systemRoutes && route.path !== '/webhooks/stripe';
    const path = (isSystem ? route.path : `${prefix}${route.path}`).replace(
      /:([A-Za-z_][A-Za-z0-9_]*)/g,
      '{$1}',
    );
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(
      operationId,
      route,
      components,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'billing-kit API',
      version: options.version ?? '0.1.0',
      description: 'Subscriptions, credits, quotas and usage on Stripe. Every error answers `ErrorBody`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(allRoutes.map(([, route]) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-billing-api-key' },
        stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
      },
    },
  };
}

function operation(operationId: string, route: RouteDefinition, components: ComponentCollector) {
  const parameters = [
    ...fieldsOf(route.params).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema: components.schema(schema, 'input'),
    })),
    ...fieldsOf(route.query).map(([name, schema]) => ({
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      schema: components.schema(schema, 'input'),
      ...descriptionOf(schema),
    })),
    ...(route.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Repeating a key replays the first answer instead of acting twice.',
            schema: { type: 'string', maxLength: 255 },
          },
        ]
      : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = {
      description: 'Success',
      content: { 'application/json': { schema: components.schema(schema, 'output') } },
    };
  }
  const errorRef = components.schema(ErrorBody, 'output');
  for (const status of [...new Set(route.errors.map((code) => errorStatus[code]))].sort()) {
    const codes = route.errors.filter((code) => errorStatus[code] === status);
    responses[String(status)] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: errorRef } },
    };
  }
  return {
    operationId,
    summary: route.summary,
    tags: [route.tag],
    security: securityOf(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.schema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(route.rateLimited ? { 'x-rate-limited': true } : {}),
  };
}

function securityOf(route: RouteDefinition) {
  switch (route.auth) {
    case 'public':
      return [];
    case 'member':
    case 'admin':
      return [{ bearer: [] }];
    case 'member_or_api_key':
      return [{ bearer: [] }, { apiKey: [] }];
    case 'stripe_signature':
      return [{ stripeSignature: [] }];
  }
}

function fieldsOf(schema: z.ZodMiniObject | undefined): [string, z.ZodMiniType][] {
  return schema ? (Object.entries(schema.shape) as [string, z.ZodMiniType][]) : [];
}

function descriptionOf(schema: z.ZodMiniType): { description?: string } {
  const description = z.globalRegistry.get(schema)?.description;
  return description ? { description } : {};
}

class ComponentCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  schema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const {
      $defs,
      $schema: _ignored,
      ...root
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    // A named root comes back as `{ $ref: '#/$defs/Name' }` beside its definition.
    const entries: [string, JsonSchema][] = Object.entries($defs ?? {});
    // A definition's final name depends on the names of those it refers to, so settle names to a fixpoint.
    const renamed = new Map(entries.map(([id]) => [id, id]));
    for (let round = 0, changed = true; changed && round < 10; round++) {
      changed = false;
      for (const [id, definition] of entries) {
        const name = this.nameFor(id, rewriteRefs(definition, renamed), io);
        if (name !== renamed.get(id)) {
          renamed.set(id, name);
          changed = true;
        }
      }
    }
    for (const [id, definition] of entries) {
      this.schemas[renamed.get(id) ?? id] ??= rewriteRefs(definition, renamed);
    }
    return rewriteRefs(root, renamed);
  }

  /** Request (input) and response (output) forms can differ, e.g. by defaults; the input form gets a twin. */
  private nameFor(id: string, definition: JsonSchema, io: 'input' | 'output'): string {
    const existing = this.schemas[id];
    if (existing === undefined || JSON.stringify(existing) === JSON.stringify(definition)) return id;
    return io === 'input' ? `${id}Input` : `${id}Output`;
  }
}

function rewriteRefs(value: JsonSchema, renamed: Map<string, string>): JsonSchema {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) => {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
      const id = inner.slice('#/$defs/'.length);
      return `#/components/schemas/${renamed.get(id) ?? id}`;
    }
    return inner;
  }) as JsonSchema;
}
