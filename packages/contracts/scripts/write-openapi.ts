// `npm run openapi`: prints the OpenAPI document from the route table into openapi.json.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiJson } from '../src/openapi-json.js';

const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, openApiJson());
console.log(`wrote ${target}`);
