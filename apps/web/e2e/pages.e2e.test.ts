/** Every page renders in Chromium against a real server; a screenshot of each is saved. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  firstSymbol,
  launchBrowser,
  openPageReady,
  saveScreenshot,
  symbolPath,
  trackPageErrors,
} from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

describe.skipIf(skipReason !== '')(
  `every page renders${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;
    let page: Page;
    let errors: string[];
    let symbol: string;

    beforeAll(async () => {
      symbol = await firstSymbol(baseUrl);
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      errors = trackPageErrors(page);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('connects: the indicator turns green', async () => {
      await page.goto(`${baseUrl}/markets`);
      await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid=connection]').textContent()).toMatch(/Live/);
    });

    it('markets: a row per symbol with prices', async () => {
      await page.goto(`${baseUrl}/markets`);
      await page
        .locator('.market-row [data-field=last]:not(:text("—"))')
        .first()
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('.market-row').count()).toBeGreaterThan(0);
      await saveScreenshot(page, 'markets');
    });

    it('symbol: the chart, the header figures and the tape', async () => {
      await openPageReady(page, baseUrl, 'symbol', symbol);
      expect(await page.locator('h1').textContent()).toBe(symbol);
      expect(await page.locator('.tf-switch a[aria-current=true]').textContent()).toBe('1m');
      await saveScreenshot(page, 'symbol');
    });

    it('system: live charts and the sources and stores tables', async () => {
      await page.goto(`${baseUrl}/system`);
      await page.locator('[data-chart=cpuPct] canvas').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-testid=sources-table] tbody tr').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-testid=stores-table] tbody tr').first().waitFor({ timeout: 15_000 });
      await saveScreenshot(page, 'system');
    });

    for (const name of ['portfolio', 'bots', 'alerts'] as const) {
      it(`${name}: the page renders its live content`, async () => {
        await page.goto(`${baseUrl}/${name}`);
        await page.locator(`[data-page=${name}][data-ready=true]`).waitFor({ timeout: 15_000 });
        await saveScreenshot(page, name);
      });
    }

    it('an unknown URL shows a not-found page', async () => {
      await page.goto(`${baseUrl}/no-such-page`);
      await page.locator('[data-page=not-found]').waitFor({ timeout: 10_000 });
    });

    it('navigates without reloading and keeps deep links', async () => {
      await page.goto(`${baseUrl}/markets`);
      await page.locator('.market-row a').first().waitFor({ timeout: 15_000 });
      await page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 42));
      await page.locator('nav.nav a[href="/system"]').click();
      await page.locator('[data-page=system]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/system');
      await page
        .locator('.market-row a')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await page.goBack();
      await page.locator('[data-page=markets]').waitFor();
      expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42);

      await page.goto(`${baseUrl}${symbolPath(symbol, '5m')}`);
      await page.locator('.tf-switch a[aria-current=true]').waitFor();
      expect(await page.locator('.tf-switch a[aria-current=true]').textContent()).toBe('5m');
    });

    it('jumps to a symbol with the keyboard', async () => {
      await page.goto(`${baseUrl}/markets`);
      await page.locator('[data-page=markets]').waitFor();
      await page.keyboard.press('/');
      await page.locator('dialog.jump[open] input').waitFor();
      await page.keyboard.type(symbol.replace('/', ''));
      await page.keyboard.press('Enter');
      await page.locator(`[data-page=symbol][data-symbol="${symbol}"]`).waitFor({ timeout: 10_000 });
    });

    it('switches to the light theme and remembers it', async () => {
      await page.goto(`${baseUrl}/markets`);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.locator('.header-tools button[aria-label*="light"]').click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await saveScreenshot(page, 'markets-light');
      await page.evaluate(() => localStorage.clear());
    });

    it('threw no uncaught error in the page', () => {
      expect(errors).toEqual([]);
    });
  },
);
