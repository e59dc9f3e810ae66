/**
 * The dashboard satisfies the server's Content-Security-Policy (no `unsafe-inline`): every page, its
 * dialogs, both themes and the sign-in form (on a second server, with authentication on) open without
 * a single `securitypolicyviolation` event or CSP console error. /docs (Swagger UI, with its own
 * hash-based policy) renders too.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAuthServer, submitLogin, testUser } from './auth-server.js';
import { firstSymbol, launchBrowser, openPageReady, PAGES } from './harness.js';
import type { ServerHandle } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

/** Records every violation the page reports, from before any script of the page runs. */
const RECORD_VIOLATIONS = () => {
  const list: string[] = [];
  (window as unknown as { __csp: string[] }).__csp = list;
  document.addEventListener('securitypolicyviolation', (e) =>
    list.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
  );
};

describe.skipIf(skipReason !== '')(
  `Content-Security-Policy${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let symbol: string;
    const consoleErrors: string[] = [];

    const violations = async (): Promise<string[]> => [
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
      ...consoleErrors.splice(0),
    ];

    beforeAll(async () => {
      symbol = await firstSymbol(baseUrl);
      browser = await launchBrowser();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(RECORD_VIOLATIONS);
      page = await context.newPage();
      page.on('console', (m) => {
        const text = m.text();
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text))
          consoleErrors.push(text);
      });
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('is sent with the dashboard, strict', async () => {
      const res = await fetch(`${baseUrl}/markets`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    });

    for (const name of PAGES) {
      it(`${name}: no violation`, async () => {
        await openPageReady(page, baseUrl, name, symbol);
        expect(await violations()).toEqual([]);
      });
    }

    it('the light theme, the bot command dialog and the jump dialog: no violation', async () => {
      await context.addInitScript(() => localStorage.setItem('tickdeck.theme', 'light'));
      await openPageReady(page, baseUrl, 'bots', symbol);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.locator('[data-bot-card=paper] [data-command=stop]').click({ timeout: 15_000 });
      const dialog = page.locator('[data-testid=confirm-dialog][open]');
      await dialog.waitFor();
      await dialog.locator('[data-action=cancel]').click();
      await openPageReady(page, baseUrl, 'markets', symbol);
      await page.keyboard.press('/');
      await page.locator('dialog.jump[open] input').waitFor();
      await page.keyboard.type(symbol.slice(0, 2));
      expect(await violations()).toEqual([]);
    });

    it('the sign-in form (authentication on), its error, in both themes, then signed in: no violation', async () => {
      const user = testUser('csp', 'viewer');
      let auth: ServerHandle | undefined;
      try {
        auth = await startAuthServer([user]);
        for (const theme of ['dark', 'light']) {
          await context.addInitScript((t) => localStorage.setItem('tickdeck.theme', t), theme);
          await page.goto(`${auth.baseUrl}/markets`);
          await submitLogin(page, user.username, 'wrong-password');
          await page
            .locator('[data-testid=login-error]')
            .filter({ hasText: /\S/ })
            .waitFor({ timeout: 10_000 });
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        }
        await submitLogin(page, user.username, user.password);
        await page.locator('[data-testid=user-menu]').waitFor({ state: 'visible', timeout: 15_000 });
        await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
        await page.locator('[data-action=logout]').click();
        await page.locator('[data-testid=login-form]').waitFor();
        expect(await violations()).toEqual([]);
      } finally {
        await auth?.stop();
      }
    });

    it('/docs renders Swagger UI under its own policy', async () => {
      await page.goto(`${baseUrl}/docs`);
      await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
      expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
      expect(await violations()).toEqual([]);
    });
  },
);
