import { createOpenApiDocument } from './openapi.js';

/** The committed `openapi.json`, byte for byte: a test fails when the file is stale. */
export function openApiJson(): string {
  return `${JSON.stringify(createOpenApiDocument(), null, 2)}\n`;
}
