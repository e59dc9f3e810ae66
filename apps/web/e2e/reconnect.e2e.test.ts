/**
 * Killing and restarting the server: the indicator turns amber or red, the last values stay on
 * screen marked stale, then it turns green again and the chart continues by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  firstSymbol,
  freePort,
  launchBrowser,
  ownsServer,
  saveScreenshot,
  startServer,
  symbolPath,
} from './harness.js';
import type { ServerHandle } from './harness.js';

const skipReason =
  inject('skipReason') || (ownsServer() ? '' : 'TICKDECK_E2E_BASE_URL is set: cannot restart that server');

const chartState = (page: Page): Promise<{ count: number; last: string }> =>
  page.evaluate(() => {
    const chart = document.querySelector('[data-testid=candle-chart]');
    return {
      count: Number(chart?.getAttribute('data-candle-count') ?? 0),
      last: chart?.getAttribute('data-last-candle') ?? '',
    };
  });

describe.skipIf(skipReason !== '')(`server restart${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let server: ServerHandle;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'tickdeck-e2e-restart-'));

  beforeAll(async () => {
    port = await freePort();
    server = await startServer({ port, dataDir });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes amber or red when the server dies and green when it is back; the chart carries on', async () => {
    const symbol = await firstSymbol(server.baseUrl);
    await page.goto(`${server.baseUrl}${symbolPath(symbol)}`);
    await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candle-count')) > 0,
      undefined,
      { timeout: 15_000 },
    );
    const before = await chartState(page);

    await server.stop();
    await page
      .locator('[data-testid=connection][data-tone=warn], [data-testid=connection][data-tone=bad]')
      .waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=stale-banner]:not([hidden])').waitFor({ timeout: 5_000 });
    // The last state stays on screen (a minute may have closed just before the server went away).
    expect((await chartState(page)).count).toBeGreaterThanOrEqual(before.count);
    await saveScreenshot(page, 'symbol-offline');

    server = await startServer({ port, dataDir });
    // The backoff may have grown while the server was down: the reconnect button skips the wait.
    await page
      .locator('[data-testid=connection] button')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 40_000 });
    await page.locator('[data-testid=stale-banner][hidden]').waitFor({ state: 'attached', timeout: 5_000 });
    await page.waitForFunction(
      (initial) => {
        const chart = document.querySelector('[data-testid=candle-chart]');
        return (
          Number(chart?.getAttribute('data-candle-count')) >= initial.count &&
          chart?.getAttribute('data-last-candle') !== initial.last
        );
      },
      before,
      { timeout: 30_000 },
    );
    const after = await chartState(page);
    expect(Number(after.last.split(':')[0])).toBeGreaterThanOrEqual(Number(before.last.split(':')[0]));
  });
});
