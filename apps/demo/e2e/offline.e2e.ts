// `npm run demo:offline`'s promise: the static build runs on the MSW mocks alone, hosted under any path —
// here `/quill/` on a bare static file server, in Chromium, with no billing server anywhere.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAppDir } from '../stack/paths.js';
import { chromiumFlags, chromiumPath } from './harness.js';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

let outDir: string;
let server: Server;
let browser: Browser;
let page: Page;
let origin: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'bk-demo-offline-'));
  await build({ root: demoAppDir, mode: 'offline', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/quill/')) {
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(decodeURIComponent(path.slice('/quill/'.length)) || 'index.html').replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(outDir, relative);
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  page = await browser.newPage({
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

it('runs from static files under a sub-path, spending mock credits, with time travel switched off', async () => {
  await page.goto(`${origin}/quill/?as=pro#/write`);
  await page.getByText('Offline: mock data').waitFor();
  const meter = page.getByRole('meter', { name: 'Credits' });
  await meter.waitFor();
  const before = Number(await meter.getAttribute('aria-valuenow'));
  await page.getByRole('radio', { name: /Tagline/ }).check();
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('heading', { name: 'Your draft' }).waitFor();
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBe(before + 1);
  expect(await page.getByRole('button', { name: '+1 month' }).isDisabled()).toBe(true);
  await page.getByLabel('Viewing as').selectOption('admin');
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('table', { name: 'Customers' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).fill('zz-nobody-has-this');
  await page.getByText('No customers match.').waitFor();
});
