// The end-to-end world: `npm start`'s stack (emulator, billing server on PGlite, the built demo app) on a
// fresh data directory and free ports, and Debian's Chromium driven by playwright-core. Each test saves a
// screenshot under test-results/e2e/; `npm run screenshots` also writes them to docs/screenshots/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from '../stack/paths.js';
import type { PersonaId } from '../stack/personas.js';
import { type DemoStack, startDemoStack } from '../stack/stack.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export type DemoPage = 'write' | 'pricing' | 'billing' | 'admin';

export interface E2eWorld {
  stack: DemoStack;
  browser: Browser;
  page: Page;
  /** Opens the demo as a persona on a page, and waits for the app to render it. */
  open(persona: PersonaId, page: DemoPage): Promise<void>;
  /**
   * Saves a screenshot of the whole page as `<name>.png` under test-results/e2e/; `publish` marks the
   * README's key screens, which `npm run screenshots` also writes to docs/screenshots/.
   */
  screenshot(name: string, options?: { publish?: boolean }): Promise<void>;
  close(): Promise<void>;
}

const resultsDir = join(repoRoot, 'test-results', 'e2e');
const publishDir = process.env.BILLING_SCREENSHOTS_DIR
  ? join(repoRoot, process.env.BILLING_SCREENSHOTS_DIR)
  : null;

export async function startE2eWorld(): Promise<E2eWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bk-e2e-'));
  const lines: string[] = [];
  const stack = await startDemoStack({
    dataDir,
    port: 0,
    emulatorPort: 0,
    adminCustomers: 60,
    logLevel: 'warn',
    log: (line) => lines.push(line),
  });
  if (stack.ui !== 'built' && stack.ui !== 'up-to-date') {
    await stack.stop();
    throw new Error(`The demo app did not build (${stack.ui}):\n${lines.join('\n')}`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  mkdirSync(resultsDir, { recursive: true });
  if (publishDir) mkdirSync(publishDir, { recursive: true });
  return {
    stack,
    browser,
    page,
    async open(persona, target) {
      await page.goto(`${stack.url}/?as=${persona}#/${target}`);
      await page.getByRole('main').waitFor();
    },
    async screenshot(name, options = {}) {
      const shot = await page.screenshot({ fullPage: true, animations: 'disabled' });
      writeFileSync(join(resultsDir, `${name}.png`), shot);
      if (publishDir && options.publish) writeFileSync(join(publishDir, `${name}.png`), shot);
    },
    async close() {
      await browser.close();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
