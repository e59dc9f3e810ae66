/** At 375 px wide nothing overflows horizontally, on every page. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstSymbol, launchBrowser, saveScreenshot, symbolPath } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

describe.skipIf(skipReason !== '')(`375 px wide${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let symbol: string;

  beforeAll(async () => {
    symbol = await firstSymbol(baseUrl);
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const pages = (): [string, string, string][] => [
    ['markets', '/markets', '.market-row'],
    ['symbol', symbolPath(symbol), '[data-testid=candle-chart][data-last-candle]'],
    ['system', '/system', '[data-page=system]'],
    ['portfolio', '/portfolio', '[data-page=portfolio]'],
    ['bots', '/bots', '[data-page=bots]'],
    ['alerts', '/alerts', '[data-page=alerts]'],
  ];

  it('has no horizontal overflow on any page', async () => {
    for (const [name, path, ready] of pages()) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
        culprits: [...document.querySelectorAll<HTMLElement>('body *')]
          .filter(
            (e) =>
              e.getBoundingClientRect().right > window.innerWidth + 1 &&
              !e.closest('.table-wrap, .candle-chart, .uplot-host'),
          )
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      }));
      await saveScreenshot(page, `${name}-375`);
      expect(overflow.scroll, `${name} overflows: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(
        overflow.width,
      );
    }
  });
});
