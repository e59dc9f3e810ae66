/**
 * axe-core finds no serious or critical accessibility violation on any page, its dialogs and the
 * sign-in form (on a second server, with authentication on; also with its error shown), at desktop
 * width and at 375 px, in the dark and the light theme.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type AxeCore from 'axe-core';
import { startAuthServer, submitLogin, testUser } from './auth-server.js';
import { firstSymbol, launchBrowser, openPageReady } from './harness.js';
import type { ServerHandle } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const THEME_STORAGE_KEY = 'tickdeck.theme';
const BLOCKING = new Set(['serious', 'critical']);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  '375px': { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

/** Inject axe-core and return the serious and critical violations on the current page. */
const blockingViolations = async (page: Page): Promise<Violation[]> => {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
};

const describeViolations = (violations: Violation[]): string =>
  violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.targets.join(' | ')}`).join('\n');

describe.skipIf(skipReason !== '')(
  `accessibility (axe-core)${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;
    let symbol: string;
    let authServer: ServerHandle;
    const user = testUser('axe', 'viewer');

    beforeAll(async () => {
      symbol = await firstSymbol(baseUrl);
      browser = await launchBrowser();
      authServer = await startAuthServer([user]);
    });

    afterAll(async () => {
      await browser?.close();
      await authServer?.stop();
    });

    for (const [width, options] of Object.entries(VIEWPORTS)) {
      for (const theme of ['dark', 'light'] as const) {
        describe(`${width}, ${theme} theme`, () => {
          let context: BrowserContext;
          let page: Page;

          beforeAll(async () => {
            // axe-core is injected as an inline script (addScriptTag), which the server's strict
            // Content-Security-Policy blocks, as it should; csp.e2e.test.ts checks the policy itself.
            context = await browser.newContext({ ...options, bypassCSP: true });
            await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
              THEME_STORAGE_KEY,
              theme,
            ] as const);
            page = await context.newPage();
          });

          afterAll(async () => {
            await context?.close();
          });

          for (const name of ['markets', 'symbol', 'portfolio', 'bots', 'alerts', 'system']) {
            it(`${name}: no serious or critical violation`, async () => {
              await openPageReady(page, baseUrl, name, symbol);
              expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
              const violations = await blockingViolations(page);
              expect(violations, `${name} (${width}, ${theme}):\n${describeViolations(violations)}`).toEqual(
                [],
              );
            });
          }

          it('the bot command confirmation: no serious or critical violation', async () => {
            await openPageReady(page, baseUrl, 'bots', symbol);
            await page.locator('[data-bot-card=paper] [data-command=stop]').click({ timeout: 15_000 });
            const dialog = page.locator('[data-testid=confirm-dialog][open]');
            await dialog.waitFor();
            const violations = await blockingViolations(page);
            await dialog.locator('[data-action=cancel]').click();
            await dialog.waitFor({ state: 'detached' });
            expect(
              violations,
              `confirm dialog (${width}, ${theme}):\n${describeViolations(violations)}`,
            ).toEqual([]);
          });

          it('the sign-in form, empty and with its error: no serious or critical violation', async () => {
            await page.goto(`${authServer.baseUrl}/markets`);
            await page.locator('[data-testid=login-form]').waitFor({ timeout: 15_000 });
            expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
            const empty = await blockingViolations(page);
            expect(empty, `sign-in form (${width}, ${theme}):\n${describeViolations(empty)}`).toEqual([]);
            await submitLogin(page, user.username, 'wrong-password');
            await page
              .locator('[data-testid=login-error]')
              .filter({ hasText: /\S/ })
              .waitFor({ timeout: 10_000 });
            const failed = await blockingViolations(page);
            expect(failed, `sign-in error (${width}, ${theme}):\n${describeViolations(failed)}`).toEqual([]);
          });

          it('the symbol jump dialog: no serious or critical violation', async () => {
            await openPageReady(page, baseUrl, 'markets', symbol);
            await page.keyboard.press('/');
            await page.locator('dialog.jump[open] input').waitFor();
            await page.keyboard.type(symbol.slice(0, 2));
            const violations = await blockingViolations(page);
            expect(
              violations,
              `jump dialog (${width}, ${theme}):\n${describeViolations(violations)}`,
            ).toEqual([]);
          });
        });
      }
    }
  },
);
