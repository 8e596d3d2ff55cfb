import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createOpenApiDocument } from './openapi.js';
import { openApiJson } from './openapi-json.js';
import { routes } from './routes.js';

const document = createOpenApiDocument();

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') into.push(inner);
      else collectRefs(inner, into);
    }
  }
  return into;
}

describe('the OpenAPI document', () => {
  test('the committed openapi.json is current (run `npm run openapi` after changing a schema)', () => {
    const committed = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');
    expect(
      committed === openApiJson(),
      'packages/contracts/openapi.json is stale: run `npm run openapi`',
    ).toBe(true);
  });

  test('is OpenAPI 3.1 with one operation per route, under the prefix', () => {
    expect(document.openapi).toBe('3.1.0');
    const operationIds = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => (operation as { operationId: string }).operationId),
    );
    for (const name of Object.keys(routes)) expect(operationIds).toContain(name);
    expect(document.paths['/api/billing/accounts/{accountId}/subscription']).toBeDefined();
    expect(createOpenApiDocument({ prefix: '/billing' }).paths['/billing/catalog']).toBeDefined();
  });

  test('every $ref resolves to a component, and no JSON Schema $defs are left behind', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
  });

  test('errors are documented with the one error shape', () => {
    const track = document.paths['/api/billing/accounts/{accountId}/track']?.post as {
      responses: Record<string, { description: string; content: unknown }>;
      parameters: { name: string; in: string }[];
    };
    expect(track.responses['402']?.description).toBe('insufficient_credits, quota_exceeded');
    expect(JSON.stringify(track.responses['402']?.content)).toContain('#/components/schemas/ErrorBody');
    expect(track.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(document.components.schemas.ErrorCode).toMatchObject({
      enum: expect.arrayContaining(['not_configured']),
    });
  });
});
