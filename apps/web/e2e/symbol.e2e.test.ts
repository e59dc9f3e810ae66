/**
 * The symbol chart: at least 1000 candles (the snapshot plus older pages loaded by scrolling back),
 * read from the chart's series, and the open candle moving live.
 *
 * A fresh server only has as many 1m candles as minutes it has run: for 1000 it needs history,
 * e.g. a simulator backfill configured through TICKDECK_E2E_CONFIG.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstSymbol, launchBrowser, saveScreenshot, symbolPath } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

const candleCount = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candle-count') ?? 0),
  );

const lastCandle = (page: Page): Promise<string> =>
  page.evaluate(
    () => document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-last-candle') ?? '',
  );

describe.skipIf(skipReason !== '')(`symbol chart${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const symbol = await firstSymbol(baseUrl);
    await page.goto(`${baseUrl}${symbolPath(symbol)}`);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candle-count')) > 0,
      undefined,
      {
        timeout: 15_000,
      },
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('holds at least 1000 candles, scrolling back for older ones', async () => {
    const box = await page.locator('[data-testid=candle-chart]').boundingBox();
    if (!box) throw new Error('no chart on the page');
    // Drag the chart to the right (towards older candles) until it holds 1000 or stops growing.
    let count = await candleCount(page);
    for (let attempt = 0; attempt < 10 && count < 1000; attempt += 1) {
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.3, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(500);
      const next = await candleCount(page);
      if (next === count && attempt > 2) break;
      count = next;
    }
    await saveScreenshot(page, 'symbol-scrolled-back');
    expect(
      count,
      `the chart holds ${count} candles; a fresh server needs a backfill of >= 1000 minutes`,
    ).toBeGreaterThanOrEqual(1000);
  });

  it('moves the last candle live', async () => {
    const before = await lastCandle(page);
    expect(before).toMatch(/^\d+:/);
    await page.waitForFunction(
      (initial) =>
        document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-last-candle') !== initial,
      before,
      { timeout: 30_000 },
    );
  });

  it('switches timeframe in place, from the URL', async () => {
    await page.locator('.tf-switch a[data-tf="5m"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tf') === '5m');
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candle-count')) > 0,
      undefined,
      {
        timeout: 15_000,
      },
    );
    expect(await page.locator('.tf-switch a[aria-current=true]').textContent()).toBe('5m');
  });
});
