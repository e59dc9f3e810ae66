/** The market grid updates live. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

const lastPrices = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const row of document.querySelectorAll<HTMLElement>('.market-row')) {
      out[row.dataset.symbol ?? ''] = row.querySelector('[data-field=last]')?.textContent ?? '';
    }
    return out;
  });

describe.skipIf(skipReason !== '')(`markets grid${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every symbol the server follows, and prices change live', async () => {
    const { symbols } = (await (await fetch(`${baseUrl}/api/v1/symbols`)).json()) as {
      symbols: { symbol: string }[];
    };
    await page.goto(`${baseUrl}/markets`);
    await page.locator('.market-row [data-field=last]:not(:text("—"))').first().waitFor({ timeout: 15_000 });
    const before = await lastPrices(page);
    expect(Object.keys(before).sort()).toEqual(symbols.map((s) => s.symbol).sort());
    await page.waitForFunction(
      (initial) =>
        [...document.querySelectorAll<HTMLElement>('.market-row')].some(
          (row) => row.querySelector('[data-field=last]')?.textContent !== initial[row.dataset.symbol ?? ''],
        ),
      before,
      { timeout: 20_000 },
    );
  });

  it('filters and sorts', async () => {
    await page.fill('[data-testid=market-filter]', 'btc');
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.market-row')].every(
        (r) => r.hidden === !r.dataset.symbol?.includes('BTC'),
      ),
    );
    const visible = await page
      .locator('.market-row:visible')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.symbol));
    expect(visible.length).toBeGreaterThan(0);
    for (const s of visible) expect(s).toMatch(/BTC/);
    await page.fill('[data-testid=market-filter]', '');
    await page.locator('th button', { hasText: 'Symbol' }).click();
    await page.locator('th[aria-sort=descending]', { hasText: 'Symbol' }).waitFor();
    await page.waitForTimeout(100);
    const symbols = await page
      .locator('.market-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.symbol ?? ''));
    expect(symbols).toEqual([...symbols].sort().reverse());
  });
});
