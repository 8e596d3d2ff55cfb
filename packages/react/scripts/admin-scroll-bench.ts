// `npm run bench` (browser part): BillingAdmin with 10,000 customers loaded, scrolled top to bottom and
// re-sorted in Debian's Chromium; reports main-thread long tasks (PERF.md: none over 50 ms). The page is
// bench/admin-scroll (the component alone, production React, the mocks in a service worker), built here
// with Vite. Skips with a message where /usr/bin/chromium is missing.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const chromiumPath = '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log('\nBillingAdmin scroll benchmark skipped: install Debian chromium (/usr/bin/chromium).');
  process.exit(0);
}
const root = `${mkdtempSync(join(tmpdir(), 'bk-admin-bench-'))}/`;
await build({
  root: fileURLToPath(new URL('../bench/admin-scroll/', import.meta.url)),
  logLevel: 'silent',
  resolve: { conditions: ['@billing-kit/source', 'browser', 'module', 'import', 'default'] },
  build: { outDir: root, emptyOutDir: true, target: 'es2022' },
});
copyFileSync(
  fileURLToPath(new URL('../../../.storybook/public/mockServiceWorker.js', import.meta.url)),
  join(root, 'mockServiceWorker.js'),
);

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(root) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response
    .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    .end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${origin}/index.html`);
  const table = page.getByRole('table', { name: 'Customers' });
  await table.waitFor({ timeout: 60_000 });
  const scroller = page.locator('.bk-customers__scroll');
  const loaded = () => table.getAttribute('aria-rowcount').then((count) => Number(count) - 1);
  // Load every page by scrolling to the end until the count stops growing.
  for (let previous = -1, rounds = 0; rounds < 400; rounds++) {
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await page.waitForTimeout(40);
    const now = await loaded();
    if (now === previous && now >= 10_000) break;
    previous = now;
  }
  const rows = await loaded();
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
  });
  const sweepStarted = Date.now();
  await scroller.evaluate(async (element) => {
    element.scrollTop = 0;
    for (let top = 0; top < element.scrollHeight; top += 600) {
      element.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    }
  });
  const sweepMs = Date.now() - sweepStarted;
  const scrollTasks = await page.evaluate(() => [
    ...(window as unknown as { __longTasks: number[] }).__longTasks,
  ]);
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
  });
  await table.getByRole('button', { name: 'MRR' }).click();
  await page.waitForTimeout(1_500);
  const sortTasks = await page.evaluate(() => [
    ...(window as unknown as { __longTasks: number[] }).__longTasks,
  ]);
  const summary = (tasks: number[]) =>
    tasks.length === 0 ? 'none' : `${tasks.length} (longest ${Math.max(...tasks).toFixed(0)} ms)`;
  console.log('\nBillingAdmin in Chromium — long tasks (> 50 ms) on the main thread; target: none');
  console.log(`| step | long tasks |\n| --- | --- |`);
  console.log(
    `| scroll through ${rows.toLocaleString('en-US')} loaded customers (${sweepMs} ms, 600 px a frame) | ${summary(scrollTasks)} |`,
  );
  console.log(`| sort by MRR (server-side, mock worker) | ${summary(sortTasks)} |`);
} finally {
  await browser.close();
  server.close();
}
