/** The Portfolio page shows the built-in paper bot's portfolio, its equity curve and its statistics. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, trackPageErrors } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

interface Stats {
  tradeCount: number;
  sharpe: number | null;
  winRate: number | null;
}

describe.skipIf(skipReason !== '')(`portfolio page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = trackPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the paper bot's portfolio with its statistics (deep link ?bot=paper)", async () => {
    await page.goto(`${baseUrl}/portfolio?bot=paper`);
    await page.locator('[data-page=portfolio][data-bot=paper][data-ready=true]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=bot-select]').inputValue()).toBe('paper');

    // Headline figures are numbers (the paper bot starts with cash, so equity is never missing).
    const equity = await page.locator('[data-testid=portfolio-summary] [data-field=equity]').textContent();
    expect(equity).toMatch(/^[\d,]+\.\d{2}$/);
    for (const field of ['totalPnl', 'dailyPnl', 'returnPct'])
      expect(
        await page.locator(`[data-testid=portfolio-summary] [data-field=${field}]`).textContent(),
      ).not.toBe('');

    // One statistics row for the bot, with every figure the issue names.
    const row = page.locator('[data-testid=stats-table] tbody tr[data-bot=paper]');
    await row.waitFor();
    expect(await page.locator('[data-testid=stats-table] tbody tr').count()).toBe(1);
    for (const stat of ['sharpe', 'sortino', 'winRate', 'profitFactor', 'maxDrawdown'])
      expect(await row.locator(`[data-field=${stat}]`).count()).toBe(1);

    // The trade count on screen is the server's (checked against REST, allowing a trade to close meanwhile).
    await expect
      .poll(async () => {
        const res = await fetch(`${baseUrl}/api/v1/stats?botId=paper`);
        const { stats } = (await res.json()) as { stats: Stats };
        return (await row.locator('[data-field=tradeCount]').textContent()) === String(stats.tradeCount);
      })
      .toBe(true);

    await page.locator('[data-testid=equity-chart] canvas').first().waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'portfolio-paper');
  });

  it('switches to every bot with the selector, keeping the URL in step', async () => {
    await page.locator('[data-testid=bot-select]').selectOption('');
    await page.locator('[data-page=portfolio][data-bot=all]').waitFor({ timeout: 5_000 });
    expect(new URL(page.url()).search).toBe('');
    await page.locator('[data-testid=stats-table] tbody tr[data-bot=paper]').waitFor();
  });

  it('threw no uncaught error in the page', () => {
    expect(errors).toEqual([]);
  });
});
